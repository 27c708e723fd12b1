"""Confirming a quotation mails the order confirmation (with its PDF) only when the company says so."""

from odoo.tests import tagged

from .order_common import OrderFlowCase


@tagged("post_install", "-at_install")
class TestOrderConfirmationMail(OrderFlowCase):
    def confirmation_messages(self, order):
        return order.message_ids.filtered(
            lambda message: self.customer in message.partner_ids and order.name in (message.subject or "")
        )

    def test_confirmation_is_mailed_with_its_pdf_when_the_setting_is_on(self):
        self.env.company.dealer_send_order_confirmation = True
        order = self.make_order((self.wheel, 1))
        order.with_user(self.salesperson).action_confirm()
        messages = self.confirmation_messages(order)
        self.assertEqual(len(messages), 1)
        self.assertTrue(messages.attachment_ids, "the order PDF is attached")
        self.assertIn(f"Order - {order.name}", messages.attachment_ids.name, "Odoo's own order document")

    def test_no_mail_when_the_setting_is_off(self):
        self.env.company.dealer_send_order_confirmation = False
        order = self.make_order((self.wheel, 1))
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(self.confirmation_messages(order))

    def test_setting_is_per_company(self):
        settings = self.env["res.config.settings"].create({"dealer_send_order_confirmation": True})
        settings.execute()
        self.assertTrue(self.env.company.dealer_send_order_confirmation)
        company_b = self.setup_other_company(name="Filiale ohne Mail")["company"]
        self.assertFalse(company_b.dealer_send_order_confirmation)

    def test_portal_signature_sends_it_once(self):
        self.env.company.dealer_send_order_confirmation = True
        order = self.make_order((self.wheel, 1))
        order.with_context(send_email=True).action_confirm()  # what the portal's accept does
        self.assertEqual(len(self.confirmation_messages(order)), 1)
