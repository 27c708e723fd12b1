from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSecurity(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.menu = cls.env.ref("dealer_fleet.menu_dealer_bookings")
        cls.dealer_user = new_test_user(cls.env, login="plain_dealer", groups="dealer_jobs.group_dealer_user")
        cls.user = new_test_user(cls.env, login="dealer_fleet_user", groups="dealer_fleet.group_dealer_fleet_user")
        cls.manager = new_test_user(
            cls.env, login="dealer_fleet_manager", groups="dealer_fleet.group_dealer_fleet_manager"
        )

    def test_dealer_fleet_menu_is_shown_to_its_users_only(self):
        menus = self.env["ir.ui.menu"]
        self.assertIn(self.menu.id, menus.with_user(self.user)._visible_menu_ids())
        self.assertNotIn(self.menu.id, menus.with_user(self.dealer_user)._visible_menu_ids())

    def test_dealer_fleet_user_is_a_dealer_user_and_manager_a_dealer_manager(self):
        self.assertTrue(self.user.has_group("dealer_jobs.group_dealer_user"))
        self.assertFalse(self.user.has_group("dealer_jobs.group_dealer_manager"))
        self.assertTrue(self.manager.has_group("dealer_fleet.group_dealer_fleet_user"))
        self.assertTrue(self.manager.has_group("dealer_jobs.group_dealer_manager"))
