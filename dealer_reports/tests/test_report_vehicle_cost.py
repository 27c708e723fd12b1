from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import format_amount

from odoo.addons.dealer_jobs.tests.common import ReportTestMixin, render_html

from .common import DAYS_IN_STOCK, DealerReportsCase

FIGURES = (
    "state",
    "cost_purchase",
    "cost_addons",
    "cost_repairs",
    "cost_other",
    "stock_value",
    "revenue",
    "fees",
    "gifts",
    "cogs",
    "margin",
)


@tagged("post_install", "-at_install")
class TestVehicleCostLedger(DealerReportsCase):
    def figures(self, row):
        return {name: row[name] for name in FIGURES}

    def posted_margin(self, order):
        """Revenue minus cost of goods sold on the posted journal items of the sale's invoices and
        credit notes, read the accountant's way (income lines and the COGS lines' expense side)."""
        moves = order.order_line.invoice_lines.move_id.filtered(lambda move: move.state == "posted")
        revenue = -sum(moves.line_ids.filtered(lambda line: line.display_type == "product").mapped("balance"))
        cogs = 0.0
        for line in moves.line_ids.filtered(lambda line: line.display_type == "cogs"):
            expense = line.product_id.product_tmpl_id.with_company(order.company_id).get_product_accounts()["expense"]
            if line.account_id == expense:
                cogs += line.balance
        return round(revenue, 2), round(cogs, 2)

    def test_sold_car_with_reconditioning_fee_and_gift(self):
        row = self.ledger(self.car_a)
        self.assertEqual(len(row), 1)
        self.assertEqual(
            self.figures(row),
            {
                "state": "sold",
                "cost_purchase": 10000,
                "cost_addons": 300,
                "cost_repairs": 500,
                "cost_other": 0,
                "stock_value": 0,
                "revenue": 20000,
                "fees": 250,
                "gifts": 40,
                "cogs": 10840,
                "margin": 9410,
            },
        )
        self.assertEqual((row.vin, row.model_id, row.brand_id), (self.car_a.vin_sn, self.model, self.brand))
        self.assertEqual((row.seller_id, row.partner_id), (self.seller, self.customer))
        self.assertEqual(row.date_sold, fields.Date.context_today(row))
        revenue, cogs = self.posted_margin(self.sale_a)
        self.assertEqual((row.revenue + row.fees, row.cogs), (revenue, cogs))
        self.assertEqual(row.margin, revenue - cogs)

    def test_unapproved_and_reapproved_car_counts_once(self):
        row = self.ledger(self.car_b)
        self.assertEqual(
            self.figures(row),
            {
                "state": "sold",
                "cost_purchase": 12000,
                "cost_addons": 0,
                "cost_repairs": 0,
                "cost_other": 0,
                "stock_value": 0,
                "revenue": 18000,
                "fees": 0,
                "gifts": 0,
                "cogs": 12000,
                "margin": 6000,
            },
        )
        invoices = self.sale_b.order_line.invoice_lines.move_id
        self.assertEqual(sorted(invoices.mapped("move_type")), ["out_invoice", "out_invoice", "out_refund"])
        self.assertEqual(self.posted_margin(self.sale_b), (18000, 12000))

    def test_car_in_stock_has_its_value_and_no_margin(self):
        row = self.ledger(self.car_c)
        self.assertEqual(
            self.figures(row),
            {
                "state": "in_stock",
                "cost_purchase": 9000,
                "cost_addons": 0,
                "cost_repairs": 0,
                "cost_other": 0,
                "stock_value": 9000,
                "revenue": 0,
                "fees": 0,
                "gifts": 0,
                "cogs": 0,
                "margin": 0,
            },
        )
        self.assertEqual(row.date_in, fields.Date.subtract(fields.Date.context_today(row), days=DAYS_IN_STOCK))
        self.assertFalse(row.date_sold)
        self.assertEqual(row.stock_value, self.car_c.lot_id.with_company(self.company).value_svl)

    def test_draft_documents_do_not_count(self):
        """A draft repair bill and a confirmed, unapproved sale change nothing."""
        draft_repair = self.recondition(
            self.car_c, [(self.repair_service, 1, 700)], kind="repair", vendor_id=self.workshop.id
        )
        draft_repair.action_done()
        self.assertEqual(draft_repair.invoice_id.state, "draft")
        self.make_sale(self.car_c)
        row = self.ledger(self.car_c)
        self.assertEqual((row.cost_repairs, row.revenue, row.stock_value, row.state), (0, 0, 9000, "in_stock"))

    def test_repair_bill_posted_after_the_sale_goes_to_the_cost_of_goods_sold(self):
        repair = self.recondition(
            self.car_c, [(self.repair_service, 1, 700)], kind="repair", vendor_id=self.workshop.id
        )
        repair.action_done()
        sale = self.make_sale(self.car_c)
        self.approve(sale)
        repair.invoice_id.write({"ref": "WB-2026-003", "invoice_date": fields.Date.today()})
        repair.invoice_id.action_post()
        row = self.ledger(self.car_c)
        self.assertEqual(
            (row.state, row.cost_repairs, row.stock_value, row.revenue, row.cogs, row.margin),
            ("sold", 700, 0, 14000, 9700, 4300),
        )
        lines = self.env["account.move.line"].search(row.action_view_entries()["domain"])
        self.assertIn(repair.invoice_id, lines.move_id)
        self.assertEqual(
            len(lines.move_id.filtered(lambda move: move.move_type == "entry" and "left stock" in move.ref)), 1
        )

    def test_pivot_totals_reconcile_with_the_valuation_layers(self):
        cars = self.car_a | self.car_b | self.car_c
        ledger = self.env["dealer.report.vehicle.cost"]
        groups = ledger.read_group(
            [("vehicle_id", "in", cars.ids)], ["stock_value:sum", "margin:sum", "cogs:sum"], ["model_id"]
        )
        self.assertEqual(len(groups), 1)
        self.assertEqual((groups[0]["margin"], groups[0]["cogs"]), (15410, 22840))
        layers = self.env["stock.valuation.layer"].search([("lot_id", "in", cars.lot_id.ids)])
        self.assertEqual(groups[0]["stock_value"], round(sum(layers.mapped("value")), 2))

    def test_pivot_read_takes_a_fixed_number_of_queries(self):
        ledger = self.env["dealer.report.vehicle.cost"].with_user(self.cost_reader)
        args = ([], ["revenue:sum", "cogs:sum", "margin:sum"], ["model_id", "date_sold:month"])

        def queries():
            ledger.read_group(*args, lazy=False)  # warm-up: access rules and their caches
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            groups = ledger.read_group(*args, lazy=False)
            return self.env.cr.sql_log_count - start, groups

        few, groups = queries()
        self.assertEqual(sum(group["margin"] for group in groups if group["model_id"][0] == self.model.id), 15410)
        other_model = self.env["fleet.vehicle.model"].create({"name": "Kombi", "brand_id": self.brand.id})
        for index in range(3):
            car = self.make_stock_car(f"WVWZZZ1KZSW60001{index}", cost=5000)
            car.model_id = other_model
        more, groups = queries()
        self.assertEqual(more, few, "as many queries for more cars and models")
        self.assertLessEqual(few, 6)

    def test_drill_down_opens_the_cars_layers_and_posted_entries(self):
        row = self.ledger(self.car_a)
        action = row.action_view_layers()
        layers = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(round(sum(layers.mapped("value")), 2), 0)
        self.assertEqual(sorted(layers.mapped("value")), [-10800, 300, 500, 10000])
        action = row.action_view_entries()
        lines = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(set(lines.mapped("parent_state")), {"posted"})
        self.assertIn(self.sale_a.dealer_invoice_id, lines.move_id)
        self.assertTrue(layers.account_move_id <= lines.move_id)


@tagged("post_install", "-at_install")
class TestVehicleCostLedgerRights(DealerReportsCase):
    def test_analyst_reads_prices_but_not_costs_or_margins(self):
        row = self.ledger(self.car_a, user=self.analyst)
        self.assertEqual(row.read(["revenue", "fees"])[0]["revenue"], 20000)
        for field in ("margin", "cogs", "cost_purchase", "gifts", "stock_value"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                row.read([field])
        with self.assertRaises(AccessError):
            row.read_group([], ["margin:sum"], ["model_id"])
        arch = row.get_views([(False, "list")])["views"]["list"]["arch"]
        self.assertNotIn('name="margin"', arch)

    def test_dealer_sales_manager_reads_every_report_but_not_margins(self):
        sales_manager = new_test_user(
            self.env,
            login="rpt_sales_manager",
            groups="dealer_jobs.group_dealer_sales_manager",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        for model in ("dealer.report.vehicle.cost", "dealer.report.stock.age", "dealer.report.model"):
            with self.subTest(model=model):
                self.assertTrue(self.env[model].with_user(sales_manager).search([("vehicle_id", "=", self.car_a.id)]))
        self.assertTrue(self.env["dealer.report.repair"].with_user(sales_manager).search([]))
        with self.assertRaises(AccessError):
            self.ledger(self.car_a, user=sales_manager).read(["margin"])

    def test_cost_reader_reads_margins(self):
        row = self.ledger(self.car_a, user=self.cost_reader)
        self.assertEqual(row.read(["margin"])[0]["margin"], 9410)

    def test_the_report_is_read_only(self):
        row = self.ledger(self.car_a, user=self.cost_reader)
        with self.assertRaises(AccessError):
            row.write({"revenue": 1})

    def test_other_company_rows_are_invisible(self):
        other = self.env["res.company"].create({"name": "Autohaus Nord"})
        outsider = new_test_user(
            self.env,
            login="rpt_outsider",
            groups="dealer_reports.group_dealer_reports,dealer_usedcar.group_dealer_usedcar_manager",
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        report = self.env["dealer.report.vehicle.cost"]
        self.assertEqual(len(report.search([("vehicle_id", "in", (self.car_a | self.car_b).ids)])), 2)
        self.assertFalse(report.with_user(outsider).search([("vehicle_id", "in", (self.car_a | self.car_b).ids)]))

    def test_plain_dealer_user_cannot_open_the_report(self):
        user = new_test_user(self.env, login="rpt_plain", groups="dealer_jobs.group_dealer_user")
        with self.assertRaises(AccessError):
            self.env["dealer.report.vehicle.cost"].with_user(user).search([])


@tagged("post_install", "-at_install")
class TestVehicleCostLedgerSummary(ReportTestMixin, DealerReportsCase):
    SUMMARY = "dealer_reports.action_report_dealer_vehicle_cost_summary"

    def test_summary_per_model_prints_costs_and_margins_for_cost_readers_only(self):
        rows = self.env["dealer.report.vehicle.cost"].search([("vehicle_id", "in", (self.car_a | self.car_b).ids)])
        self.assertEqual(len(rows), 2)
        html = render_html(self.env(user=self.cost_reader), self.SUMMARY, rows.ids)
        self.assertEqual(self._text(html, "title"), "Vehicle Cost Ledger")
        total = self._text(html, "summary_total")
        margin = format_amount(self.env, sum(rows.mapped("margin")), self.env.company.currency_id)
        self.assertIn(margin.replace("\xa0", " "), total)
        self.assertIn("Margin", html)

        html = render_html(self.env(user=self.analyst), self.SUMMARY, rows.ids)
        self.assertNotIn("Margin", html)
        self.assertNotIn("Cost of Goods Sold", html)
        revenue = format_amount(self.env, sum(rows.mapped("revenue")), self.env.company.currency_id)
        self.assertIn(revenue.replace("\xa0", " "), self._text(html, "summary_total"))

    def test_model_repair_and_stock_age_print_their_summary(self):
        for model, title in (
            ("dealer.report.model", "Model Analysis"),
            ("dealer.report.repair", "Repair Analysis"),
            ("dealer.report.stock.age", "Stock Age"),
        ):
            with self.subTest(model=model):
                rows = self.env[model].with_user(self.cost_reader).search([])
                self.assertTrue(rows)
                xmlid = f"dealer_reports.action_report_dealer_{model.split('.', 2)[2].replace('.', '_')}_summary"
                # by report name, as the web client's print menu asks for it
                html = render_html(self.env(user=self.cost_reader), self.env.ref(xmlid).report_name, rows.ids)
                self.assertEqual(self._text(html, "title"), self.env[model]._description)
                self.assertIn(title, self.env[model]._description)
                self.assertIn(f"Records: {len(rows)}", self._text(html, "record_count"))

    def test_summary_title_speaks_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["dealer_reports"], ["zh_CN"])
        rows = self.env["dealer.report.vehicle.cost"].search([("vehicle_id", "=", self.car_a.id)])
        html = render_html(self.env(user=self.cost_reader, context={"lang": "zh_CN"}), self.SUMMARY, rows.ids)
        self.assertEqual(self._text(html, "title"), "车辆成本明细报表")
