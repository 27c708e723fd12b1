import re

from odoo.tests import tagged

from .common import render_html
from .job_common import JobCase

DAMAGE_BLOCK = "Special Equipment / Damage"


@tagged("post_install", "-at_install")
class TestJobDocuments(JobCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job = cls.make_job(process="purchase", note_internal="SECRET-REMARK do not print")

    def _html(self, xmlid, record=None):
        return render_html(self.env, xmlid, (record or self.job).ids)

    def test_damage_block_is_printed_by_declaring_templates_only(self):
        contract = self._html("dealer_jobs.action_report_dealer_job_contract")
        self.assertIn(DAMAGE_BLOCK, contract)
        self.assertIn("Scratch on the rear bumper", contract)
        self.assertIn("Panorama roof", contract)
        offer = self._html("dealer_jobs.action_report_dealer_job_offer")
        self.assertNotIn(DAMAGE_BLOCK, offer)
        self.assertNotIn("Scratch on the rear bumper", offer)

    def test_declaring_the_block_on_a_template_is_data(self):
        offer_report = self.env.ref("dealer_jobs.action_report_dealer_job_offer")
        offer_report.dealer_damage_block = True
        self.assertIn(DAMAGE_BLOCK, self._html("dealer_jobs.action_report_dealer_job_offer"))

    def test_documents_carry_job_vehicle_and_partner_but_never_the_internal_remark(self):
        for xmlid in (
            "dealer_jobs.action_report_dealer_job_offer",
            "dealer_jobs.action_report_dealer_job_purchase_offer",
            "dealer_jobs.action_report_dealer_job_contract",
        ):
            html = self._html(xmlid)
            self.assertIn(self.job.name, html, xmlid)
            self.assertIn(self.car.vin_sn, html, xmlid)
            self.assertIn("Erika Mustermann", html, xmlid)
            self.assertIn("Sam Sales", html, xmlid)
            self.assertNotIn("SECRET-REMARK", html, xmlid)
        self.job.phase_id = self.env.ref("dealer_jobs.phase_purchase_credit_note")
        self.job.action_activate_phase()
        html = self._html("dealer_jobs.action_report_dealer_credit_note", self.job.invoice_ids)
        self.assertIn("Credit Note", html)
        self.assertNotIn("SECRET-REMARK", html)

    def test_documents_button_lists_the_attached_pdfs(self):
        self.job.phase_id = self.env.ref("dealer_jobs.phase_purchase_contract")
        self.job.action_activate_phase()
        action = self.job.action_view_documents()
        attachments = self.env["ir.attachment"].search(action["domain"])
        self.assertEqual(len(attachments), 1)
        self.assertEqual(action["views"][0][1], "kanban")
        self.assertEqual(attachments.action_dealer_preview()["url"], f"/web/content/{attachments.id}", "opens the PDF")
        self.assertTrue(attachments.name.startswith("Purchase Contract JOB-"))

    def test_documents_include_those_of_the_jobs_invoices(self):
        self.job.phase_id = self.env.ref("dealer_jobs.phase_purchase_credit_note")
        self.job.action_activate_phase()
        bill_pdf = self.env["ir.attachment"].create(
            {"name": "bill.pdf", "raw": b"%PDF", "res_model": "account.move", "res_id": self.job.invoice_ids.id}
        )
        self.assertEqual(self.job.document_count, 2)
        self.assertIn(bill_pdf, self.env["ir.attachment"].search(self.job.action_view_documents()["domain"]))

    def test_the_layout_prints_the_documents_title(self):
        for xmlid, title in (
            ("dealer_jobs.action_report_dealer_job_offer", "Offer"),
            ("dealer_jobs.action_report_dealer_job_purchase_offer", "Purchase Offer"),
            ("dealer_jobs.action_report_dealer_job_contract", "Purchase Contract"),
        ):
            headings = [
                re.sub(r"<[^>]+>|\s+", " ", heading).split()
                for heading in re.findall(r"<h2[^>]*>(.*?)</h2>", self._html(xmlid), re.S)
            ]
            self.assertIn([*title.split(), self.job.name], headings, xmlid)
