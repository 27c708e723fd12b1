"""A posted down payment is deducted by the approval invoice: the customer owes the order total once."""

from odoo.tests import tagged

from .common_sale import CAR_PRICE, CarSaleCase

DEPOSIT = 2000.0


@tagged("post_install", "-at_install")
class TestApprovalDeductsThePostedDeposit(CarSaleCase):
    def post_deposit(self, order, amount=DEPOSIT):
        """A fixed down payment through Odoo's own invoicing wizard, posted."""
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=order.ids, active_id=order.id)
            .create({"advance_payment_method": "fixed", "fixed_amount": amount})
        )
        wizard.create_invoices()
        deposit = order.invoice_ids.filtered(lambda move: move.state == "draft")
        deposit.action_post()
        return deposit

    def test_receivable_is_the_order_total_to_the_cent(self):
        order = self.make_sale()
        self.assertEqual(order.amount_total, CAR_PRICE * 1.15)  # 23,000.00 incl. 15 % tax
        deposit = self.post_deposit(order)
        self.assertEqual(deposit.amount_total, DEPOSIT)
        self.assertEqual(self.partner_balance(self.customer), DEPOSIT)

        self.approve(order)

        invoice = order.dealer_invoice_id
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.amount_total, round(order.amount_total - DEPOSIT, 2), "the deposit is deducted")
        down_payment = invoice.invoice_line_ids.filtered(lambda line: line.sale_line_ids.is_downpayment)
        self.assertEqual(down_payment.quantity, -1)
        self.assertEqual(self.partner_balance(self.customer), round(order.amount_total, 2))

    def test_unapproval_reverses_the_deducting_invoice_and_leaves_the_deposit(self):
        order = self.make_sale()
        self.post_deposit(order)
        self.approve(order)
        invoice = order.dealer_invoice_id

        self.unapprove(order)

        credit_note = invoice.reversal_move_ids
        self.assertEqual((credit_note.state, credit_note.amount_total), ("posted", invoice.amount_total))
        self.assertEqual(self.balances(invoice | credit_note), {})
        self.assertEqual(self.partner_balance(self.customer), DEPOSIT, "only the deposit invoice is owed")

        self.approve(order)
        self.assertEqual(order.dealer_invoice_id.amount_total, round(order.amount_total - DEPOSIT, 2))
        self.assertEqual(self.partner_balance(self.customer), round(order.amount_total, 2))
