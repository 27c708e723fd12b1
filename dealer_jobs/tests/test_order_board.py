"""The sales board: the stage follows the order's documents; a drag runs the matching action."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .order_common import OrderFlowCase


@tagged("post_install", "-at_install")
class TestOrderBoard(OrderFlowCase):
    def test_stage_follows_every_step_of_the_flow(self):
        order = self.make_order((self.mat, 1))
        self.assertEqual(order.dealer_board_stage, "quote")
        order.action_quotation_sent()
        self.assertEqual(order.dealer_board_stage, "sent")
        order.action_confirm()
        self.assertEqual(order.dealer_board_stage, "won")
        order.action_dealer_add_to_cart()
        self.assertEqual(order.dealer_board_stage, "won", "in the cart, not ordered yet")
        order.order_line.action_dealer_create_purchases()
        self.assertEqual(order.dealer_board_stage, "ordered")
        order.picking_ids.dealer_tracking_ids = [(0, 0, {"carrier": "DPD", "number": "DPD1"})]
        order.picking_ids.button_validate()
        self.assertEqual(order.dealer_board_stage, "shipped")
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(order.dealer_board_stage, "invoiced")

        lost = self.make_order((self.mat, 1))
        lost.action_dealer_reject(lost_reason_id=self.env["crm.lost.reason"].create({"name": "No budget"}).id)
        self.assertEqual(lost.dealer_board_stage, "lost")

    def test_board_shows_every_stage_as_a_column(self):
        groups = self.env["sale.order"].read_group([("id", "=", 0)], ["dealer_board_stage"], ["dealer_board_stage"])
        self.assertEqual(
            [group["dealer_board_stage"] for group in groups],
            ["quote", "sent", "won", "ordered", "shipped", "invoiced", "lost"],
        )

    def test_dragging_a_card_runs_the_step(self):
        order = self.make_order((self.mat, 1)).with_user(self.salesperson)
        order.write({"dealer_board_stage": "sent"})
        self.assertEqual((order.state, order.dealer_board_stage), ("sent", "sent"))
        order.write({"dealer_board_stage": "quote"})  # back to the quotation: a new version
        self.assertEqual((order.state, order.dealer_version), ("draft", 2))
        order.write({"dealer_board_stage": "won"})
        self.assertEqual(order.state, "sale")
        with self.assertRaisesRegex(UserError, "follows from"):
            order.write({"dealer_board_stage": "shipped"})
        with self.assertRaisesRegex(UserError, "Reject"):
            order.write({"dealer_board_stage": "lost"})
        self.assertEqual(order.dealer_board_stage, "won")

    def test_salesperson_board_shows_own_orders_only(self):
        mine = self.make_order((self.mat, 1))
        theirs = self.make_order((self.mat, 1), user=self.colleague)
        seen = self.env["sale.order"].with_user(self.salesperson).search([("id", "in", (mine | theirs).ids)])
        self.assertEqual(seen, mine)
        seen = self.env["sale.order"].with_user(self.sales_manager).search([("id", "in", (mine | theirs).ids)])
        self.assertEqual(seen, mine | theirs)


@tagged("post_install", "-at_install")
class TestSalesAppOpensOnItsQuotations(OrderFlowCase):
    def test_the_sales_board_menu_comes_after_odoos_own(self):
        menus = self.env["ir.ui.menu"].with_user(self.env.ref("base.user_admin")).load_menus(False)

        def first_action(menu_id):
            menu = menus[menu_id]
            return menu["action"] or next(filter(None, map(first_action, menu["children"])), False)

        quotations = self.env.ref("sale.action_quotations_with_onboarding")
        self.assertEqual(first_action(self.env.ref("sale.sale_menu_root").id), f"{quotations._name},{quotations.id}")
