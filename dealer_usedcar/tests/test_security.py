from odoo.tests import TransactionCase, tagged

from odoo.addons.dealer_jobs.tests.common import AddonSecurityMixin


@tagged("post_install", "-at_install")
class TestSecurity(AddonSecurityMixin, TransactionCase):
    addon = "dealer_usedcar"
    menu_xmlid = "dealer_usedcar.menu_dealer_usedcar"

    def test_used_car_manager_is_a_dealer_sales_manager(self):
        self.assertTrue(self.manager.has_group("dealer_jobs.group_dealer_sales_manager"))
        self.assertFalse(self.manager.has_group("dealer_jobs.group_dealer_manager"))
