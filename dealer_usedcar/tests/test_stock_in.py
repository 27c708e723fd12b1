"""Stock-in: a car's purchase order needs the car's data, and its receipt puts the car into stock once."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .stock_in_common import UsedCarStockCase


@tagged("post_install", "-at_install")
class TestCarPurchaseRequiresTheCarData(UsedCarStockCase):
    def test_missing_vin_engine_number_model_code_and_payment_method_are_listed_in_one_error(self):
        car = self.make_car("WAUZZZ8V1KA100001", engine_number=False, model_code=False)
        car.vin_sn = False
        order = self.buy(car, [9000], payment=False, confirm=False)
        with self.assertRaises(UserError) as error:
            order.button_confirm()
        message = str(error.exception)
        self.assertIn(car.display_name, message)
        for missing in ("the payment method", "the VIN", "the engine number", "the model code"):
            self.assertIn(missing, message)
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.picking_ids)

    def test_a_complete_car_purchase_is_confirmed(self):
        car = self.make_car("WAUZZZ8V1KA100002")
        order = self.buy(car, [9000])
        self.assertEqual(order.state, "purchase")
        self.assertEqual(order.dealer_warehouse_id, self.warehouse)
        self.assertEqual(order.dealer_payment_method, "bank_transfer")

    def test_only_the_missing_engine_number_is_named(self):
        car = self.make_car("WAUZZZ8V1KA100003", engine_number=False)
        order = self.buy(car, [9000], confirm=False)
        with self.assertRaisesRegex(UserError, r"enter the engine number\.$"):
            order.button_confirm()

    def test_a_purchase_without_destination_warehouse_is_refused(self):
        car = self.make_car("WAUZZZ8V1KA100004")
        order = self.buy(car, [9000], confirm=False)
        receipt_type = self.warehouse.in_type_id.copy({"name": "Receipt without warehouse", "sequence_code": "NOWH"})
        receipt_type.warehouse_id = False
        order.picking_type_id = receipt_type
        with self.assertRaisesRegex(UserError, "the destination warehouse"):
            order.button_confirm()

    def test_a_car_line_buys_exactly_one_car(self):
        car = self.make_car("WAUZZZ8V1KA100005")
        order = self.buy(car, [9000], confirm=False)
        order.order_line.product_qty = 2
        with self.assertRaisesRegex(UserError, "exactly one car"):
            order.button_confirm()

    def test_a_car_on_two_lines_is_refused(self):
        car = self.make_car("WAUZZZ8V1KA100006")
        order = self.buy(car, [9000], confirm=False)
        order.order_line = [Command.create(car._dealer_purchase_line_vals(100))]
        with self.assertRaisesRegex(UserError, "several lines"):
            order.button_confirm()

    def test_purchases_without_car_are_left_alone(self):
        product = self.env["product.product"].create({"name": "Wiper blades", "type": "consu"})
        order = self.env["purchase.order"].create(
            {"partner_id": self.dealer_seller.id, "order_line": [Command.create({"product_id": product.id})]}
        )
        order.button_confirm()
        self.assertEqual(order.state, "purchase")
        self.assertFalse(order.dealer_payment_method)


@tagged("post_install", "-at_install")
class TestReceiptPutsTheCarIntoStockOnce(UsedCarStockCase):
    def test_receipt_needs_no_serial_and_makes_the_car_a_stock_car_in_one_warehouse(self):
        car = self.make_car("WAUZZZ8V1KA100011")
        order = self.buy(car, [10000.55])
        receipt = order.picking_ids
        self.assertEqual(receipt.move_line_ids.lot_name, car.vin_sn, "the VIN is prefilled as serial")
        receipt.button_validate()
        self.assertEqual(receipt.state, "done")
        lot = car.lot_id
        self.assertEqual((lot.name, lot.fleet_vehicle_id, lot.product_id), (car.vin_sn, car, car.product_id))
        self.assertEqual((car.dealer_usage, car.owner_id), ("stock", self.env["res.partner"]))
        quants = self.env["stock.quant"].search(
            [("lot_id", "=", lot.id), ("location_id.usage", "=", "internal"), ("quantity", ">", 0)]
        )
        self.assertEqual(quants.mapped("quantity"), [1.0])
        self.assertEqual(quants.location_id.warehouse_id, self.warehouse)
        self.assertEqual(car.stock_warehouse_id, self.warehouse)

    def test_stock_in_posts_the_price_to_stock_valuation_against_stock_input(self):
        car = self.make_car("WAUZZZ8V1KA100012")
        self.buy_and_receive(car, [10000.55])
        layer = self.env["stock.valuation.layer"].search([("lot_id", "=", car.lot_id.id)])
        self.assertEqual(layer.value, 10000.55)
        self.assertEqual(
            self.entry_lines(layer.account_move_id),
            {(self.stock_valuation_account, 10000.55, 0.0), (self.stock_input_account, 0.0, 10000.55)},
        )

    def test_buying_a_car_already_in_stock_is_refused(self):
        car = self.make_car("WAUZZZ8V1KA100013")
        self.buy_and_receive(car, [10000])
        order = self.buy(car, [10000], confirm=False)
        with self.assertRaises(UserError) as error:
            order.button_confirm()
        self.assertIn(car.vin_sn, str(error.exception))
        self.assertIn(self.warehouse.lot_stock_id.display_name, str(error.exception))

    def test_receiving_a_car_already_in_stock_is_refused(self):
        car = self.make_car("WAUZZZ8V1KA100014")
        first, second = self.buy(car, [10000]), self.buy(car, [10000])
        self.receive(first)
        with self.assertRaisesRegex(UserError, f"VIN {car.vin_sn}.*already in stock"):
            self.receive(second)
        self.assertEqual(car.lot_id.quantity_svl, 1)

    def test_the_vin_in_stock_of_another_company_does_not_count(self):
        company_2 = self.setup_other_company()["company"]
        env_2 = self.env(context=dict(self.env.context, allowed_company_ids=[company_2.id]))
        car = self.make_car("WAUZZZ8V1KA100015")
        self.buy_and_receive(car, [10000])
        self.assertFalse(car._dealer_in_stock_errors(company_2))
        self.assertTrue(car.with_env(env_2)._dealer_in_stock_errors(self.company))
