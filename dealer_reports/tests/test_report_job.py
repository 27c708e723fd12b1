from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.dealer_jobs.tests.common import ReportTestMixin, render_html
from odoo.addons.dealer_jobs.tests.job_common import JobCase
from odoo.addons.dealer_jobs.tools.vin import with_check_digit


@tagged("post_install", "-at_install")
class TestJobPipelineReport(ReportTestMixin, JobCase):
    """Three jobs: a sale offered then lost (from a campaign), a trade-in offered then sold, a new
    sale; their phase changes back-dated to known days."""

    @classmethod
    def default_env_context(cls):
        return {}  # the phase changes are tracked: the report reads the days per phase from them

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for xmlid in ("phase_sale_offer", "phase_purchase_offer", "phase_purchase_credit_note"):
            cls.env.ref(f"dealer_jobs.{xmlid}").send_on_activation = False
        cls.campaign = cls.env["utm.campaign"].create({"name": "Spring Campaign"})
        cls.analyst = new_test_user(
            cls.env,
            login="job_analyst",
            groups="dealer_reports.group_dealer_reports",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )

    def new_car(self, serial):
        return self.env["fleet.vehicle"].create(
            {
                "model_id": self.model.id,
                "vin_sn": with_check_digit(f"WVWZZZ1KZSW5{serial}"),
                "engine_number": f"EA888 {serial}",
                "model_code": "CP1",
            }
        )

    def flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def back_date(self, job, created, changes):
        """The job created ``created`` days ago, its tracked phase changes ``changes`` days ago."""
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL("UPDATE dealer_job SET create_date = %s WHERE id = %s", now - timedelta(days=created), job.id)
        )
        values = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "dealer.job"),
                ("mail_message_id.res_id", "=", job.id),
                ("field_id.name", "=", "phase_id"),
            ],
            order="id",
        )
        self.assertEqual(len(values), len(changes), "one tracked change per phase activated")
        for value, days in zip(values, changes, strict=True):
            self.env.cr.execute(
                SQL(
                    "UPDATE mail_message SET date = %s WHERE id = %s",
                    now - timedelta(days=days),
                    value.mail_message_id.id,
                )
            )
        self.env.invalidate_all()

    def make_history(self):
        lost = self.make_job(vehicle_id=self.new_car("00011").id, origin="internet", campaign_id=self.campaign.id)
        self.flush_tracking()
        self.activate(lost, "dealer_jobs.phase_sale_offer")
        self.flush_tracking()
        self.assertEqual(lost.progress, "offered")
        lost.action_mark_lost()
        sold = self.make_job(vehicle_id=self.new_car("00012").id, process="purchase")
        self.flush_tracking()
        self.activate(sold, "dealer_jobs.phase_purchase_offer")
        self.flush_tracking()
        self.activate(sold, "dealer_jobs.phase_purchase_credit_note")
        self.flush_tracking()
        self.assertEqual(sold.status, "sold")
        new = self.make_job(vehicle_id=self.new_car("00013").id)
        self.flush_tracking()
        self.back_date(lost, 10, [8])
        self.back_date(sold, 10, [7, 3])
        self.back_date(new, 5, [])
        return lost, sold, new

    def rows(self, jobs):
        Report = self.env["dealer.report.job"].with_user(self.analyst)
        return Report.search([("job_id", "in", jobs.ids)], order="job_id, date_start")

    def test_one_row_per_stay_in_a_phase_with_its_days(self):
        lost, sold, new = self.make_history()
        rows = self.rows(lost | sold | new).sorted(lambda row: (row.job_id.id, row.date_start))
        stays = [
            (row.job_id, row.phase_id, row.is_current, row.days_in_phase and round(row.days_in_phase, 2))
            for row in rows
        ]
        first_sale_phase = new.phase_id
        first_purchase_phase = self.env["dealer.job.phase"].search([("process", "=", "purchase")], limit=1)
        self.assertEqual(
            stays,
            [
                (lost, first_sale_phase, False, 2.0),
                (lost, self.env.ref("dealer_jobs.phase_sale_offer"), True, 0.0),  # lost: no end, no days
                (sold, first_purchase_phase, False, 3.0),
                (sold, self.env.ref("dealer_jobs.phase_purchase_offer"), False, 4.0),
                (sold, self.env.ref("dealer_jobs.phase_purchase_credit_note"), True, 0.0),
                (new, first_sale_phase, True, 5.0),
            ],
        )

    def test_each_job_counts_once_and_conversion_offered_to_sold(self):
        lost, sold, new = self.make_history()
        Report = self.env["dealer.report.job"].with_user(self.analyst)
        domain = [("job_id", "in", (lost | sold | new).ids)]
        [(jobs, offered, sold_count, lost_count, conversion)] = Report._read_group(
            domain,
            [],
            ["job_count:sum", "offered_count:sum", "sold_count:sum", "lost_count:sum", "conversion_rate:avg"],
        )
        self.assertEqual((jobs, offered, sold_count, lost_count, conversion), (3, 2, 1, 1, 50.0))
        by_status = dict(Report._read_group(domain, ["status"], ["job_count:sum"]))
        self.assertEqual(by_status, {"lost": 1, "sold": 1, "new": 1})
        by_campaign = {
            campaign: (count, rate)
            for campaign, count, rate in Report._read_group(
                domain, ["campaign_id"], ["job_count:sum", "conversion_rate:avg"]
            )
        }
        self.assertEqual(by_campaign[self.campaign], (1, 0.0))
        by_origin = dict(Report._read_group(domain, ["origin"], ["job_count:sum"]))
        self.assertEqual(by_origin, {"internet": 1, "manual": 2})

    def test_summary_per_phase_counts_jobs(self):
        lost, sold, new = self.make_history()
        html = render_html(
            self.env(user=self.analyst),
            "dealer_reports.action_report_dealer_job_summary",
            self.rows(lost | sold | new).ids,
        )
        self.assertEqual(self._text(html, "record_count"), "Records: 3")
        self.assertIn("Offer 1 1 0 0.00", self._text(html, "summary_row"))
        self.assertEqual(self._text(html, "summary_total").split()[:5], ["Total", "3", "2", "1", "50.00"])
