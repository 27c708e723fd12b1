"""Cross-addon scenario of the order flow: a quote is lost and offered again behind the same link,
won, its goods ordered from two vendors through the purchase cart, received, shipped with a
tracking number and invoiced; the sales board follows every step (pytest-odoo)."""

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from .common import RootTestMixin


class TestOrderFlow(RootTestMixin, AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id |= cls.env.ref("dealer_jobs.group_dealer_manager")
        cls.customer = cls.env["res.partner"].create({"name": "Wang Fang", "email": "wang.fang@example.com"})
        cls.vendors = cls.env["res.partner"].create([{"name": "Reifen Nord"}, {"name": "Zubehör Süd"}])
        cls.tyres, cls.mats = cls.env["product.product"].create(
            [
                {
                    "name": name,
                    "type": "consu",
                    "is_storable": True,
                    "list_price": price,
                    "invoice_policy": "delivery",
                    "purchase_ok": True,
                    "seller_ids": [(0, 0, {"partner_id": vendor.id, "price": price / 2})],
                }
                for name, price, vendor in (("Tyres", 600, cls.vendors[0]), ("Mats", 80, cls.vendors[1]))
            ]
        )
        cls.env.company.dealer_send_order_confirmation = True

    def test_lost_quote_offered_again_then_ordered_shipped_and_invoiced(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [
                    (0, 0, {"product_id": self.tyres.id, "product_uom_qty": 4, "discount": 10}),
                    (0, 0, {"product_id": self.mats.id, "product_uom_qty": 1}),
                ],
            }
        )
        order.action_quotation_sent()
        link, v1_total = order.get_portal_url(), order.amount_total
        order.action_dealer_reject(lost_reason_id=self.env["crm.lost.reason"].create({"name": "Discount"}).id)
        self.assertEqual(order.dealer_board_stage, "lost")
        order.action_dealer_new_version()
        order.order_line[0].discount = 15
        self.assertEqual((order.get_portal_url(), order.dealer_version), (link, 2))
        self.assertEqual(order.dealer_version_ids.amount_total, v1_total)

        order.action_confirm()
        self.assertEqual(order.dealer_board_stage, "won")
        self.assertTrue(order.message_ids.filtered(lambda m: self.customer in m.partner_ids and m.attachment_ids))

        order.action_dealer_add_to_cart()
        order.order_line.action_dealer_create_purchases()
        purchases = order.order_line.dealer_purchase_line_id.order_id
        self.assertEqual(purchases.partner_id, self.vendors)
        self.assertEqual(order.dealer_board_stage, "ordered")
        purchases.button_confirm()
        for receipt in purchases.picking_ids:
            receipt.button_validate()

        delivery = order.picking_ids
        delivery.dealer_tracking_ids = [(0, 0, {"carrier": "DHL", "number": "JJD42", "url": "https://dhl.example/42"})]
        delivery.button_validate()
        self.assertEqual((delivery.state, order.dealer_board_stage), ("done", "shipped"))
        self.assertIn(delivery.dealer_delivery_slip_id, order._dealer_portal_attachments())

        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(order.dealer_board_stage, "invoiced")
        self.assertEqual(invoice.amount_total, order.amount_total)
