"""A lost quotation gets a new version behind the same order, number and customer link; the
previous version is kept as an archived read-only copy with its PDF."""

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .order_common import OrderFlowCase


@tagged("post_install", "-at_install")
class TestOrderVersions(OrderFlowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason = cls.env["crm.lost.reason"].create({"name": "Too expensive"})

    def reject(self, order, user=None):
        user = user or self.salesperson
        action = order.with_user(user).action_dealer_reject()
        self.assertEqual(action["res_model"], "dealer.quote.reject")
        with Form(self.env[action["res_model"]].with_user(user).with_context(action["context"])) as form:
            form.lost_reason_id = self.reason
            form.note = "found a cheaper offer"
        form.record.action_reject()

    def lost_quotation(self):
        order = self.make_order((self.wheel, 1), (self.mat, 3))
        order.order_line[0].write({"price_unit": 777.77, "discount": 3.5})
        order.action_quotation_sent()
        self.reject(order)
        return order

    def test_rejected_quotation_is_lost_with_its_reason(self):
        order = self.lost_quotation()
        self.assertEqual((order.state, order.dealer_lost_reason_id), ("cancel", self.reason))
        self.assertEqual(order.dealer_board_stage, "lost")
        self.assertIn("found a cheaper offer", order.message_ids[0].body)

    def test_new_version_keeps_the_order_its_number_and_its_link(self):
        order = self.lost_quotation()
        order_id, name, token = order.id, order.name, order._portal_ensure_token()
        totals = (order.amount_untaxed, order.amount_tax, order.amount_total)
        self.assertTrue(token)
        order.with_user(self.salesperson).action_dealer_new_version()
        self.assertEqual((order.id, order.name, order.access_token), (order_id, name, token))
        self.assertEqual((order.state, order.dealer_version), ("draft", 2))
        self.assertFalse(order.dealer_lost_reason_id)

        v1 = order.dealer_version_ids
        self.assertEqual(len(v1), 1)
        self.assertEqual((v1.name, v1.active, v1.dealer_version, v1.state), (f"{name}-V1", False, 1, "cancel"))
        self.assertEqual(v1.dealer_version_of_id, order)
        self.assertEqual(v1.dealer_lost_reason_id, self.reason)
        self.assertEqual(order.currency_id.compare_amounts(v1.amount_total, totals[2]), 0)
        self.assertEqual((v1.amount_untaxed, v1.amount_tax, v1.amount_total), totals, "to the cent, tax included")
        self.assertEqual(v1.order_line.mapped("price_unit"), order.order_line.mapped("price_unit"))
        self.assertEqual(v1.order_line.tax_id, order.order_line.tax_id)
        self.assertTrue(v1.dealer_version_pdf_id)
        self.assertEqual((v1.dealer_version_pdf_id.res_model, v1.dealer_version_pdf_id.res_id), ("sale.order", v1.id))
        self.assertNotIn(v1, self.env["sale.order"].search([("partner_id", "=", self.customer.id)]), "archived")
        self.env.flush_all()
        self.assertFalse(self.env["sale.report"].search_count([("name", "=", v1.name)]), "not counted as a sale")

        # V2 is edited, sent, lost again: V2 joins the versions, the order goes on as V3
        order.order_line[1].product_uom_qty = 4
        order.action_quotation_sent()
        order.action_dealer_new_version()
        self.assertEqual(order.dealer_version, 3)
        self.assertEqual(order.dealer_version_ids.sorted("dealer_version").mapped("name"), [f"{name}-V1", f"{name}-V2"])
        self.assertEqual(order.dealer_version_count, 2)

    def test_a_double_click_makes_one_version(self):
        order = self.lost_quotation()
        order.action_dealer_new_version()
        order.action_dealer_new_version()  # the order is the new draft: nothing to keep
        self.assertEqual((len(order.dealer_version_ids), order.dealer_version), (1, 2))
        self.reject(order)
        self.reject(order)  # already lost: once
        self.assertEqual(len(order.message_ids.filtered(lambda m: "Quotation lost" in (m.body or ""))), 2)

    def test_earlier_version_refuses_edits_confirmation_and_sending(self):
        order = self.lost_quotation()
        order.action_dealer_new_version()
        v1 = order.dealer_version_ids
        for call in (
            lambda: v1.write({"note": "changed"}),
            lambda: v1.order_line[0].write({"price_unit": 1}),
            lambda: v1.write({"active": True}),
            lambda: self.env["sale.order.line"].create({"order_id": v1.id, "product_id": self.mat.id}),
            v1.action_confirm,
            v1.action_quotation_send,
            v1.action_draft,
            v1.action_dealer_new_version,
            v1.unlink,
        ):
            with self.assertRaises(UserError):
                call()
        v1.message_post(body="A note on the old version is fine")
        order.with_context(disable_cancel_warning=True).action_cancel()
        order.unlink()
        self.assertFalse(v1.exists(), "deleted with its order")

    def test_new_version_of_a_confirmed_order_is_refused(self):
        order = self.make_order((self.wheel, 1))
        order.action_confirm()
        with self.assertRaisesRegex(UserError, "confirmed"):
            order.action_dealer_new_version()
        with self.assertRaisesRegex(UserError, "confirmed"):
            order.action_dealer_reject(lost_reason_id=self.reason.id)
        self.assertFalse(order.dealer_version_ids)

    def test_versions_in_a_second_company(self):
        company_b = self.setup_other_company(name="Zweigstelle")["company"]
        self.salesperson.company_ids |= company_b
        self.salesperson.company_id = company_b
        order = self.make_order((self.mat, 2))
        self.assertEqual(order.company_id, company_b)
        order.action_quotation_sent()
        token = order.access_token or order._portal_ensure_token()
        order.with_user(self.salesperson).action_dealer_new_version()
        v1 = order.dealer_version_ids
        self.assertEqual((v1.company_id, order.access_token), (company_b, token))
        self.assertEqual(v1.amount_total, order.amount_total)
