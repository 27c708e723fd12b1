from lxml import etree

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import DealerCase, valid_vin


@tagged("post_install", "-at_install")
class TestVehicleNameSearch(DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vin = valid_vin("WVWZZZ1KZ8W731946")
        cls.car = cls.make_car(cls.vin, license_plate="B-AB 123")
        sedan = cls.env["fleet.vehicle.model"].create(
            {"name": "Limousine", "brand_id": cls.brand.id, "vehicle_type": "car"}
        )
        cls.other_car = cls.env["fleet.vehicle"].create(
            {"model_id": sedan.id, "vin_sn": valid_vin("WVWZZZ1KZ8W582064"), "license_plate": "M XY 4711"}
        )
        cls.bare_car = cls.env["fleet.vehicle"].create({"model_id": sedan.id})
        cls.cars = cls.car | cls.other_car | cls.bare_car

    def found(self, text, operator="ilike"):
        result = self.env["fleet.vehicle"].name_search(text, [("id", "in", self.cars.ids)], operator=operator)
        return self.env["fleet.vehicle"].browse([car_id for car_id, _name in result])

    def test_car_is_found_by_its_full_vin(self):
        self.assertEqual(self.found(self.vin), self.car)
        self.assertEqual(self.found(self.vin, operator="="), self.car)

    def test_car_is_found_by_the_last_characters_of_its_vin(self):
        self.assertEqual(self.found(self.vin[-7:]), self.car)
        self.assertEqual(self.found(self.vin[-6:]), self.car)
        self.assertEqual(self.found(self.vin[-8:]), self.car)

    def test_vin_is_found_whatever_the_case_and_blanks(self):
        typed = f" {self.vin[:8].lower()} {self.vin[8:].lower()}"
        self.assertEqual(self.found(typed), self.car)
        self.assertEqual(self.found(f"{self.vin[-7:-3].lower()} {self.vin[-3:].lower()}"), self.car)

    def test_car_is_found_by_its_plate_whatever_the_blanks_and_case(self):
        for typed in ("B-AB 123", "b-ab 123", "bab123", "B AB 123", "ab12"):
            with self.subTest(typed=typed):
                self.assertEqual(self.found(typed), self.car)
        self.assertEqual(self.found("b ab-123", operator="="), self.car)

    def test_car_is_found_by_its_model_and_brand(self):
        self.assertEqual(self.found("kombi"), self.car)
        self.assertEqual(self.found("Testmarke Kombi"), self.car)
        self.assertEqual(self.found("Testmarke"), self.cars)

    def test_fleet_name_still_finds_the_car(self):
        self.assertEqual(self.found("Testmarke/Kombi/B-AB 123"), self.car)
        self.assertEqual(self.found(self.car.name, operator="="), self.car)

    def test_display_name_stays_fleets(self):
        self.assertEqual(self.car.display_name, "Testmarke/Kombi/B-AB 123")

    def test_negative_operator_excludes_the_matching_car(self):
        for typed in (self.vin[-7:], "bab123", "Kombi"):
            with self.subTest(typed=typed):
                self.assertEqual(self.found(typed, operator="not ilike"), self.other_car | self.bare_car)
        self.assertEqual(self.found(self.vin, operator="!="), self.other_car | self.bare_car)

    def test_search_on_the_many2one_of_a_job_finds_the_car_by_vin(self):
        job = self.env["dealer.job"].create({"vehicle_id": self.car.id, "partner_id": self.seller.id})
        self.assertEqual(self.env["dealer.job"].search([("vehicle_id", "ilike", self.vin[-7:])]), job)


@tagged("post_install", "-at_install")
class TestVehicleCreateFromTypedText(DealerCase):
    def test_create_and_edit_prefills_the_typed_vin(self):
        vin = valid_vin("WVWZZZ1KZ8W731946")
        typed = f"{vin[:9].lower()} {vin[9:].lower()}"
        with Form(self.env["fleet.vehicle"].with_context(default_name=typed)) as form:
            self.assertEqual(form.vin_sn, vin)
            self.assertFalse(form.license_plate)
            form.model_id = self.model
        car = form.record
        self.assertEqual(car.vin_sn, vin)
        self.assertEqual(car.name, "Testmarke/Kombi/No Plate")

    def test_create_and_edit_prefills_a_typed_plate(self):
        with Form(self.env["fleet.vehicle"].with_context(default_name="b-ab 123")) as form:
            self.assertEqual(form.license_plate, "B-AB 123")
            self.assertFalse(form.vin_sn)
            form.model_id = self.model
        self.assertEqual(form.record.name, "Testmarke/Kombi/B-AB 123")

    def test_other_typed_text_is_not_written_to_the_name(self):
        with Form(self.env["fleet.vehicle"].with_context(default_name="Kombi")) as form:
            self.assertFalse(form.vin_sn)
            self.assertFalse(form.license_plate)
            form.model_id = self.model
        self.assertEqual(form.record.name, "Testmarke/Kombi/No Plate")

    def test_quick_create_asks_for_the_model(self):
        with self.assertRaisesRegex(UserError, "Choose the model"):
            self.env["fleet.vehicle"].name_create(valid_vin("WVWZZZ1KZ8W731946"))

    def test_quick_create_with_a_model_in_the_context_takes_the_vin(self):
        vin = valid_vin("WVWZZZ1KZ8W731946")
        car_id, _name = self.env["fleet.vehicle"].with_context(default_model_id=self.model.id).name_create(vin.lower())
        self.assertEqual(self.env["fleet.vehicle"].browse(car_id).vin_sn, vin)

    def test_job_form_offers_no_quick_create_of_a_car(self):
        arch = self.env["dealer.job"].get_view(self.env.ref("dealer_jobs.view_dealer_job_form").id, "form")["arch"]
        field = etree.fromstring(arch).xpath("//field[@name='vehicle_id']")[0]
        self.assertIn("'no_quick_create': True", field.get("options"))


@tagged("post_install", "-at_install")
class TestStockCarRegistrationDate(DealerCase):
    def test_stock_car_has_no_registration_date_by_default(self):
        car = self.make_car(valid_vin("WVWZZZ1KZ8W731946"), dealer_usage="stock")
        self.assertFalse(car.acquisition_date)

    def test_stock_car_from_the_context_has_no_registration_date(self):
        car = self.env["fleet.vehicle"].with_context(default_dealer_usage="stock").create({"model_id": self.model.id})
        self.assertEqual(car.dealer_usage, "stock")
        self.assertFalse(car.acquisition_date)

    def test_given_registration_date_of_a_stock_car_is_kept(self):
        car = self.make_car(valid_vin("WVWZZZ1KZ8W731946"), dealer_usage="stock", acquisition_date="2021-03-18")
        self.assertEqual(car.acquisition_date, fields.Date.to_date("2021-03-18"))

    def test_fleet_car_keeps_fleets_default_registration_date(self):
        today = fields.Date.today()
        self.assertEqual(self.make_car(valid_vin("WVWZZZ1KZ8W731946")).acquisition_date, today)
        car = (
            self.env["fleet.vehicle"]
            .with_context(default_dealer_usage="stock")
            .create({"model_id": self.model.id, "dealer_usage": "fleet"})
        )
        self.assertEqual(car.acquisition_date, today)

    def test_stock_car_form_has_no_registration_date(self):
        with Form(self.env["fleet.vehicle"].with_context(default_dealer_usage="stock")) as form:
            self.assertFalse(form.acquisition_date)
            form.model_id = self.model
        self.assertFalse(form.record.acquisition_date)

    def test_new_car_turned_into_stock_loses_the_default_date(self):
        with Form(self.env["fleet.vehicle"]) as form:
            self.assertEqual(form.acquisition_date, fields.Date.today())
            form.model_id = self.model
            form.dealer_usage = "stock"
            self.assertFalse(form.acquisition_date)
        self.assertFalse(form.record.acquisition_date)


@tagged("post_install", "-at_install")
class TestVehicleFormButtons(DealerCase):
    def test_dealer_buttons_come_first_in_the_button_box(self):
        arch = etree.fromstring(self.env.ref("fleet.fleet_vehicle_view_form").get_combined_arch())
        buttons = arch.xpath("//div[@name='button_box']/button/@name")
        self.assertEqual(buttons[:2], ["action_view_dealer_jobs", "action_view_dealer_lot"])
        self.assertEqual(len(arch.xpath("//header/field[@name='state_id'][@widget='statusbar']")), 1)
