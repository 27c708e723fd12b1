import io

from openpyxl import load_workbook

from odoo.tests import tagged

from .common import DealerReportsCase


@tagged("post_install", "-at_install")
class TestXlsxReports(DealerReportsCase):
    def workbook(self, report_name, records, user):
        content, report_type = self.env["ir.actions.report"].with_user(user)._render(report_name, records.ids, {})
        self.assertEqual(report_type, "xlsx")
        sheet = load_workbook(io.BytesIO(content)).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        header = rows[4]
        return sheet, header, rows[5:-1], dict(zip(header, rows[-1], strict=True))

    def test_vehicle_cost_ledger_xlsx_has_rows_and_totals(self):
        cars = self.car_a | self.car_b | self.car_c
        ledger = self.env["dealer.report.vehicle.cost"].search([("vehicle_id", "in", cars.ids)], order="id")
        sheet, header, rows, totals = self.workbook("dealer_reports.vehicle_cost_xlsx", ledger, self.cost_reader)
        self.assertEqual(sheet.title, "Vehicle Cost Ledger")
        self.assertEqual(sheet["A1"].value, "Vehicle Cost Ledger")
        self.assertEqual(sheet["A2"].value, self.company.name)
        self.assertEqual(len(rows), 3)
        self.assertEqual([row[0] for row in rows], ledger.mapped("vin"))
        self.assertEqual(totals["VIN"], "Total")
        self.assertEqual(
            (totals["Purchase Cost"], totals["Sale Price"], totals["Fees"], totals["Cost of Goods Sold"]),
            (31000, 38000, 250, 22840),
        )
        self.assertEqual(totals["Margin"], 15410)
        self.assertEqual(sheet.cell(6, header.index("Margin") + 1).number_format.count("0.00"), 1)

    def test_analyst_gets_no_cost_columns(self):
        ledger = self.env["dealer.report.vehicle.cost"].search([("vehicle_id", "=", self.car_a.id)])
        _sheet, header, rows, totals = self.workbook("dealer_reports.vehicle_cost_xlsx", ledger, self.analyst)
        self.assertIn("Sale Price", header)
        for label in ("Margin", "Cost of Goods Sold", "Purchase Cost", "Stock Value"):
            self.assertNotIn(label, header)
        self.assertEqual((len(rows), totals["Sale Price"]), (1, 20000))

    def test_stock_age_xlsx_totals(self):
        cars = self.car_a | self.car_b | self.car_c
        rows = self.env["dealer.report.stock.age"].search([("vehicle_id", "in", cars.ids)])
        sheet, header, lines, totals = self.workbook("dealer_reports.stock_age_xlsx", rows, self.cost_reader)
        self.assertEqual(sheet.title, "Stock Age")
        self.assertEqual(len(lines), 3)
        self.assertEqual((totals["Cars"], totals["Capital Bound"]), (3, 9000))
        old = next(line for line in lines if line[0] == self.car_c.vin_sn)
        self.assertEqual(old[header.index("Days in Stock")], 100)
        self.assertEqual(old[header.index("Age")], "Over 90 days")

    def test_reports_are_in_the_print_menu_of_their_models(self):
        for xmlid, model in (
            ("dealer_reports.action_report_dealer_vehicle_cost_xlsx", "dealer.report.vehicle.cost"),
            ("dealer_reports.action_report_dealer_stock_age_xlsx", "dealer.report.stock.age"),
        ):
            report = self.env.ref(xmlid)
            self.assertEqual((report.report_type, report.binding_model_id.model), ("xlsx", model))
