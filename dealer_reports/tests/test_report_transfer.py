from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.dealer_jobs.tests.common import ReportTestMixin, render_html
from odoo.addons.dealer_usedcar.tests.common_sale import CarSaleCase


@tagged("post_install", "-at_install")
class TestOwnershipTransferReport(ReportTestMixin, CarSaleCase):
    """Three approved sales: a transfer done, one overdue, one in time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.analyst = new_test_user(
            cls.env,
            login="transfer_analyst",
            groups="dealer_reports.group_dealer_reports",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def make_history(self):
        sales = self.env["sale.order"]
        for vin, car in (("", self.car), ("2", None), ("3", None)):
            car = car or self.make_stock_car(f"WVWZZZ1KZSW60001{vin}")
            sale = self.make_sale(car=car)
            self.approve(sale)
            sales |= sale
        wizard = self.env["dealer.ownership.transfer.import"].with_user(self.approver).create({})
        wizard.action_import()
        transfers = self.env["dealer.ownership.transfer"].search([("sale_id", "in", sales.ids)], order="id")
        done, late, in_time = transfers
        done.line_ids.done = True
        done.action_done()
        late.date_deadline = fields.Date.context_today(late) - timedelta(days=4)
        self.env.invalidate_all()
        return done, late, in_time

    def rows(self, transfers):
        return (
            self.env["dealer.report.transfer"]
            .with_user(self.analyst)
            .search([("transfer_id", "in", transfers.ids)], order="id")
        )

    def test_state_deadline_and_overdue(self):
        done, late, in_time = self.make_history()
        rows = self.rows(done | late | in_time)
        self.assertRecordValues(
            rows,
            [
                {
                    "transfer_id": done.id,
                    "state": "done",
                    "open_count": 0,
                    "overdue_count": 0,
                    "days_overdue": 0,
                    "days_to_transfer": 0.0,
                    "date_deadline": done.date_deadline,
                    "vehicle_id": done.vehicle_id.id,
                    "partner_id": self.customer.id,
                    "user_id": self.salesperson.id,
                },
                {
                    "transfer_id": late.id,
                    "state": "draft",
                    "open_count": 1,
                    "overdue_count": 1,
                    "days_overdue": 4,
                    "days_to_transfer": 0.0,
                    "date_deadline": late.date_deadline,
                    "vehicle_id": late.vehicle_id.id,
                    "partner_id": self.customer.id,
                    "user_id": self.salesperson.id,
                },
                {
                    "transfer_id": in_time.id,
                    "state": "draft",
                    "open_count": 1,
                    "overdue_count": 0,
                    "days_overdue": 0,
                    "days_to_transfer": 0.0,
                    "date_deadline": in_time.date_deadline,
                    "vehicle_id": in_time.vehicle_id.id,
                    "partner_id": self.customer.id,
                    "user_id": self.salesperson.id,
                },
            ],
        )
        groups = (
            self.env["dealer.report.transfer"]
            .with_user(self.analyst)
            ._read_group(
                [("transfer_id", "in", (done | late | in_time).ids)], ["state"], ["__count", "overdue_count:sum"]
            )
        )
        self.assertEqual(
            {state: (count, overdue) for state, count, overdue in groups}, {"done": (1, 0), "draft": (2, 1)}
        )

    def test_plain_dealer_user_cannot_read(self):
        plain = new_test_user(self.env, login="plain_transfer_dealer", groups="dealer_jobs.group_dealer_user")
        with self.assertRaises(AccessError):
            self.env["dealer.report.transfer"].with_user(plain).search([])

    def test_summary_per_state(self):
        transfers = self.env["dealer.ownership.transfer"].union(*self.make_history())
        html = render_html(
            self.env(user=self.analyst),
            "dealer_reports.action_report_dealer_transfer_summary",
            self.rows(transfers).ids,
        )
        self.assertEqual(self._text(html, "summary_row"), "In Progress 2 2 1 0 0.0 Done 1 0 0 0 0.0")
        self.assertEqual(self._text(html, "summary_total"), "Total 3 2 1 0 0.0")
