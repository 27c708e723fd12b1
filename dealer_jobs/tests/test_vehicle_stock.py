from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DealerCase, setup_vehicle_valuation, valid_vin


@tagged("post_install", "-at_install")
class TestVehicleStock(DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock_valuation_account = setup_vehicle_valuation(cls.env)

    def test_model_product_is_created_once_as_serial_lot_valued_fifo(self):
        product = self.model._dealer_get_product()
        self.assertEqual(self.model._dealer_get_product(), product)
        template = product.product_tmpl_id
        self.assertTrue(template.is_storable)
        self.assertEqual(template.tracking, "serial")
        self.assertTrue(template.lot_valuated)
        self.assertEqual(template.categ_id, self.env.ref("dealer_jobs.product_category_vehicles"))
        self.assertEqual(template.cost_method, "fifo")
        self.assertEqual(template.valuation, "real_time")
        self.assertEqual(template.name, "Testmarke Kombi")

    def test_receiving_a_car_creates_the_lot_named_by_its_vin_and_links_both_ways(self):
        car = self.make_car(valid_vin("WVWZZZ1KZSW000011"), dealer_usage="stock", net_car_value=21000)
        picking = car._dealer_receive(self.warehouse, self.seller)
        self.assertEqual(picking.state, "done")
        self.assertEqual(car.lot_id.name, car.vin_sn)
        self.assertEqual(car.lot_id.fleet_vehicle_id, car)
        self.assertEqual(car.lot_id.product_id, car.product_id)
        self.assertEqual(car.stock_location_id, self.warehouse.lot_stock_id)
        self.assertEqual(car.stock_warehouse_id, self.warehouse)
        self.assertIn(car, self.env["fleet.vehicle"].search([("stock_location_id", "!=", False)]))

    def test_each_car_keeps_its_own_cost(self):
        cars = self.make_car(valid_vin("WVWZZZ1KZSW000012"), dealer_usage="stock", net_car_value=10000)
        cars |= self.make_car(valid_vin("WVWZZZ1KZSW000013"), dealer_usage="stock", net_car_value=12000)
        picking = cars._dealer_receive(self.warehouse, self.seller)
        self.assertEqual(len(picking.move_ids), 2, "one move per car")
        self.assertEqual(picking.move_ids.purchase_line_id.dealer_vehicle_id, cars, "bought like any car")
        self.assertEqual(cars.mapped("lot_id.value_svl"), [10000, 12000])

    def test_receiving_reuses_the_existing_lot_of_the_vin(self):
        car = self.make_car(valid_vin("WVWZZZ1KZSW000014"), dealer_usage="stock")
        lot = self.env["stock.lot"].create({"name": car.vin_sn, "product_id": self.model._dealer_get_product().id})
        self.assertEqual(car.lot_id, lot, "a lot named by the VIN is linked on creation")
        car._dealer_receive(self.warehouse, self.seller, price_unit=5000)
        self.assertEqual(car.lot_id, lot)
        self.assertEqual(self.env["stock.lot"].search_count([("name", "=", car.vin_sn)]), 1)

    def test_a_car_in_stock_cannot_be_received_twice(self):
        car = self.make_car(valid_vin("WVWZZZ1KZSW000015"), dealer_usage="stock")
        car._dealer_receive(self.warehouse, self.seller, price_unit=1)
        with self.assertRaisesRegex(UserError, "already in stock"):
            car._dealer_receive(self.warehouse, self.seller, price_unit=1)

    def test_a_car_without_vin_cannot_be_received(self):
        car = self.env["fleet.vehicle"].create({"model_id": self.model.id, "dealer_usage": "stock"})
        with self.assertRaisesRegex(UserError, "need a VIN"):
            car._dealer_receive(self.warehouse, self.seller)

    def test_stock_location_is_read_in_one_query_for_many_cars(self):
        cars = self.env["fleet.vehicle"].create(
            [
                {
                    "model_id": self.model.id,
                    "vin_sn": valid_vin(f"WVWZZZ1KZSW1000{i:02d}"),
                    "engine_number": f"E{i}",
                    "model_code": "T1",
                }
                for i in range(10)
            ]
        )
        cars._dealer_receive(self.warehouse, self.seller, price_unit=100)
        cars.invalidate_recordset()
        with self.assertQueryCount(3):
            cars.mapped("stock_location_id.name")

    def test_stock_location_search_handles_positive_and_negative_operators(self):
        in_stock = self.make_car(valid_vin("WVWZZZ1KZSW000016"), dealer_usage="stock")
        in_stock._dealer_receive(self.warehouse, self.seller, price_unit=100)
        lot_only = self.make_car(valid_vin("WVWZZZ1KZSW000017"), dealer_usage="stock")
        self.env["stock.lot"].create({"name": lot_only.vin_sn, "product_id": self.model._dealer_get_product().id})
        without_lot = self.make_car(valid_vin("WVWZZZ1KZSW000018"), dealer_usage="stock")
        cars = in_stock | lot_only | without_lot
        out_of_stock = lot_only | without_lot
        stock = self.warehouse.lot_stock_id
        elsewhere = self.env["stock.location"].create(
            {"name": "Elsewhere", "usage": "internal", "location_id": self.warehouse.view_location_id.id}
        )

        def found(operator, value):
            return self.env["fleet.vehicle"].search([("id", "in", cars.ids), ("stock_location_id", operator, value)])

        self.assertTrue(lot_only.lot_id)
        self.assertEqual(found("=", False), out_of_stock)
        self.assertEqual(found("!=", False), in_stock)
        self.assertEqual(found("=", stock.id), in_stock)
        self.assertEqual(found("!=", stock.id), out_of_stock)
        self.assertEqual(found("in", [stock.id, elsewhere.id]), in_stock)
        self.assertEqual(found("not in", [stock.id]), out_of_stock)
        self.assertEqual(found("not in", [elsewhere.id]), cars)
        self.assertEqual(found("in", [False, elsewhere.id]), out_of_stock)
        self.assertEqual(found("in", [False, stock.id]), cars)
        self.assertEqual(found("not in", [False, elsewhere.id]), in_stock)
        self.assertFalse(found("not in", [False, stock.id]))
        self.assertEqual(found("child_of", self.warehouse.view_location_id.id), in_stock)
        self.assertEqual(found("ilike", "Elsewhere"), self.env["fleet.vehicle"])
        self.assertEqual(found("not ilike", "Elsewhere"), cars)
