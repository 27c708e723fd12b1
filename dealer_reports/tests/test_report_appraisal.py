from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import format_date

from odoo.addons.dealer_jobs.tests.common import ReportTestMixin, render_pdf, valid_vin
from odoo.addons.dealer_usedcar.tests.appraisal_common import AppraisalCase


class AppraisalHistoryCase(AppraisalCase):
    """Three appraisals of the company (bought, lost, draft) and one of a second company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bought = cls.make_appraisal(
            evaluator_id=cls.evaluator.id,
            price_estimate=16000,
            price_offered=14500,
            engine_number="CJZ 123456",
            model_code="AU",
        )
        cls.bought.action_done()
        cls.bought.action_buy()
        cls.lost = cls.make_appraisal(
            vin=valid_vin("WVWZZZAUZKW512346"), evaluator_id=cls.evaluator.id, price_estimate=9000, price_offered=8000
        )
        cls.lost.action_done()
        cls.lost.action_lost()
        cls.draft = cls.make_appraisal(
            vin=valid_vin("WVWZZZAUZKW512347"), evaluator_id=cls.uc_manager.id, price_estimate=5000, price_offered=4000
        )
        cls.company_2 = cls.env["res.company"].create(
            {"name": "Autohaus Zwei", "currency_id": cls.company.currency_id.id}
        )
        cls.other = cls.env["dealer.appraisal"].create(
            {
                "partner_id": cls.owner.id,
                "vin": valid_vin("WVWZZZAUZKW512348"),
                "model_id": cls.model.id,
                "price_offered": 7000,
                "company_id": cls.company_2.id,
            }
        )
        cls.appraisals = cls.bought | cls.lost | cls.draft | cls.other
        cls.analyst = new_test_user(
            cls.env,
            login="dealer_analyst",
            groups="dealer_reports.group_dealer_reports",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def report(self, user=None):
        Report = self.env["dealer.report.appraisal"]
        if user:
            Report = Report.with_user(user)
        return Report.search([("appraisal_id", "in", self.appraisals.ids)])


@tagged("post_install", "-at_install")
class TestAppraisalReportFigures(AppraisalHistoryCase):
    def test_one_row_per_appraisal_with_its_prices_state_and_car(self):
        row = self.report().filtered(lambda r: r.appraisal_id == self.bought)
        self.assertRecordValues(
            row,
            [
                {
                    "name": self.bought.name,
                    "state": "bought",
                    "evaluator_id": self.evaluator.id,
                    "partner_id": self.owner.id,
                    "brand_id": self.brand.id,
                    "model_id": self.model.id,
                    "vehicle_id": self.bought.vehicle_id.id,
                    "purchase_id": self.bought.purchase_id.id,
                    "price_estimate": 16000.0,
                    "price_offered": 14500.0,
                    "price_difference": 1500.0,
                    "bought_count": 1,
                    "purchased_count": 0,  # the purchase order is a draft
                    "conversion_rate": 100.0,
                }
            ],
        )

    def test_conversion_and_prices_per_evaluator(self):
        groups = self.env["dealer.report.appraisal"]._read_group(
            [("appraisal_id", "in", (self.bought | self.lost | self.draft).ids)],
            ["evaluator_id"],
            ["appraisal_count:sum", "bought_count:sum", "conversion_rate:avg", "price_offered:sum"],
        )
        self.assertEqual(
            {evaluator: tuple(values) for evaluator, *values in groups},
            {
                self.evaluator: (2, 1, 50.0, 22500.0),
                self.uc_manager: (1, 0, 0.0, 4000.0),
            },
        )

    def test_confirmed_purchase_counts_as_purchased(self):
        self.bought.purchase_id.dealer_payment_method = "cash"
        self.bought.purchase_id.button_confirm()
        row = self.report().filtered(lambda r: r.appraisal_id == self.bought)
        self.assertEqual(row.purchased_count, 1)


@tagged("post_install", "-at_install")
class TestAppraisalReportRights(AppraisalHistoryCase):
    def test_analyst_reads_the_rows_of_own_companies_only(self):
        rows = self.report(self.analyst)
        self.assertEqual(rows.appraisal_id, self.bought | self.lost | self.draft)
        rows.read(["price_offered", "evaluator_id", "state"])
        # once the analyst works in the second company too, its rows show
        self.analyst.company_ids += self.company_2
        rows = (
            self.env["dealer.report.appraisal"]
            .with_user(self.analyst)
            .with_context(allowed_company_ids=[self.company.id, self.company_2.id])
            .search([("appraisal_id", "in", self.appraisals.ids)])
        )
        self.assertEqual(rows.appraisal_id, self.appraisals)

    def test_analyst_cannot_write_create_or_delete(self):
        row = self.report(self.analyst)[:1]
        with self.assertRaises(AccessError):
            row.write({"price_offered": 1.0})
        with self.assertRaises(AccessError):
            self.env["dealer.report.appraisal"].with_user(self.analyst).create({"name": "X"})
        with self.assertRaises(AccessError):
            row.unlink()

    def test_plain_dealer_user_cannot_read(self):
        with self.assertRaises(AccessError):
            self.env["dealer.report.appraisal"].with_user(self.dealer_user).search([])

    def test_every_report_model_has_a_multi_company_rule(self):
        rules = self.env["ir.rule"].search([("model_id.model", "=like", "dealer.report.%")])
        models = self.env["ir.model"].search([("model", "=like", "dealer.report.%"), ("transient", "=", False)])
        for model in models.filtered(lambda m: not self.env[m.model]._abstract and self.env[m.model]._auto is False):
            with self.subTest(model=model.model):
                self.assertTrue(
                    rules.filtered(lambda r, m=model: r.model_id == m and "company_ids" in r.domain_force), model.model
                )


@tagged("post_install", "-at_install")
class TestAppraisalSummaryPdf(ReportTestMixin, AppraisalHistoryCase):
    def test_summary_prints_filters_groups_and_totals(self):
        rows = self.report().filtered(lambda r: r.company_id == self.company)
        since = fields.Date.context_today(rows) - timedelta(days=30)
        domain = [
            "|",
            ("state", "=", "bought"),
            ("state", "=", "lost"),
            ("evaluator_id", "=", self.evaluator.id),
            ("date", ">=", fields.Date.to_string(since)),
        ]
        html = (
            self.env["ir.actions.report"]
            .with_context(active_domain=domain)
            ._render_qweb_html(
                "dealer_reports.action_report_dealer_appraisal_summary", rows.filtered_domain(domain).ids
            )[0]
            .decode()
        )
        self.assertEqual(self._text(html, "title"), "Appraisal Summary")
        self.assertEqual(
            self._text(html, "filters"),
            f"Filters: Status = Bought or Status = Lost; Evaluator = Evaluator; "
            f"Appraisal Date >= {format_date(self.env, since)}",
        )
        self.assertEqual(self._text(html, "record_count"), "Records: 2")
        self.assertEqual(self._text(html, "summary_row"), "Evaluator 2 $ 25,000.00 $ 22,500.00 1 50.00")
        self.assertEqual(self._text(html, "summary_total"), "Total 2 $ 25,000.00 $ 22,500.00 1 50.00")

    def test_summary_without_filters_prints_the_period_and_all_groups(self):
        rows = self.report().filtered(lambda r: r.company_id == self.company)
        html = self._render("dealer_reports.action_report_dealer_appraisal_summary", rows)
        today = format_date(self.env, fields.Date.context_today(rows))
        self.assertEqual(self._text(html, "period"), f"Appraisal Date : {today} - {today}")
        self.assertEqual(self._text(html, "record_count"), "Records: 3")
        self.assertEqual(
            self._text(html, "summary_row"),
            "Evaluator 2 $ 25,000.00 $ 22,500.00 1 50.00 UC Manager 1 $ 5,000.00 $ 4,000.00 0 0.00",
        )
        self.assertEqual(self._text(html, "summary_total"), "Total 3 $ 30,000.00 $ 26,500.00 1 33.33")

    def test_summary_is_a_real_pdf(self):
        rows = self.report().filtered(lambda r: r.company_id == self.company)
        pdf, report_format = render_pdf(self.env, "dealer_reports.action_report_dealer_appraisal_summary", rows.ids)
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
