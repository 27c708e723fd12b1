from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.dealer_jobs.tests.common import AddonSecurityMixin


@tagged("post_install", "-at_install")
class TestSecurity(AddonSecurityMixin, TransactionCase):
    addon = "dealer_reports"
    menu_xmlid = "dealer_reports.menu_dealer_reporting"

    @classmethod
    def setUpClass(cls):
        # the analyst group is dealer_reports.group_dealer_reports, not group_<addon>_user
        super(AddonSecurityMixin, cls).setUpClass()
        cls.menu = cls.env.ref(cls.menu_xmlid)
        cls.dealer_user = new_test_user(cls.env, login="plain_dealer", groups="dealer_jobs.group_dealer_user")
        cls.user = new_test_user(cls.env, login="dealer_reports_user", groups="dealer_reports.group_dealer_reports")
        cls.manager = new_test_user(
            cls.env, login="dealer_reports_manager", groups="dealer_reports.group_dealer_reports_manager"
        )

    def test_user_is_a_dealer_user_and_no_group_of_the_addon_implies_the_dealer_administrator(self):
        self.assertTrue(self.user.has_group("dealer_jobs.group_dealer_user"))
        self.assertTrue(self.manager.has_group("dealer_reports.group_dealer_reports"))
        administrator = self.env.ref("dealer_jobs.group_dealer_manager")
        own = self.env["ir.model.data"].search([("module", "=", self.addon), ("model", "=", "res.groups")])
        for group in self.env["res.groups"].browse(own.mapped("res_id")):
            self.assertNotIn(administrator, group.trans_implied_ids, group.full_name)

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
