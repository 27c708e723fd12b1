from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import DealerCase, valid_vin


@tagged("post_install", "-at_install")
class TestVehicleVin(DealerCase):
    def test_vin_is_normalised_on_create_and_write(self):
        car = self.make_car(" 1m8gdm9a xkp042788 ")
        self.assertEqual(car.vin_sn, "1M8GDM9AXKP042788")
        car.vin_sn = "1hgcm826 33a004352"
        self.assertEqual(car.vin_sn, "1HGCM82633A004352")

    def test_too_short_vin_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "1M8GDM9AXKP04278 has 16 characters"):
            self.make_car("1M8GDM9AXKP04278")

    def test_vin_with_i_o_or_q_is_refused(self):
        for letter in "IOQ":
            with self.subTest(letter=letter), self.assertRaisesRegex(ValidationError, "contains I, O or Q"):
                self.make_car(f"1M8GDM9AXKP0427{letter}8")

    def test_vin_with_other_characters_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "only the letters"):
            self.make_car("1M8GDM9AXKP0427*8")

    def test_wrong_check_digit_is_refused_where_the_market_requires_it(self):
        with self.assertRaisesRegex(ValidationError, "check digit 1 where X is expected"):
            self.make_car("1M8GDM9A1KP042788")

    def test_wrong_check_digit_is_accepted_where_the_market_does_not_require_it(self):
        self.company.dealer_vin_check_digit = False
        car = self.make_car("WVWZZZ1KZAW000001")
        self.assertEqual(car.vin_sn, "WVWZZZ1KZAW000001")

    def test_check_digit_default_follows_the_company_country(self):
        company = self.env["res.company"].create({"name": "Autohaus", "country_id": self.env.ref("base.de").id})
        self.assertFalse(company.dealer_vin_check_digit)
        company.country_id = self.env.ref("base.cn")
        self.assertTrue(company.dealer_vin_check_digit)
        for code in ("US", "CA"):
            company = self.env["res.company"].create(
                {"name": f"Dealer {code}", "country_id": self.env["res.country"].search([("code", "=", code)]).id}
            )
            self.assertTrue(company.dealer_vin_check_digit)

    def test_bike_frame_numbers_are_not_checked_as_vins(self):
        bike_model = self.env["fleet.vehicle.model"].create(
            {"name": "City", "brand_id": self.brand.id, "vehicle_type": "bike"}
        )
        bike = self.env["fleet.vehicle"].create({"model_id": bike_model.id, "vin_sn": "FRAME-42"})
        self.assertEqual(bike.vin_sn, "FRAME42")

    def test_customer_car_needs_an_owner(self):
        with self.assertRaisesRegex(ValidationError, "needs an owner"):
            self.make_car(valid_vin("WVWZZZ1KZSW000002"), dealer_usage="customer")

    def test_form_fills_model_year_from_the_vin(self):
        with Form(self.env["fleet.vehicle"]) as form:
            form.model_id = self.model
            form.model_year = False
            form.vin_sn = "1m8gdm9axkp042788"
            self.assertEqual(form.vin_sn, "1M8GDM9AXKP042788")
            self.assertEqual(form.model_year, "2019")


@tagged("post_install", "-at_install")
class TestVinName(DealerCase):
    def test_the_vin_has_one_name(self):
        self.assertEqual(self.env["fleet.vehicle"]._fields["vin_sn"].string, "VIN")
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(["dealer_jobs"], ["de_DE"])
        german = self.env["fleet.vehicle"].with_context(lang="de_DE").fields_get(["vin_sn"])["vin_sn"]["string"]
        self.assertEqual(german, "FIN")
