"""Cross-addon scenario on the test database (run by pytest-odoo)."""

from odoo.addons.dealer_jobs.tools.vin import with_check_digit
from odoo.addons.stock_account.tests.test_stockvaluation import _create_accounting_data

from .common import RootTransactionCase


class TestVehicleStockScenario(RootTransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        stock_input, stock_output, stock_valuation, _expense, journal = _create_accounting_data(cls.env)
        cls.env.ref("dealer_jobs.product_category_vehicles").write(
            {
                "property_stock_account_input_categ_id": stock_input.id,
                "property_stock_account_output_categ_id": stock_output.id,
                "property_stock_valuation_account_id": stock_valuation.id,
                "property_stock_journal": journal.id,
            }
        )
        cls.env["product.category"]._dealer_vehicle_category()  # automated valuation, now that accounts exist

    def test_new_model_new_car_received_sits_in_exactly_one_warehouse(self):
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Szenario"})
        model = self.env["fleet.vehicle.model"].create({"name": "Limousine", "brand_id": brand.id})
        car = self.env["fleet.vehicle"].create(
            {"model_id": model.id, "vin_sn": with_check_digit("WVWZZZ1KZSW900001"), "dealer_usage": "stock"}
        )
        lot_warehouse = self.env["stock.warehouse"].create({"name": "Scenario Lot", "code": "SCL"})
        car._dealer_receive(lot_warehouse, price_unit=18500)

        quants = self.env["stock.quant"].search(
            [("lot_id", "=", car.lot_id.id), ("location_id.usage", "=", "internal"), ("quantity", ">", 0)]
        )
        self.assertEqual(quants.location_id.warehouse_id, lot_warehouse)
        self.assertEqual(sum(quants.mapped("quantity")), 1)
        self.assertEqual(car.stock_warehouse_id, lot_warehouse)
        self.assertEqual(car.lot_id.value_svl, 18500)
        found = self.env["fleet.vehicle"].search([("stock_location_id", "child_of", lot_warehouse.view_location_id.id)])
        self.assertEqual(found, car)

    def test_every_addon_of_the_suite_is_installed(self):
        modules = self.env["ir.module.module"].search(
            [("name", "in", ["dealer_jobs", "dealer_fleet", "dealer_usedcar", "dealer_reports"])]
        )
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        self.assertEqual(len(modules), 4)
