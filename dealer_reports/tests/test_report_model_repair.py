from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DealerReportsCase


@tagged("post_install", "-at_install")
class TestModelAnalysis(DealerReportsCase):
    def test_bought_sold_in_stock_days_to_sell_and_margin_per_model(self):
        self.backdate_receipt(self.car_b, 30)  # car B stood 30 days before it was sold, car A 0 days
        report = self.env["dealer.report.model"]
        report.invalidate_model()
        cars = self.car_a | self.car_b | self.car_c
        groups = report.read_group(
            [("vehicle_id", "in", cars.ids)],
            ["bought_count:sum", "sold_count:sum", "in_stock_count:sum", "days_to_sell:avg", "margin:avg"],
            ["model_id"],
        )
        self.assertEqual(len(groups), 1)
        group = groups[0]
        self.assertEqual(group["model_id"][0], self.model.id)
        self.assertEqual(
            (group["bought_count"], group["sold_count"], group["in_stock_count"], group["days_to_sell"]),
            (3, 2, 1, 15),
        )
        self.assertEqual(group["margin"], (9410 + 6000) / 2)

    def test_analyst_counts_cars_but_does_not_read_margins(self):
        report = self.env["dealer.report.model"].with_user(self.analyst)
        groups = report.read_group([("model_id", "=", self.model.id)], ["sold_count:sum"], ["model_id"])
        self.assertEqual(groups[0]["sold_count"], 2)
        with self.assertRaises(AccessError):
            report.read_group([("model_id", "=", self.model.id)], ["margin:avg"], ["model_id"])


@tagged("post_install", "-at_install")
class TestRepairAnalysis(DealerReportsCase):
    def rows(self):
        self.env["dealer.report.repair"].invalidate_model()
        return self.env["dealer.report.repair"].search([("vehicle_id", "in", (self.car_a | self.car_c).ids)])

    def test_posted_addons_and_repairs_per_car_vendor_and_kind(self):
        rows = self.rows()
        self.assertEqual(
            [
                (row.vehicle_id, row.reconditioning_id, row.kind, row.source, row.vendor_id, row.amount)
                for row in rows.sorted(lambda row: row.reconditioning_id.id)
            ],
            [
                (self.car_a, self.addon, "addon", "parts", self.env["res.partner"], 300),
                (self.car_a, self.repair, "repair", "bill", self.workshop, 500),
            ],
        )
        self.assertEqual(rows.mapped("vin"), [self.car_a.vin_sn] * 2)

    def test_a_draft_bill_adds_nothing_until_posted(self):
        repair = self.recondition(
            self.car_c, [(self.repair_service, 1, 700)], kind="repair", vendor_id=self.workshop.id
        )
        repair.action_done()
        self.assertFalse(self.rows().filtered(lambda row: row.vehicle_id == self.car_c))
        repair.invoice_id.write({"ref": "WB-2026-002", "invoice_date": repair.date})
        repair.invoice_id.action_post()
        row = self.rows().filtered(lambda row: row.vehicle_id == self.car_c)
        self.assertEqual((row.amount, row.vendor_id, row.kind), (700, self.workshop, "repair"))
        groups = self.env["dealer.report.repair"].read_group(
            [("vehicle_id", "in", (self.car_a | self.car_c).ids)], ["amount:sum"], ["kind"]
        )
        self.assertEqual({group["kind"]: group["amount"] for group in groups}, {"addon": 300, "repair": 1200})

    def test_a_bill_posted_after_the_sale_is_a_repair_cost_too(self):
        repair = self.recondition(
            self.car_c, [(self.repair_service, 1, 700)], kind="repair", vendor_id=self.workshop.id
        )
        repair.action_done()
        self.approve(self.make_sale(self.car_c))
        repair.invoice_id.write({"ref": "WB-2026-004", "invoice_date": repair.date})
        repair.invoice_id.action_post()
        row = self.rows().filtered(lambda row: row.vehicle_id == self.car_c)
        self.assertEqual((row.amount, row.source, row.kind, row.vendor_id), (700, "bill_sold", "repair", self.workshop))
        self.assertLess(row.id, 0)
        self.assertEqual(row.read(["vin"])[0]["vin"], self.car_c.vin_sn)
