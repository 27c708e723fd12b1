"""The purchase cart: lines of several confirmed orders become one draft purchase order per
vendor, equal products merged, each sale line linked to its purchase line, never ordered twice."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .order_common import OrderFlowCase


@tagged("post_install", "-at_install")
class TestOrderPurchaseCart(OrderFlowCase):
    def confirmed(self, *lines, **kwargs):
        order = self.make_order(*lines, **kwargs)
        order.action_confirm()
        return order

    def cart(self):
        return self.env["sale.order.line"].search([("dealer_cart_state", "=", "in_cart")])

    def test_three_orders_two_vendors_make_two_purchase_orders(self):
        first = self.confirmed((self.wheel, 1), (self.mat, 2))
        second = self.confirmed((self.wheel, 2), (self.roof_box, 1))
        third = self.confirmed((self.mat, 5), user=self.colleague)
        for order in (first, second, third):
            order.with_user(order.user_id).action_dealer_add_to_cart()
        lines = (first | second | third).order_line
        self.assertEqual(set(lines.mapped("dealer_cart_state")), {"in_cart"})
        self.assertEqual(self.cart(), lines)

        action = self.cart().with_user(self.purchaser).action_dealer_create_purchases()
        purchases = self.env["purchase.order"].search(action["domain"])
        self.assertEqual(len(purchases), 2)
        by_vendor = {purchase.partner_id: purchase for purchase in purchases}
        po_a, po_b = by_vendor[self.vendor_a], by_vendor[self.vendor_b]
        self.assertEqual(set(purchases.mapped("state")), {"draft"})
        self.assertEqual(
            {(line.product_id, line.product_qty) for line in po_a.order_line}, {(self.wheel, 3), (self.roof_box, 1)}
        )
        self.assertEqual({(line.product_id, line.product_qty) for line in po_b.order_line}, {(self.mat, 7)})
        self.assertEqual(po_a.origin, f"{first.name}, {second.name}")
        self.assertEqual(po_b.origin, f"{first.name}, {third.name}")
        wheel_line = po_a.order_line.filtered(lambda line: line.product_id == self.wheel)
        self.assertEqual(wheel_line.price_unit, 500, "the vendor's price")
        self.assertEqual(wheel_line.dealer_sale_line_ids, lines.filtered(lambda line: line.product_id == self.wheel))
        self.assertEqual(set(lines.mapped("dealer_cart_state")), {"ordered"})
        self.assertEqual(lines.dealer_purchase_line_id.order_id, purchases)
        self.assertEqual(first.dealer_board_stage, "ordered")

    def test_running_it_again_orders_nothing_twice(self):
        order = self.confirmed((self.wheel, 1))
        order.action_dealer_add_to_cart()
        order.action_dealer_add_to_cart()  # double click: still one cart line
        lines = order.order_line
        lines.action_dealer_create_purchases()
        count = self.env["purchase.order.line"].search_count([])
        action = lines.action_dealer_create_purchases()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(self.env["purchase.order.line"].search_count([]), count)
        order.action_dealer_add_to_cart()
        self.assertEqual(lines.dealer_cart_state, "ordered", "an ordered line never goes back to the cart")

    def test_free_text_and_unbuyable_lines_are_refused_with_a_list(self):
        order = self.make_order((self.wheel, 1), (self.no_vendor, 1), (self.not_purchasable, 1))
        order.order_line = [
            (0, 0, {"display_type": "line_section", "name": "Accessories"}),
            (0, 0, {"display_type": "line_note", "name": "Deliver before winter"}),
        ]
        order.action_confirm()
        result = order.action_dealer_add_to_cart()
        self.assertEqual(result["params"]["type"], "warning")
        message = result["params"]["message"]
        for text in ("Dealer-made key ring", "Workshop hour", "Accessories", "Deliver before winter"):
            self.assertIn(text, message)
        self.assertEqual(self.cart(), order.order_line.filtered(lambda line: line.product_id == self.wheel))

        only_text = self.make_order((self.no_vendor, 1))
        only_text.action_confirm()
        with self.assertRaisesRegex(UserError, "Dealer-made key ring"):
            only_text.action_dealer_add_to_cart()
        self.assertEqual(only_text.order_line.dealer_cart_state, "none")

    def test_bad_selections_are_refused_and_nothing_is_created(self):
        with self.assertRaisesRegex(UserError, "Select"):
            self.env["sale.order.line"].with_user(self.purchaser).action_dealer_create_purchases()
        quotation = self.make_order((self.wheel, 1))
        with self.assertRaisesRegex(UserError, "not a confirmed order"):
            quotation.action_dealer_add_to_cart()
        order = self.confirmed((self.wheel, 1), (self.mat, 1))
        order.action_dealer_add_to_cart()
        other = self.confirmed((self.roof_box, 1))  # not in the cart
        count = self.env["purchase.order"].search_count([])
        with self.assertRaisesRegex(UserError, "not in the purchase cart"):
            (order.order_line | other.order_line).action_dealer_create_purchases()
        self.assertEqual(self.env["purchase.order"].search_count([]), count, "nothing half-created")
        self.assertEqual(set(order.order_line.mapped("dealer_cart_state")), {"in_cart"})

    def test_purchase_orders_are_made_in_the_order_company(self):
        company_b = self.setup_other_company(name="Filiale Einkauf")["company"]
        for user in (self.salesperson, self.purchaser):
            user.company_ids |= company_b
        self.salesperson.company_id = company_b
        self.mat.seller_ids = [(0, 0, {"partner_id": self.vendor_b.id, "price": 41, "company_id": company_b.id})]
        order = self.confirmed((self.mat, 2))
        self.assertEqual(order.company_id, company_b)
        order.action_dealer_add_to_cart()
        action = order.order_line.with_user(self.purchaser).with_company(company_b).action_dealer_create_purchases()
        purchase = self.env["purchase.order"].search(action["domain"])
        self.assertEqual((purchase.company_id, purchase.partner_id), (company_b, self.vendor_b))
        self.assertEqual(purchase.order_line.price_unit, 41, "the vendor price of that company")


@tagged("post_install", "-at_install")
class TestOrderPurchaseCartRights(OrderFlowCase):
    def test_purchase_user_orders_the_cart_but_cannot_change_sales(self):
        order = self.make_order((self.wheel, 1), (self.no_vendor, 1))
        order.action_confirm()
        order.action_dealer_add_to_cart()
        lines = self.env["sale.order.line"].with_user(self.purchaser).search([])
        self.assertEqual(lines, order.order_line[0], "the purchase user sees the cart lines only")
        with self.assertRaises(AccessError):
            lines.write({"price_unit": 1})
        with self.assertRaises(AccessError):
            order.with_user(self.purchaser).write({"note": "changed"})
        lines.action_dealer_create_purchases()
        self.assertEqual(lines.dealer_cart_state, "ordered")

    def test_salesperson_without_purchase_right_cannot_create_purchases(self):
        seller = self.env["res.users"].create(
            {
                "name": "Only Sales",
                "login": "only_sales",
                "groups_id": [(6, 0, [self.env.ref("sales_team.group_sale_salesman").id])],
            }
        )
        order = self.make_order((self.wheel, 1), user=seller)
        order.action_confirm()
        order.action_dealer_add_to_cart()
        with self.assertRaises(AccessError):
            order.order_line.with_user(seller).action_dealer_create_purchases()

    def test_colleague_cannot_change_anothers_cart_lines(self):
        order = self.make_order((self.wheel, 1))
        order.action_confirm()
        order.action_dealer_add_to_cart()
        line = order.order_line.with_user(self.colleague)
        self.assertEqual(line.dealer_cart_state, "in_cart", "the shared cart is readable")
        with self.assertRaises(AccessError):
            line.write({"name": "changed"})
        order.order_line.with_user(self.sales_manager).write({"name": "changed by the manager"})
