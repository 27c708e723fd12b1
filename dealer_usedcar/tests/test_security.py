from odoo.tests import TransactionCase, tagged

from odoo.addons.dealer_jobs.tests.common import AddonSecurityMixin


@tagged("post_install", "-at_install")
class TestSecurity(AddonSecurityMixin, TransactionCase):
    addon = "dealer_usedcar"
    menu_xmlid = "dealer_usedcar.menu_dealer_usedcar"

    def test_user_is_a_dealer_user_and_manager_a_dealer_administrator(self):
        """Overrides the shared check: no used-car group implies the dealer suite's Administrator;
        the used-car manager is a dealer sales manager."""
        self.assertTrue(self.user.has_group("dealer_jobs.group_dealer_user"))
        self.assertFalse(self.user.has_group("dealer_jobs.group_dealer_manager"))
        self.assertTrue(self.manager.has_group("dealer_usedcar.group_dealer_usedcar_user"))
        self.assertTrue(self.manager.has_group("dealer_jobs.group_dealer_sales_manager"))
        self.assertFalse(self.manager.has_group("dealer_jobs.group_dealer_manager"))
