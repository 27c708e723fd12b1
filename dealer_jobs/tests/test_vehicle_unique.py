import psycopg2

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import DealerCase, valid_vin

VIN = "1M8GDM9AXKP042788"


@tagged("post_install", "-at_install")
class TestVehicleUnique(DealerCase):
    def test_duplicate_vin_is_refused_naming_the_existing_car(self):
        first = self.make_car(VIN)
        with self.assertRaisesRegex(ValidationError, f"VIN {VIN} is already used by the car {first.display_name}"):
            self.make_car(VIN.lower())

    def test_duplicate_vin_in_one_create_call_is_refused(self):
        with self.assertRaisesRegex(ValidationError, f"VIN {VIN} is already used"):
            self.env["fleet.vehicle"].create([{"model_id": self.model.id, "vin_sn": VIN}] * 2)

    def test_same_vin_in_two_companies_is_allowed(self):
        other = self.env["res.company"].create({"name": "Branch", "country_id": self.env.ref("base.de").id})
        self.make_car(VIN)
        car = self.make_car(VIN, company_id=other.id)
        self.assertEqual(car.company_id, other)

    def test_database_refuses_duplicate_vin_without_the_python_check(self):
        self.make_car(VIN)
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute(
                "INSERT INTO fleet_vehicle"
                " (model_id, vin_sn, company_id, dealer_usage, active, odometer_unit, power_unit)"
                " VALUES (%s, %s, %s, 'fleet', true, 'kilometers', 'power')",
                (self.model.id, VIN, self.company.id),
            )

    def test_duplicate_plate_is_refused(self):
        first = self.make_car(VIN, license_plate="M-DA 1234")
        with self.assertRaisesRegex(
            ValidationError, f"Licence plate M-DA 1234 is already used by the active car {first.display_name}"
        ):
            self.make_car(valid_vin("WVWZZZ1KZSW000003"), license_plate=" m-da  1234 ")

    def test_duplicate_plate_in_one_create_call_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "Licence plate B-XY 1 is already used"):
            self.env["fleet.vehicle"].create(
                [
                    {"model_id": self.model.id, "license_plate": "B-XY 1"},
                    {"model_id": self.model.id, "license_plate": "b-xy 1"},
                ]
            )

    def test_plate_of_an_archived_car_can_be_reused(self):
        old = self.make_car(VIN, license_plate="M-DA 1234")
        old.active = False
        car = self.make_car(valid_vin("WVWZZZ1KZSW000004"), license_plate="M-DA 1234")
        self.assertEqual(car.license_plate, "M-DA 1234")
        with self.assertRaisesRegex(ValidationError, "already used by the active car"):
            old.active = True
