from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DealerCase, valid_vin


@tagged("post_install", "-at_install")
class TestVehicleDecode(DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["dealer.vin.wmi"].create(
            {"code": "tzz", "manufacturer": "Testmarke AG", "brand_name": "Testmarke", "country": "DE"}
        )

    def test_decode_returns_manufacturer_brand_and_year(self):
        decoded = self.env["fleet.vehicle"]._dealer_decode_vin(valid_vin("TZZZZZ1KZSW000001"))
        self.assertEqual(decoded["manufacturer"], "Testmarke AG")
        self.assertEqual(decoded["brand_id"], self.brand)
        self.assertEqual(decoded["model_year"], 2025)

    def test_shipped_table_knows_the_common_makes(self):
        wmi = self.env["dealer.vin.wmi"]
        self.assertGreaterEqual(len(set(wmi.search([]).mapped("manufacturer"))), 40)
        decoded = self.env["fleet.vehicle"]._dealer_decode_vin(valid_vin("WVWZZZ1KZSW000001"))
        self.assertIn("Volkswagen", decoded["manufacturer"])

    def test_decode_button_fills_an_empty_year_only(self):
        car = self.make_car(valid_vin("TZZZZZ1KZSW000001"))
        car.model_year = False
        car.action_dealer_decode_vin()
        self.assertEqual(car.model_year, "2025")
        car.model_year = "2024"
        car.action_dealer_decode_vin()
        self.assertEqual(car.model_year, "2024", "a year typed by the user is kept")

    def test_decode_of_another_make_warns_in_the_chatter(self):
        car = self.make_car(valid_vin("WVWZZZ1KZSW000001"))
        car.action_dealer_decode_vin()
        self.assertEqual(car.model_id.brand_id, self.brand, "the model is never changed by decoding")
        self.assertIn("Volkswagen", car.message_ids[0].body)

    def test_decode_without_vin_is_a_clear_error(self):
        car = self.env["fleet.vehicle"].create({"model_id": self.model.id})
        with self.assertRaisesRegex(UserError, "Enter the VIN"):
            car.action_dealer_decode_vin()

    def test_unknown_or_bad_vin_decodes_to_nothing(self):
        self.assertEqual(self.env["fleet.vehicle"]._dealer_decode_vin("SHORT"), {})
        decoded = self.env["fleet.vehicle"]._dealer_decode_vin(valid_vin("99ZZZZ1KZSW000001"))
        self.assertEqual(decoded, {"model_year": 2025})
