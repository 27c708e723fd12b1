from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DAYS_IN_STOCK, DealerReportsCase


@tagged("post_install", "-at_install")
class TestStockAge(DealerReportsCase):
    def rows(self, user=None):
        report = self.env["dealer.report.stock.age"]
        if user:
            report = report.with_user(user)
        report.invalidate_model()
        return report.search([("vehicle_id", "in", (self.car_a | self.car_b | self.car_c).ids)])

    def test_days_in_stock_bucket_and_capital_per_car(self):
        today = fields.Date.context_today(self.env.user)
        rows = {row.vehicle_id: row for row in self.rows()}
        self.assertEqual(len(rows), 3)
        old = rows[self.car_c]
        self.assertEqual(
            (old.in_stock, old.days_in_stock, old.age_bucket, old.stock_value, old.date_out, old.warehouse_id),
            (True, DAYS_IN_STOCK, "90_plus", 9000, False, self.warehouse),
        )
        self.assertEqual(old.date_in, fields.Date.subtract(today, days=DAYS_IN_STOCK))
        for car in (self.car_a, self.car_b):
            sold = rows[car]
            self.assertEqual(
                (sold.in_stock, sold.days_in_stock, sold.age_bucket, sold.stock_value, sold.date_out),
                (False, 0, "0_30", 0, today),
            )
        self.assertEqual(rows[self.car_a].partner_id, self.customer)

    def test_capital_bound_per_bucket(self):
        groups = self.env["dealer.report.stock.age"].read_group(
            [("vehicle_id", "in", (self.car_a | self.car_b | self.car_c).ids), ("in_stock", "=", True)],
            ["stock_value:sum", "car_count:sum"],
            ["age_bucket"],
        )
        self.assertEqual(
            [(group["age_bucket"], group["car_count"], group["stock_value"]) for group in groups],
            [("90_plus", 1, 9000)],
        )

    def test_analyst_sees_ages_but_not_the_capital(self):
        rows = self.rows(user=self.analyst)
        self.assertEqual(len(rows), 3)
        rows.read(["days_in_stock", "age_bucket"])
        with self.assertRaises(AccessError):
            rows.read(["stock_value"])


@tagged("post_install", "-at_install")
class TestStockAgeAlert(DealerReportsCase):
    def alerts(self, car, user=None):
        domain = [("res_model", "=", "fleet.vehicle"), ("res_id", "=", car.id)]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].search(domain)

    def test_default_threshold_is_90_days(self):
        self.assertEqual(self.env["res.company"].create({"name": "Neu"}).dealer_stock_age_alert_days, 90)
        settings = self.env["res.config.settings"].create({"dealer_stock_age_alert_days": 120})
        settings.execute()
        self.assertEqual(self.company.dealer_stock_age_alert_days, 120)

    def test_cron_alerts_the_used_car_managers_once(self):
        cron = self.env.ref("dealer_reports.ir_cron_dealer_stock_age_alert")
        cron.method_direct_trigger()
        alert = self.alerts(self.car_c, user=self.cost_reader)
        self.assertEqual(len(alert), 1)
        self.assertIn("100", alert.summary)
        self.assertFalse(self.alerts(self.car_c, user=self.analyst), "only used-car managers are alerted")
        self.assertFalse(self.alerts(self.car_a) | self.alerts(self.car_b), "sold cars are not alerted")
        count = len(self.alerts(self.car_c))
        cron.method_direct_trigger()
        self.assertEqual(len(self.alerts(self.car_c)), count, "no second alert the next day")
        alert.action_feedback(feedback="Repriced")
        cron.method_direct_trigger()
        self.assertFalse(self.alerts(self.car_c, user=self.cost_reader), "a done alert does not come back")

    def test_no_alert_below_the_company_threshold(self):
        self.company.dealer_stock_age_alert_days = 120
        self.env.ref("dealer_reports.ir_cron_dealer_stock_age_alert").method_direct_trigger()
        self.assertFalse(self.alerts(self.car_c))
