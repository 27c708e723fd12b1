from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .job_common import JobCase


@tagged("post_install", "-at_install")
class TestJobPhases(JobCase):
    def _send(self, action):
        composer = Form(self.env[action["res_model"]].with_context(**action["context"]))
        composer.save().action_send_mail()

    def _mails_to(self, partner):
        """Messages e-mailed to ``partner`` (the mail.mail itself is deleted once sent)."""
        return (
            self.env["mail.notification"]
            .search([("res_partner_id", "=", partner.id), ("notification_type", "=", "email")])
            .mail_message_id
        )

    # settings -------------------------------------------------------------
    def test_trade_in_switch_moves_the_job_to_the_purchase_phases_at_once(self):
        job = self.make_job()
        job.is_trade_in = True
        self.assertEqual(job.process, "purchase")
        self.assertEqual(job.phase_id, self.env.ref("dealer_jobs.phase_purchase_settings"))
        job.process = "sale"
        self.assertFalse(job.is_trade_in, "one source of truth: the process")
        form = Form(job)
        form.is_trade_in = True
        self.assertEqual(form.process, "purchase", "the form switches as soon as it is ticked")
        job = form.save()
        self.assertEqual(job.search([("id", "=", job.id), ("is_trade_in", "=", True)]), job)

    def test_switching_the_process_keeps_the_phase_kind(self):
        job = self.make_job()
        job.phase_id = self.env.ref("dealer_jobs.phase_sale_offer")
        job.process = "purchase"
        self.assertEqual(job.phase_id, self.env.ref("dealer_jobs.phase_purchase_offer"))

    def test_a_new_phase_is_a_record(self):
        phase = self.env["dealer.job.phase"].create(
            {"name": "Test Drive Done", "process": "sale", "sequence": 25, "kind": "custom"}
        )
        job = self.make_job()
        job.phase_id = self.env.ref("dealer_jobs.phase_sale_callback")
        job.action_next_phase()
        self.assertEqual(job.phase_id, phase)

    def test_activating_a_phase_of_the_other_process_is_refused(self):
        job = self.make_job()
        job.phase_id = self.env.ref("dealer_jobs.phase_purchase_contract")
        with self.assertRaisesRegex(UserError, "belongs to the Purchase"):
            job.action_activate_phase()
        self.assertFalse(job.message_ids.filtered(lambda m: "activated" in (m.body or "")))

    # callback -------------------------------------------------------------
    def test_a_sold_job_has_no_open_call_back(self):
        job = self.make_job(process="purchase")
        self.env["dealer.job.callback"].create({"job_id": job.id, "outcome": "busy"}).action_log()
        self.assertTrue(job.activity_ids)
        self.activate(job, "dealer_jobs.phase_purchase_credit_note")  # posted by the accounting test user
        self.assertEqual(job.status, "sold")
        self.assertFalse(job.activity_ids, "the call back is done with the deal")

    def test_callback_logs_the_attempt_and_schedules_a_call_back(self):
        job = self.make_job()
        action = self.activate(job, "dealer_jobs.phase_sale_callback")
        self.assertEqual(action["res_model"], "dealer.job.callback")
        wizard = Form(self.env["dealer.job.callback"].with_context(**action["context"]))
        wizard.outcome = "no_answer"
        wizard.wishes = "Wants it in red"
        self.assertTrue(wizard.call_back)
        wizard.save().action_log()
        self.assertEqual(job.status, "callback")
        self.assertIn("No Answer", job.message_ids[0].body)
        self.assertIn("Wants it in red", job.message_ids[0].body)
        activity = job.activity_ids
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertEqual(activity.user_id, self.salesperson)

    def test_cancelled_call_wizard_logs_nothing(self):
        job = self.make_job()
        before = job.message_ids
        self.activate(job, "dealer_jobs.phase_sale_callback")
        self.assertEqual(job.message_ids, before, "the wizard is still open: nothing happened yet")
        self.assertEqual(job.status, "new")

    def test_draft_quotation_follows_the_job_items(self):
        self.env.ref("dealer_jobs.phase_sale_offer").send_on_activation = False
        job = self.make_job()
        self.activate(job, "dealer_jobs.phase_sale_offer")
        quotation = job.sale_order_ids
        job.line_ids.price_unit = 19500
        job.line_ids = [(0, 0, {"name": "Delivery in the customer's garage", "product_id": False})]
        self.activate(job, "dealer_jobs.phase_sale_order")
        self.assertEqual(job.sale_order_ids, quotation, "the same order, rebuilt")
        self.assertEqual(quotation.state, "sale")
        self.assertEqual(quotation.amount_untaxed, 19500)
        note = quotation.order_line.filtered("display_type")
        self.assertEqual((note.display_type, note.name), ("line_note", "Delivery in the customer's garage"))
        self.assertEqual(quotation.amount_total, job.amount_total)

    def test_reached_customer_needs_no_call_back_and_closes_the_open_one(self):
        job = self.make_job()
        self.env["dealer.job.callback"].create({"job_id": job.id, "outcome": "busy"}).action_log()
        self.assertEqual((job.status, len(job.activity_ids)), ("callback", 1))
        self.env["dealer.job.callback"].create({"job_id": job.id, "outcome": "reached"}).action_log()
        self.assertFalse(job.activity_ids, "the call back is done")
        self.assertEqual(job.status, "callback", "the call back was requested; reaching the customer is logged")
        fresh = self.make_job(partner_id=self.partner_a.id)
        self.env["dealer.job.callback"].create({"job_id": fresh.id, "outcome": "reached"}).action_log()
        self.assertEqual(fresh.status, "new", "reached at once: no call back requested")

    # offer ----------------------------------------------------------------
    def test_sale_offer_creates_the_quotation_attaches_the_pdf_and_sends_the_mail(self):
        job = self.make_job()
        action = self.activate(job, "dealer_jobs.phase_sale_offer")
        self.assertEqual(job.status, "new", "offered once the mail goes out")
        quotation = job.sale_order_ids
        self.assertEqual(len(quotation), 1)
        self.assertEqual(quotation.order_line.price_unit, 20000)
        attachment = self.env["ir.attachment"].search([("res_model", "=", "dealer.job"), ("res_id", "=", job.id)])
        self.assertEqual(len(attachment), 1)
        self.assertEqual(job.document_count, 1)
        self.assertEqual(action["res_model"], "mail.compose.message")
        self._send(action)
        self.assertEqual(job.status, "offered")
        mails = self._mails_to(self.customer)
        self.assertEqual(len(mails), 1)
        self.assertIn(attachment.name, mails.attachment_ids.mapped("name"))

    def test_a_mail_with_the_progress_context_key_does_not_move_the_job(self):
        job = self.make_job()
        template = self.env.ref("dealer_jobs.mail_template_dealer_job_document")
        context = {
            "default_model": "dealer.job",
            "default_res_ids": job.ids,
            "default_template_id": template.id,
            "default_composition_mode": "comment",
            "dealer_job_progress": "offered",  # what a client may send: it changes nothing
        }
        self._send({"res_model": "mail.compose.message", "context": context})
        self.assertTrue(self._mails_to(self.customer), "the mail went out")
        self.assertEqual(job.status, "new")
        with self.assertRaises(UserError):  # nor is the pending progress a field users write
            job.write({"dealer_mail_progress": "offered"})

    def test_only_the_mail_of_the_activated_offer_makes_it(self):
        job = self.make_job()
        action = self.activate(job, "dealer_jobs.phase_sale_offer")
        other = self.env["mail.template"].create(
            {"name": "Hello", "model_id": self.env["ir.model"]._get_id("dealer.job"), "subject": "Hello"}
        )
        self._send({**action, "context": {**action["context"], "default_template_id": other.id}})
        self.assertEqual(job.status, "new", "another mail is not the offer")
        self._send(action)
        self.assertEqual(job.status, "offered")

    def test_offer_without_send_on_activation_only_attaches_the_pdf(self):
        self.env.ref("dealer_jobs.phase_sale_offer").send_on_activation = False
        job = self.make_job()
        result = self.activate(job, "dealer_jobs.phase_sale_offer")
        self.assertIs(result, True)
        self.assertEqual(job.document_count, 1)
        self.assertFalse(self._mails_to(self.customer))

    def test_offer_to_a_customer_without_email_is_refused_and_creates_nothing(self):
        self.customer.email = False
        job = self.make_job()
        with self.assertRaisesRegex(UserError, "has no e-mail address"):
            self.activate(job, "dealer_jobs.phase_sale_offer")
        self.assertFalse(job.sale_order_ids)
        self.assertEqual(job.document_count, 0)
        self.assertEqual(job.status, "new")

    def test_purchase_offer_is_a_pdf_without_quotation(self):
        job = self.make_job(process="purchase")
        self.activate(job, "dealer_jobs.phase_purchase_offer")
        self.assertFalse(job.sale_order_ids)
        self.assertEqual(job.document_count, 1)
        self.assertEqual(job.status, "new", "a discarded offer mail changes nothing")
        self._send(self.activate(job, "dealer_jobs.phase_purchase_offer"))
        self.assertEqual(job.status, "offered")

    # order and invoice ----------------------------------------------------
    def test_order_confirms_the_quotation_and_invoice_bills_it(self):
        job = self.make_job()
        self.env.ref("dealer_jobs.phase_sale_offer").send_on_activation = False
        with self.assertRaisesRegex(UserError, "activate the offer first"):
            self.activate(job, "dealer_jobs.phase_sale_order")
        self.activate(job, "dealer_jobs.phase_sale_offer")
        self.activate(job, "dealer_jobs.phase_sale_order")
        self.assertEqual(job.sale_order_ids.state, "sale")
        self.assertEqual(job.status, "ordered")
        self.activate(job, "dealer_jobs.phase_sale_invoice")
        self.assertEqual(job.invoice_ids.move_type, "out_invoice")
        self.assertEqual(job.invoice_ids.amount_untaxed, 20000)
        self.assertEqual((job.status, job.waiting_for_posting), ("ordered", True), "a draft invoice sells nothing")
        self.activate(job, "dealer_jobs.phase_sale_invoice")
        self.assertEqual(len(job.invoice_ids), 1, "activating again makes no second invoice")
        job.action_post_documents()
        self.assertEqual(job.invoice_ids.state, "posted")
        self.assertEqual((job.status, job.waiting_for_posting), ("sold", False))
        self.assertEqual(job.color_state, "black")

    # credit note and contract ---------------------------------------------
    def test_credit_note_of_a_trade_in_is_the_vendor_bill_of_its_purchase_order(self):
        job = self.make_job(process="purchase")
        action = self.activate(job, "dealer_jobs.phase_purchase_credit_note")
        purchase = job.purchase_order_ids
        self.assertEqual((len(purchase), purchase.state), (1, "purchase"))
        self.assertEqual(purchase.order_line.product_id, self.car.product_id)
        self.assertEqual(purchase.order_line.dealer_vehicle_id, self.car)
        bill = job.invoice_ids
        self.assertEqual((bill.move_type, bill.state, bill.partner_id), ("in_invoice", "posted", self.customer))
        self.assertEqual(bill.invoice_line_ids.purchase_line_id, purchase.order_line)
        self.assertEqual(bill.amount_untaxed, 20000)
        attachment = self.env["ir.attachment"].search([("res_model", "=", "dealer.job"), ("res_id", "=", job.id)])
        self.assertIn(b"Credit Note", attachment.raw)
        self.assertEqual(action["res_model"], "mail.compose.message")
        self.assertEqual(job.status, "sold")

    def test_credit_note_for_a_sale_job_is_refused(self):
        misconfigured = self.env["dealer.job.phase"].create(
            {"name": "Credit Note", "process": "sale", "sequence": 60, "kind": "credit_note"}
        )
        job = self.make_job()
        job.phase_id = misconfigured
        with self.assertRaisesRegex(UserError, "is made for a Purchase \\(Trade-in\\) job only"):
            job.action_activate_phase()
        self.assertFalse(job.invoice_ids)
        self.assertFalse(self.env["account.move"].search([("partner_id", "=", self.customer.id)]))

    def test_contract_is_attached_and_buys_the_car(self):
        job = self.make_job(process="purchase")
        self.activate(job, "dealer_jobs.phase_purchase_contract")
        self.assertEqual(job.document_count, 1)
        self.assertEqual(job.status, "ordered")
        self.assertEqual(job.purchase_order_ids.state, "purchase")
        self.activate(job, "dealer_jobs.phase_purchase_contract")
        self.assertEqual(len(job.purchase_order_ids), 1, "activating again buys the car once")
        self.assertEqual(job.document_count, 1, "printing again replaces the contract")
