from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.dealer_jobs.tests.common import ReportTestMixin, render_html, valid_vin
from odoo.addons.dealer_usedcar.tests.stock_in_common import UsedCarStockCase


@tagged("post_install", "-at_install")
class TestCarPurchaseReport(ReportTestMixin, UsedCarStockCase):
    """Five car purchases: received, overdue, due, from an appraisal (draft), from a trade-in job."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.received = cls.buy_and_receive(cls.make_car("WVWZZZ1KZSW700001"), [10000], seller=cls.dealer_seller)
        cls.overdue = cls.buy(cls.make_car("WVWZZZ1KZSW700002"), [8000], payment="cash")
        cls.overdue.date_planned = fields.Datetime.now() - timedelta(days=3)
        cls.due = cls.buy(cls.make_car("WVWZZZ1KZSW700003"), [7000], payment="financing")
        cls.due.date_planned = fields.Datetime.now() + timedelta(days=2)
        cls.appraisal = cls.env["dealer.appraisal"].create(
            {
                "partner_id": cls.private_seller.id,
                "vin": valid_vin("WVWZZZ1KZSW700004"),
                "model_id": cls.model.id,
                "engine_number": "ENG 700004",
                "model_code": "B9",
                "price_offered": 9000,
            }
        )
        cls.appraisal.action_done()
        cls.appraisal.action_buy()
        trade_in_car = cls.make_car("WVWZZZ1KZSW700005")
        cls.env.ref("dealer_jobs.phase_purchase_contract").send_on_activation = False
        cls.job = cls.env["dealer.job"].create(
            {
                "vehicle_id": trade_in_car.id,
                "partner_id": cls.private_seller.id,
                "process": "purchase",
                "warehouse_id": cls.warehouse.id,
                "line_ids": [Command.create({"name": "Trade-in price", "quantity": 1, "price_unit": 6000})],
            }
        )
        cls.job.phase_id = cls.env.ref("dealer_jobs.phase_purchase_contract")
        cls.job.action_activate_phase()
        cls.orders = cls.received | cls.overdue | cls.due | cls.appraisal.purchase_id | cls.job.purchase_order_ids
        cls.analyst = new_test_user(
            cls.env,
            login="purchase_analyst",
            groups="dealer_reports.group_dealer_reports",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.env.invalidate_all()

    def rows(self):
        return self.env["dealer.report.purchase"].with_user(self.analyst).search([("order_id", "in", self.orders.ids)])

    def test_origin_payment_and_receipt_of_each_purchase(self):
        rows = self.rows()
        self.assertEqual(len(rows), 5)
        values = {
            row.order_id: (row.origin, row.payment_method, row.car_count, row.car_amount, row.state) for row in rows
        }
        self.assertEqual(
            values,
            {
                self.received: ("dealer", "bank_transfer", 1, 10000.0, "purchase"),
                self.overdue: ("dealer", "cash", 1, 8000.0, "purchase"),
                self.due: ("dealer", "financing", 1, 7000.0, "purchase"),
                self.appraisal.purchase_id: ("appraisal", False, 1, 9000.0, "draft"),
                self.job.purchase_order_ids: ("trade_in", "trade_in", 1, 6000.0, "purchase"),
            },
        )
        appraisal_row = rows.filtered(lambda row: row.order_id == self.appraisal.purchase_id)
        self.assertEqual(appraisal_row.appraisal_id, self.appraisal)
        self.assertEqual(rows.filtered(lambda row: row.origin == "trade_in").job_id, self.job)
        self.assertEqual(rows.filtered(lambda row: row.order_id == self.received).partner_id, self.dealer_seller)
        self.assertEqual(set(rows.mapped("warehouse_id")), {self.warehouse})

    def test_due_and_overdue_receipts(self):
        rows = self.rows()
        by_order = {
            row.order_id: (row.receipt_status, row.due_count, row.overdue_count, row.days_overdue) for row in rows
        }
        self.assertEqual(by_order[self.received], ("full", 0, 0, 0))
        self.assertEqual(by_order[self.overdue], ("pending", 0, 1, 3))
        self.assertEqual(by_order[self.due], ("pending", 1, 0, 0))
        self.assertEqual(by_order[self.appraisal.purchase_id][1:], (0, 0, 0), "a draft is neither due nor overdue")

    def test_summary_per_origin(self):
        html = render_html(
            self.env(user=self.analyst), "dealer_reports.action_report_dealer_purchase_summary", self.rows().ids
        )
        self.assertEqual(self._text(html, "title"), "Car Purchase Summary")
        self.assertEqual(
            self._text(html, "summary_row"),
            "Trade-in Job 1 1 $ 6,000.00 1 0 Appraisal 1 1 $ 9,000.00 0 0 Dealer Purchase 3 3 $ 25,000.00 1 1",
        )
        self.assertEqual(self._text(html, "summary_total"), "Total 5 5 $ 40,000.00 2 1")
