import re

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .job_common import JobCase


@tagged("post_install", "-at_install")
class TestJob(JobCase):
    def test_number_follows_the_job_sequence(self):
        job = self.make_job()
        self.assertRegex(job.name, r"^JOB/\d{4}/\d{5}$")

    def test_job_without_vehicle_or_customer_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "needs a vehicle and a customer"):
            self.env["dealer.job"].create({"partner_id": self.customer.id})
        with self.assertRaisesRegex(ValidationError, "needs a vehicle and a customer"):
            self.env["dealer.job"].create({"vehicle_id": self.car.id})
        self.assertFalse(self.env["dealer.job"].search([("vehicle_id", "=", self.car.id)]))

    def test_new_job_starts_in_the_first_phase_of_its_process(self):
        self.assertEqual(self.make_job().phase_id, self.env.ref("dealer_jobs.phase_sale_settings"))
        job = self.make_job(process="purchase", partner_id=self.partner_a.id)
        self.assertEqual(job.phase_id, self.env.ref("dealer_jobs.phase_purchase_settings"))

    def test_second_open_job_for_same_vehicle_and_customer_is_a_duplicate(self):
        first = self.make_job()
        second = self.make_job()
        self.assertEqual(first.origin, "manual")
        self.assertEqual(second.origin, "duplicate")
        self.assertEqual(second.duplicate_of_id, first)

    def test_duplicates_in_one_create_call_are_detected(self):
        vals = {"vehicle_id": self.car.id, "partner_id": self.customer.id}
        first, second = self.env["dealer.job"].create([vals, vals])
        self.assertEqual((first.origin, second.origin), ("manual", "duplicate"))
        self.assertEqual(second.duplicate_of_id, first)

    def test_job_after_a_closed_job_or_for_another_customer_is_no_duplicate(self):
        self.make_job().action_mark_lost()
        self.assertEqual(self.make_job().origin, "manual")
        self.assertEqual(self.make_job(partner_id=self.partner_a.id).origin, "manual")

    def test_colour_follows_the_status_the_actions_set(self):
        self.env.ref("dealer_jobs.phase_sale_offer").send_on_activation = False
        job = self.make_job()
        seen = [(job.status, job.color_state)]
        self.env["dealer.job.callback"].create({"job_id": job.id, "outcome": "no_answer"}).action_log()
        seen.append((job.status, job.color_state))
        self.activate(job, "dealer_jobs.phase_sale_offer")
        seen.append((job.status, job.color_state))
        self.activate(job, "dealer_jobs.phase_sale_order")
        seen.append((job.status, job.color_state))
        job.action_mark_lost()
        seen.append((job.status, job.color_state))
        job.action_reopen()
        self.activate(job, "dealer_jobs.phase_sale_invoice")
        job.action_post_documents()
        seen.append((job.status, job.color_state))
        self.assertEqual(
            seen,
            [
                ("new", "red"),
                ("callback", "orange"),
                ("offered", "orange"),
                ("ordered", "green"),
                ("lost", "grey"),
                ("sold", "black"),
            ],
        )

    def test_status_changes_are_tracked_in_the_chatter(self):
        job = self.make_job().with_context(tracking_disable=False, mail_notrack=False)
        self.env.cr.flush()  # changes made in the creating transaction are not tracked
        job.action_mark_lost()
        self.env.flush_all()
        self.env.cr.flush()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "dealer.job"),
                ("mail_message_id.res_id", "=", job.id),
                ("field_id.name", "=", "status"),
            ]
        )
        self.assertTrue(tracked)
        self.assertEqual(tracked[0].new_value_char, "Lost")
        job.action_reopen()
        self.assertEqual(job.status, "new")

    def test_newest_jobs_come_first(self):
        first, second = self.make_job(), self.make_job(partner_id=self.partner_a.id)
        self.assertEqual(self.env["dealer.job"].search([("id", "in", (first | second).ids)]), second | first)
        self.assertEqual(self.env["dealer.job"].search([("id", "in", (first | second).ids)])[0], second)

    def test_job_with_posted_bill_cannot_be_deleted_but_archived(self):
        job = self.make_job(process="purchase", is_trade_in=True)
        self.activate(job, "dealer_jobs.phase_purchase_credit_note")
        with self.assertRaisesRegex(UserError, "archive it instead"):
            job.unlink()
        job.action_archive()
        self.assertFalse(job.active)

    def test_job_without_posted_invoice_can_be_deleted(self):
        job = self.make_job()
        job.unlink()
        self.assertFalse(job.exists())

    def test_vehicle_and_partner_count_their_jobs(self):
        self.make_job()
        self.make_job(partner_id=self.partner_a.id)
        self.assertEqual(self.car.dealer_job_count, 2)
        self.assertEqual(self.customer.dealer_job_count, 1)
        action = self.car.action_view_dealer_jobs()
        self.assertEqual(len(self.env["dealer.job"].search(action["domain"])), 2)

    def test_a_company_counts_the_jobs_of_its_contacts(self):
        company = self.env["res.partner"].create({"name": "Autohaus Kunde GmbH", "is_company": True})
        buyer = self.env["res.partner"].create({"name": "Einkäufer", "parent_id": company.id})
        self.make_job(partner_id=buyer.id)
        self.make_job(partner_id=company.id)
        self.assertEqual((company.dealer_job_count, buyer.dealer_job_count), (2, 1))
        action = company.action_view_dealer_jobs()
        self.assertEqual(len(self.env["dealer.job"].search(action["domain"])), 2)

    def test_web_inquiry_becomes_an_internet_job(self):
        lead = self.env["crm.lead"].create(
            {"name": "Interested in the coupé", "type": "opportunity", "partner_id": self.customer.id}
        )
        with self.assertRaisesRegex(UserError, "Choose the vehicle"):
            lead.action_dealer_create_job()
        lead.dealer_vehicle_id = self.car
        action = lead.action_dealer_create_job()
        job = self.env["dealer.job"].browse(action["res_id"])
        self.assertEqual((job.origin, job.lead_id, job.partner_id), ("internet", lead, self.customer))
        self.assertTrue(re.match(r"^JOB/", job.name))
