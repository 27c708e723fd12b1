"""The pro-forma invoice: Odoo's own, kept once on the order, in the customer's language."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .order_common import OrderFlowCase


@tagged("post_install", "-at_install")
class TestOrderProforma(OrderFlowCase):
    def test_compute_attaches_one_pro_forma(self):
        order = self.make_order((self.wheel, 1))
        action = order.with_user(self.salesperson).action_dealer_proforma()
        pdf = order.dealer_proforma_pdf_id
        self.assertTrue(pdf)
        self.assertEqual(action["url"], f"/web/content/{pdf.id}")
        self.assertEqual((pdf.res_model, pdf.res_id), ("sale.order", order.id))
        self.assertIn(b"Pro-Forma", pdf.raw)
        order.with_user(self.salesperson).action_dealer_proforma()  # double click
        self.assertEqual(order.dealer_proforma_pdf_id, pdf)
        self.assertEqual(
            self.env["ir.attachment"].search_count([("res_model", "=", "sale.order"), ("res_id", "=", order.id)]), 1
        )

    def test_cancelled_order_has_no_pro_forma(self):
        order = self.make_order((self.wheel, 1))
        order.action_cancel()
        with self.assertRaisesRegex(UserError, "cancelled"):
            order.action_dealer_proforma()
