from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.dealer_jobs.tests.common import ReportTestMixin
from odoo.addons.dealer_usedcar.tests.common_sale import CAR_PRICE, CarSaleCase


@tagged("post_install", "-at_install")
class TestCarSaleReport(ReportTestMixin, CarSaleCase):
    """Three cars sold: one with a fee and gifts (approved), one un-approved and re-approved, one not
    approved (paid cash); a fourth car only quoted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mats = cls.env["product.product"].create(
            {"name": "Floor Mats", "type": "consu", "list_price": 60.0, "standard_price": 40.0}
        )
        cls.car_2 = cls.make_stock_car("WVWZZZ1KZSW600002", cost=12000, price=18000)
        cls.car_3 = cls.make_stock_car("WVWZZZ1KZSW600003", cost=9000, price=15000)
        cls.car_4 = cls.make_stock_car("WVWZZZ1KZSW600004", cost=8000, price=11000)
        cls.analyst = new_test_user(
            cls.env,
            login="sale_analyst",
            groups="dealer_reports.group_dealer_reports",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def make_history(self):
        with_gifts = self.make_sale(
            lines=[
                {"product_id": self.agency_fee.id},
                {"product_id": self.mats.id, "product_uom_qty": 2, "dealer_is_gift": True},
            ]
        )
        self.approve(with_gifts)
        reapproved = self.make_sale(car=self.car_2)
        self.approve(reapproved)
        self.unapprove(reapproved)
        self.assertEqual(self.row(reapproved).approval_state, "none", "the report follows the un-approval")
        self.approve(reapproved)
        cash = self.make_sale(car=self.car_3)
        cash.dealer_payment_method = "cash"
        quoted = self.make_sale(car=self.car_4, confirm=False)
        self.env.invalidate_all()  # the report's rows as a new request reads them
        return with_gifts, reapproved, cash, quoted

    def row(self, order, user=None):
        Report = self.env["dealer.report.sale"].with_user(user or self.analyst)
        return Report.search([("order_id", "=", order.id)])

    def test_the_car_its_fee_and_its_gifts_on_one_row(self):
        with_gifts, *_others = self.make_history()
        self.assertRecordValues(
            self.row(with_gifts),
            [
                {
                    "partner_id": self.customer.id,
                    "user_id": self.salesperson.id,
                    "warehouse_id": self.warehouse.id,
                    "payment_method": "financing",
                    "vehicle_id": self.car.id,
                    "brand_id": self.brand.id,
                    "model_id": self.model.id,
                    "state": "sale",
                    "approval_state": "approved",
                    "car_count": 1,
                    "approved_count": 1,
                    "car_amount": CAR_PRICE,
                    "fee_amount": self.agency_fee.list_price,
                    "addon_amount": 0.0,
                    "gift_count": 2.0,
                    "gift_cost": 80.0,
                    "amount_untaxed": CAR_PRICE + self.agency_fee.list_price,
                    "amount_total": with_gifts.amount_total,
                }
            ],
        )

    def test_approved_and_not_approved_sales(self):
        with_gifts, reapproved, cash, quoted = self.make_history()
        orders = with_gifts | reapproved | cash | quoted
        groups = (
            self.env["dealer.report.sale"]
            .with_user(self.analyst)
            ._read_group(
                [("order_id", "in", orders.ids), ("state", "=", "sale")],
                ["approval_state"],
                ["car_count:sum", "car_amount:sum", "fee_amount:sum", "gift_cost:sum"],
            )
        )
        self.assertEqual(
            {state: tuple(values) for state, *values in groups},
            {"approved": (2, CAR_PRICE + 18000, 250.0, 80.0), "none": (1, 15000.0, 0.0, 0.0)},
        )
        self.assertEqual(self.row(quoted).state, "draft")
        self.assertEqual(self.row(cash).payment_method, "cash")

    def test_analyst_reads_a_plain_dealer_user_does_not(self):
        with_gifts, *_others = self.make_history()
        row = self.row(with_gifts, self.analyst)
        self.assertEqual(row.car_amount, CAR_PRICE)
        with self.assertRaises(AccessError):
            row.write({"car_amount": 1.0})
        plain = new_test_user(self.env, login="plain_sale_dealer", groups="dealer_jobs.group_dealer_user")
        with self.assertRaises(AccessError):
            self.env["dealer.report.sale"].with_user(plain).search([])

    def test_summary_prints_per_salesperson_with_totals(self):
        orders = self.env["sale.order"].union(*self.make_history())
        rows = (
            self.env["dealer.report.sale"]
            .with_user(self.analyst)
            .search([("order_id", "in", orders.ids), ("state", "=", "sale")])
        )
        domain = [("approval_state", "=", "approved")]
        html = (
            self.env["ir.actions.report"]
            .with_user(self.analyst)
            .with_context(active_domain=domain)
            ._render_qweb_html("dealer_reports.action_report_dealer_sale_summary", rows.filtered_domain(domain).ids)[0]
            .decode()
        )
        self.assertIn(self.company.name, self._text(html, "company_address"))
        self.assertEqual(self._text(html, "title"), "Car Sales Summary")
        self.assertEqual(self._text(html, "filters"), "Filters: Approval = Approved")
        self.assertEqual(self._text(html, "record_count"), "Records: 2")
        amounts = "$ 38,000.00 $ 250.00 $ 0.00 $ 80.00 $ 38,250.00"
        self.assertEqual(self._text(html, "summary_row"), f"Used-Car Salesperson 2 {amounts}")
        self.assertEqual(self._text(html, "summary_total"), f"Total 2 {amounts}")
