from odoo.tests import TransactionCase, tagged

from odoo.addons.dealer_jobs.tests.common import AddonSecurityMixin


@tagged("post_install", "-at_install")
class TestSecurity(AddonSecurityMixin, TransactionCase):
    addon = "dealer_reports"
    menu_xmlid = "dealer_reports.menu_dealer_reporting"

    def test_reports_manager_reads_reports_and_is_no_administrator(self):
        for group in (
            "dealer_jobs.group_dealer_manager",
            "dealer_jobs.group_dealer_sales_manager",
            "dealer_jobs.group_dealer_salesperson",
            "base.group_system",
            "base.group_erp_manager",
        ):
            self.assertFalse(self.manager.has_group(group), group)
        self.assertIn(self.menu.id, self.env["ir.ui.menu"].with_user(self.manager)._visible_menu_ids())
