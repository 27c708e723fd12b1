from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import DealerCase, valid_vin

USAGES = ("stock", "fleet", "customer")


@tagged("post_install", "-at_install")
class TestVehicleFormContractState(DealerCase):
    def test_contract_state_bar_shows_for_dealer_fleet_cars_only(self):
        arch = self.env["fleet.vehicle"].get_views([(False, "form")])["views"]["form"]["arch"]
        form = etree.fromstring(arch)
        [state_bar] = form.xpath("//header/field[@name='state_id']")
        self.assertTrue(form.xpath("//field[@name='dealer_usage']"), "the condition's field is on the form")
        invisible = state_bar.get("invisible")
        self.assertTrue(invisible)
        for usage in USAGES:
            with self.subTest(usage=usage):
                hidden = safe_eval(invisible, {"dealer_usage": usage})
                self.assertEqual(bool(hidden), usage != "fleet")


@tagged("post_install", "-at_install")
class TestVehicleMenuUsage(DealerCase):
    def test_car_created_from_a_usage_menu_has_that_usage(self):
        search_arch = etree.fromstring(
            self.env["fleet.vehicle"].get_views([(False, "search")])["views"]["search"]["arch"]
        )
        for usage in USAGES:
            with self.subTest(usage=usage):
                action = self.env.ref(f"dealer_jobs.action_dealer_vehicle_{usage}")
                menu = self.env.ref(f"dealer_jobs.menu_dealer_vehicle_{usage}")
                self.assertEqual(menu.action, action)
                self.assertEqual(menu.parent_id, self.env.ref("dealer_jobs.menu_dealer_vehicles"))
                context = safe_eval(action.context, {"uid": self.env.uid})
                self.assertEqual(context["default_dealer_usage"], usage)
                # the list shows the cars of that usage: a filter of the search view
                self.assertTrue(context.get(f"search_default_usage_{usage}"))
                self.assertTrue(search_arch.xpath(f"//filter[@name='usage_{usage}']"))
                with Form(self.env["fleet.vehicle"].with_context(context)) as form:
                    self.assertEqual(form.dealer_usage, usage)
                    form.model_id = self.model
                    if usage == "customer":
                        form.owner_id = self.seller
                car = form.record
                self.assertEqual(car.dealer_usage, usage)
                if usage == "stock":
                    self.assertFalse(car.acquisition_date, "a stock car is not registered yet")

    def test_all_vehicles_menu_is_kept(self):
        menu = self.env.ref("dealer_jobs.menu_dealer_vehicle")
        self.assertEqual(menu.action, self.env.ref("dealer_jobs.action_dealer_vehicle"))


@tagged("post_install", "-at_install")
class TestVehicleDecodeNotification(DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["dealer.vin.wmi"].create(
            {"code": "TZZ", "manufacturer": "Testmarke AG", "brand_name": "Testmarke", "country": "DE"}
        )

    def assertNotification(self, action, kind):
        self.assertEqual(action["type"], "ir.actions.client")
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(action["params"]["type"], kind)
        # the form reloads to show what was filled
        self.assertEqual(action["params"]["next"], {"type": "ir.actions.act_window_close"})
        return action["params"]["message"]

    def test_decode_button_tells_what_it_filled(self):
        car = self.make_car(valid_vin("TZZZZZ1KZSW000001"))
        car.model_year = False
        message = self.assertNotification(car.action_dealer_decode_vin(), "success")
        self.assertEqual(car.model_year, "2025")
        for found in (car.vin_sn, "model year 2025", "Testmarke AG", "brand Testmarke", "Germany"):
            self.assertIn(found, message)

    def test_decode_button_says_when_nothing_new_was_found(self):
        car = self.make_car(valid_vin("99ZZZZ1KZSW000001"), model_year="2024")
        message = self.assertNotification(car.action_dealer_decode_vin(), "info")
        self.assertEqual(car.model_year, "2024", "a year typed by the user is kept")
        self.assertIn("nothing new", message)
        self.assertNotIn("2025", message)

    def test_decode_button_of_another_make_warns(self):
        car = self.make_car(valid_vin("WVWZZZ1KZSW000001"))
        message = self.assertNotification(car.action_dealer_decode_vin(), "warning")
        self.assertIn("Volkswagen", message)
        self.assertIn("the model is a Testmarke", message)
        self.assertIn("Volkswagen", car.message_ids[0].body, "the chatter keeps the note")

    def test_decode_button_without_or_with_undecodable_vin_is_an_error(self):
        car = self.env["fleet.vehicle"].create({"model_id": self.model.id})
        with self.assertRaisesRegex(UserError, "Enter the VIN"):
            car.action_dealer_decode_vin()
        bike_model = self.env["fleet.vehicle.model"].create(
            {"name": "City", "brand_id": self.brand.id, "vehicle_type": "bike"}
        )
        bike = self.env["fleet.vehicle"].create({"model_id": bike_model.id, "vin_sn": "FRAME42"})
        with self.assertRaisesRegex(UserError, "FRAME42 could not be decoded"):
            bike.action_dealer_decode_vin()


@tagged("post_install", "-at_install")
class TestVehicleFormVinBrandWarning(DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["dealer.vin.wmi"].create(
            {"code": "TZZ", "manufacturer": "Testmarke AG", "brand_name": "Testmarke", "country": "DE"}
        )

    def test_vin_of_another_make_is_a_warning_before_saving(self):
        form = Form(self.env["fleet.vehicle"])
        form.model_id = self.model
        with self.assertLogs("odoo.tests.form.onchange", "WARNING") as logs:
            form.vin_sn = valid_vin("WVWZZZ1KZSW000001").lower()
        [warning] = logs.output
        self.assertIn(valid_vin("WVWZZZ1KZSW000001"), warning)
        self.assertIn("Volkswagen", warning)
        self.assertIn("the model is a Testmarke", warning)
        car = form.save()
        self.assertFalse(
            car.message_ids.filtered(lambda message: "Volkswagen" in (message.body or "")),
            "the form warned; no chatter note on saving",
        )

    def test_model_of_another_make_chosen_after_the_vin_is_a_warning(self):
        form = Form(self.env["fleet.vehicle"])
        with self.assertNoLogs("odoo.tests.form.onchange", "WARNING"):
            form.vin_sn = valid_vin("WVWZZZ1KZSW000001")
        with self.assertLogs("odoo.tests.form.onchange", "WARNING") as logs:
            form.model_id = self.model
        self.assertIn("Volkswagen", logs.output[0])

    def test_vin_of_the_models_make_is_no_warning(self):
        form = Form(self.env["fleet.vehicle"])
        with self.assertNoLogs("odoo.tests.form.onchange", "WARNING"):
            form.model_id = self.model
            form.vin_sn = valid_vin("TZZZZZ1KZSW000001")
        self.assertEqual(form.model_year, "2025")


@tagged("post_install", "-at_install")
class TestVehicleOdometer(DealerCase):
    def test_a_reading_added_shows_on_the_car_at_once(self):
        car = self.make_car(valid_vin("WVWZZZ1KZSW000081"))
        self.assertEqual(car.odometer, 0)
        self.env["fleet.vehicle.odometer"].create({"vehicle_id": car.id, "value": 86400})
        self.assertEqual(car.odometer, 86400)
