"""Cross-addon scenario on the test database (run by pytest-odoo)."""

from odoo.tests import TransactionCase

from odoo.addons.dealer_jobs.tests.common import setup_vehicle_valuation
from odoo.addons.dealer_jobs.tools.vin import with_check_digit

from .common import RootTestMixin


class TestVehicleStockScenario(RootTestMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_vehicle_valuation(cls.env)

    def test_new_model_new_car_received_sits_in_exactly_one_warehouse(self):
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Szenario"})
        model = self.env["fleet.vehicle.model"].create({"name": "Limousine", "brand_id": brand.id})
        car = self.env["fleet.vehicle"].create(
            {
                "model_id": model.id,
                "vin_sn": with_check_digit("WVWZZZ1KZSW900001"),
                "dealer_usage": "stock",
                "engine_number": "E900001",
                "model_code": "T1",
            }
        )
        lot_warehouse = self.env["stock.warehouse"].create({"name": "Scenario Lot", "code": "SCL"})
        seller = self.env["res.partner"].create({"name": "Szenario Verkäufer"})
        car._dealer_receive(lot_warehouse, seller, price_unit=18500)

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
