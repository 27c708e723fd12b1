"""A car's cost (purchase + add-ons + repairs) on the car, and the cars-in-stock inventory query."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .test_reconditioning import ReconditioningCase


@tagged("post_install", "-at_install")
class TestCarCostIsShownOnTheCar(ReconditioningCase):
    def test_cost_is_purchase_plus_reconditioning_per_car(self):
        self.recondition(self.car_1, [(self.part, 10, 150)]).action_done()
        repair = self.recondition(self.car_1, [(self.service, 1, 250.25)], kind="repair", vendor_id=self.workshop.id)
        repair.action_done()
        self.post_bill(repair)
        cars = self.car_1 | self.car_2
        cars.invalidate_recordset()
        self.assertEqual(cars.mapped("dealer_cost_purchase"), [10000, 12000])
        self.assertEqual(cars.mapped("dealer_cost_reconditioning"), [1750.25, 0])
        self.assertEqual(cars.mapped("dealer_cost_total"), [11750.25, 12000])
        self.assertEqual(self.car_1.dealer_cost_total, self.car_1.lot_id.value_svl)

    def test_cost_of_many_cars_is_read_in_a_fixed_number_of_queries(self):
        cars = self.env["fleet.vehicle"].browse()
        for index in range(8):
            cars |= self.make_car(f"WAUZZZ8V1KA3000{index:02d}")
        self.buy_and_receive(cars, [1000 + index for index in range(8)])
        cars.invalidate_recordset()
        cars.mapped("lot_id")  # the lots are read with the cars
        with self.assertQueryCount(2):
            self.assertEqual(sum(cars.mapped("dealer_cost_total")), sum(1000 + index for index in range(8)))

    def test_breakdown_lists_the_cars_valuation_layers(self):
        self.recondition(self.car_1, [(self.part, 10, 150)]).action_done()
        action = self.car_1.action_view_dealer_cost()
        layers = self.env["stock.valuation.layer"].search(action["domain"])
        self.assertEqual(sorted(layers.mapped("value")), [1500, 10000])
        action = self.car_1.action_view_dealer_reconditioning()
        self.assertEqual(self.env["dealer.reconditioning"].search(action["domain"]).vehicle_id, self.car_1)


@tagged("post_install", "-at_install")
class TestCarCostIsReadByCostReadersOnly(ReconditioningCase):
    COST_FIELDS = ("dealer_cost_purchase", "dealer_cost_reconditioning", "dealer_cost_total", "dealer_cost_currency_id")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.advisor = new_test_user(
            cls.env, login="uc_cost_advisor", groups="dealer_jobs.group_dealer_user", name="Test-Drive Advisor"
        )
        cls.approver = new_test_user(
            cls.env, login="uc_cost_approver", groups="dealer_usedcar.group_sale_approver", name="Sale Approver"
        )
        cls.accountant = new_test_user(
            cls.env,
            login="uc_cost_accountant",
            groups="account.group_account_invoice,dealer_jobs.group_dealer_user",
            name="Billing",
        )

    def test_dealer_user_and_salesperson_do_not_read_costs(self):
        for user in (self.advisor, self.salesperson):
            car = self.car_1.with_user(user)
            car.read(["name"])  # the car itself stays readable
            for field in self.COST_FIELDS:
                with self.subTest(user=user.login, field=field):
                    with self.assertRaises(AccessError):
                        car.read([field])
                    with self.assertRaises(AccessError):
                        car.search_read([("id", "=", self.car_1.id)], [field])
            arch = car.get_views([(False, "form")])["views"]["form"]["arch"]
            self.assertNotIn("dealer_cost_total", arch, "the form does not show the cost")
            with self.assertRaises(AccessError):
                self.env["dealer.usedcar.stock"].with_user(user).search_read([], ["cost"])

    def test_manager_approver_and_accountant_read_costs(self):
        for user in (self.manager, self.approver, self.accountant):
            with self.subTest(user=user.login):
                car = self.car_1.with_user(user)
                car.invalidate_recordset()
                self.assertEqual(
                    car.read(["dealer_cost_purchase", "dealer_cost_reconditioning", "dealer_cost_total"])[0][
                        "dealer_cost_total"
                    ],
                    10000,
                )
                rows = car.search_read([("id", "=", self.car_1.id)], ["dealer_cost_purchase"])
                self.assertEqual(rows[0]["dealer_cost_purchase"], 10000)
        arch = self.car_1.with_user(self.manager).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("dealer_cost_total", arch)


@tagged("post_install", "-at_install")
class TestCarsInStockView(ReconditioningCase):
    def rows(self, *cars):
        self.env["dealer.usedcar.stock"].invalidate_model()  # a view row keeps its id when its status changes
        return self.env["dealer.usedcar.stock"].search([("vehicle_id", "in", [car.id for car in cars])])

    def test_a_received_car_is_listed_with_its_place_origin_and_cost(self):
        self.recondition(self.car_1, [(self.part, 10, 150)]).action_done()
        row = self.rows(self.car_1)
        self.assertEqual(len(row), 1)
        self.assertEqual(
            (row.lot_id, row.warehouse_id, row.brand_id, row.model_id, row.model_code),
            (self.car_1.lot_id, self.warehouse, self.brand, self.model, "B9"),
        )
        self.assertEqual((row.origin, row.status, row.cost, row.days_in_stock), ("private", "in_stock", 11500, 0))
        self.assertEqual(row.company_id, self.company)

    def test_origin_tells_dealer_purchases_from_private_ones(self):
        car = self.make_car("WAUZZZ8V1KA200021")
        self.buy_and_receive(car, [5000], seller=self.dealer_seller)
        self.assertEqual(self.rows(car).origin, "dealer")

    def test_a_trade_in_job_buys_the_car_by_trade_in_credit_and_shows_as_trade_in(self):
        car = self.make_car("WAUZZZ8V1KA200022")
        job = self.env["dealer.job"].create(
            {
                "vehicle_id": car.id,
                "partner_id": self.private_seller.id,
                "process": "purchase",
                "warehouse_id": self.warehouse.id,
                "line_ids": [Command.create({"name": "Trade-in price", "quantity": 1, "price_unit": 9500})],
            }
        )
        order = job._dealer_purchase()
        self.assertEqual((order.state, order.dealer_payment_method), ("purchase", "trade_in"))
        self.receive(order)
        row = self.rows(car)
        self.assertEqual((row.origin, row.status, row.cost), ("trade_in", "in_stock", 9500))
        self.assertEqual(car.dealer_usage, "stock")

    def test_status_follows_reconditioning_and_sale(self):
        reconditioning = self.recondition(self.car_1, [(self.part, 1, 100)])
        self.assertEqual(self.rows(self.car_1).status, "reconditioning")
        reconditioning.action_done()
        self.assertEqual(self.rows(self.car_1).status, "in_stock")
        order = self.env["sale.order"].create(
            {
                "partner_id": self.private_seller.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.car_1.product_id.id,
                            "price_unit": 14000,
                            "dealer_vehicle_id": self.car_1.id,
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        self.assertEqual(self.rows(self.car_1).status, "reserved")
        self.car_1.product_id.invoice_policy = "order"  # billed before the car leaves
        order._create_invoices().action_post()
        self.assertEqual(self.rows(self.car_1).status, "sold_not_delivered")
        invoice = order.invoice_ids
        order.picking_ids.move_ids.picked = True
        with self.assertRaisesRegex(UserError, "delivered by the approval"):
            order.picking_ids.button_validate()
        order.action_dealer_approve()  # delivers the car; the order keeps its invoice
        self.assertEqual((order.dealer_invoice_id, order.invoice_ids), (invoice, invoice))
        self.assertFalse(self.rows(self.car_1), "a delivered car is out of stock")

    def test_days_in_stock_filters(self):
        quant = self.env["stock.quant"].search([("lot_id", "=", self.car_2.lot_id.id), ("quantity", ">", 0)])
        quant.in_date = fields.Datetime.now() - timedelta(days=100)
        model = self.env["dealer.usedcar.stock"]
        cars = [("vehicle_id", "in", (self.car_1 | self.car_2).ids)]
        self.assertEqual(model.search([*cars, ("days_in_stock", ">", 90)]).vehicle_id, self.car_2)
        self.assertFalse(model.search([*cars, ("days_in_stock", ">", 180)]))
        groups = dict(model._read_group(cars, ["age"], ["__count"]))
        self.assertEqual(groups, {"0_30": 1, "91_180": 1})

    def test_salesperson_reads_the_stock_of_their_company_only(self):
        rows = self.env["dealer.usedcar.stock"].with_user(self.salesperson).search([])
        self.assertIn(self.car_1, rows.vehicle_id)
        self.assertEqual(rows.company_id, self.company)
