from datetime import timedelta
from unittest.mock import patch

import psycopg2

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import SIGNATURE, BookingCase


@tagged("post_install", "-at_install")
class TestHandoutsNeverOverlap(BookingCase):
    """A car or a trade plate is never handed out twice at once: Python explains, PostgreSQL guards."""

    def test_second_handout_of_same_car_is_refused(self):
        first = self.hand_over(self.book())
        second = self.book()
        second.action_confirm()
        with self.assertRaisesRegex(ValidationError, f"VIN {self.car.vin_sn} is already handed out on {first.name}"):
            self.hand_over(second)
        self.assertEqual(second.state, "confirmed")
        self.assertFalse(second.handover_date)

    def test_same_plate_on_two_cars_is_refused(self):
        first = self.hand_over(self.book(trade_plate_id=self.plate.id))
        second = self.book(vehicle_id=self.car_2.id, trade_plate_id=self.plate.id)
        with self.assertRaisesRegex(ValidationError, f"Trade plate M-06 123 is already out on {first.name}"):
            self.hand_over(second)
        self.assertEqual(self.plate.current_booking_id, first)

    def test_database_refuses_a_second_handout_the_python_check_did_not_see(self):
        self.hand_over(self.book())
        second = self.book()
        second.action_confirm()
        # a colleague's handout committed after our check ran: only the database sees it
        with (
            patch.object(type(second), "_dealer_check_in_house", lambda self: None),
            patch.object(type(second), "_dealer_check_handout_period", lambda self, *args: None),
            mute_logger("odoo.sql_db"),
            self.assertRaisesRegex(ValidationError, f"VIN {self.car.vin_sn}"),
        ):
            self.hand_over(second)
        self.assertEqual(second.state, "confirmed")

    def test_database_refuses_overlapping_handout_periods(self):
        booking = self.take_back(
            self.hand_over(self.book(start=self.now - timedelta(hours=5)), date=self.now - timedelta(hours=4)),
            date=self.now - timedelta(hours=2),
        )
        other = self.book(start=self.now - timedelta(hours=5))
        other.action_confirm()
        other.flush_recordset()
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.ExclusionViolation), self.cr.savepoint():
            self.cr.execute(
                "UPDATE dealer_booking SET state = 'returned', handover_date = %s, return_date = %s WHERE id = %s",
                [self.now - timedelta(hours=3), self.now - timedelta(hours=1), other.id],
            )
        self.assertEqual(booking.state, "returned")

    def test_edit_handover_into_an_overlap_is_refused(self):
        earlier = self.take_back(
            self.hand_over(self.book(start=self.now - timedelta(hours=6)), date=self.now - timedelta(hours=5)),
            date=self.now - timedelta(hours=3),
            odometer=1200,
        )
        later = self.hand_over(self.book(start=self.now - timedelta(hours=2)), date=self.now - timedelta(hours=1))
        wizard = self.wizard(later, edit=True, date=self.now - timedelta(hours=4), odometer=1200)
        with self.assertRaisesRegex(ValidationError, f"was out on {earlier.name}"):
            wizard.action_apply()
        self.assertEqual(later.handover_date, self.now - timedelta(hours=1))

    def test_handout_in_the_future_beyond_the_window_is_refused(self):
        booking = self.book(start=self.now, hours=48)
        booking.action_confirm()
        with self.assertRaisesRegex(ValidationError, "too far ahead"):
            self.hand_over(booking, date=self.now + timedelta(minutes=31))
        self.assertEqual(booking.state, "confirmed")
        self.hand_over(booking, date=self.now + timedelta(minutes=10) - timedelta(minutes=self.now.minute % 15))
        self.assertEqual(booking.state, "handed_out")

    def test_days_before_pickup_allows_handover_until_the_end_of_that_day(self):
        self.env.company.dealer_booking_days_before_pickup = 1
        booking = self.book(start=self.now, hours=72)
        limit = booking._dealer_handover_limit()
        local = fields.Datetime.context_timestamp(booking, limit)
        self.assertEqual((local.hour, local.minute), (23, 59))
        self.assertEqual(local.date(), fields.Date.context_today(booking) + timedelta(days=1))
        with self.assertRaisesRegex(ValidationError, "too far ahead"):
            self.hand_over(booking, date=limit + timedelta(minutes=1))
        self.hand_over(booking, date=limit)
        self.assertEqual(booking.handover_date, limit)

    def test_handout_after_planned_end_is_refused(self):
        booking = self.book(start=self.now - timedelta(hours=3), hours=1)
        with self.assertRaisesRegex(ValidationError, "after the planned end"):
            self.hand_over(booking, date=self.now)
        self.assertEqual(booking.state, "confirmed")

    def test_immediate_handover_over_rpc_hands_over_in_one_call(self):
        booking = self.book()
        booking.action_immediate_handover(odometer=1500, damage="Delle Tür")
        self.assertEqual(
            (booking.state, booking.handover_odometer, booking.handover_damage), ("handed_out", 1500, "Delle Tür")
        )
        with self.assertRaisesRegex(Exception, "Handing over is not possible"):
            booking.action_immediate_handover(odometer=1600)
        self.assertEqual(booking.handover_odometer, 1500)

    def test_return_logs_the_odometer_even_without_kilometres_driven(self):
        booking = self.hand_over(self.book(), odometer=1000)
        readings = self.env["fleet.vehicle.odometer"].search_count([("vehicle_id", "=", self.car.id)])
        self.take_back(booking, odometer=1000)
        self.assertEqual(
            self.env["fleet.vehicle.odometer"].search_count([("vehicle_id", "=", self.car.id)]), readings + 1
        )

    def test_handing_over_twice_hands_over_once(self):
        booking = self.hand_over(self.book())
        with self.assertRaisesRegex(Exception, "Handing over is not possible"):
            self.wizard(booking, date=self.now, odometer=2000).action_apply()
        self.assertEqual(booking.handover_odometer, 1000)


@tagged("post_install", "-at_install")
class TestReturn(BookingCase):
    def test_return_odometer_lower_than_handover_is_refused(self):
        booking = self.hand_over(self.book(), odometer=1500)
        with self.assertRaisesRegex(ValidationError, "lower than at handover"):
            self.take_back(booking, odometer=1499)
        self.assertEqual(booking.state, "handed_out")

    def test_return_odometer_lower_than_the_cars_last_reading_is_refused(self):
        self.env["fleet.vehicle.odometer"].create({"vehicle_id": self.car.id, "value": 5000})
        booking = self.hand_over(self.book(), odometer=100)
        with self.assertRaisesRegex(ValidationError, "lower than at handover"):
            self.take_back(booking, odometer=4000)

    def test_return_before_handover_is_refused(self):
        booking = self.hand_over(self.book(), date=self.now - timedelta(minutes=10))
        with self.assertRaisesRegex(ValidationError, "must not be before the handover"):
            self.take_back(booking, date=self.now - timedelta(minutes=20))
        self.assertEqual(booking.state, "handed_out")

    def test_return_writes_the_odometer_log_and_is_prefilled_from_the_handover(self):
        booking = self.hand_over(self.book(), odometer=1000, damage="Kratzer hinten links")
        wizard = self.wizard(booking, "return")
        self.assertEqual(wizard.odometer, 1000)
        self.assertEqual(wizard.damage, "Kratzer hinten links")
        wizard.write({"odometer": 1234, "date": self.now})
        wizard.action_apply()
        self.assertEqual(booking.state, "returned")
        self.assertEqual(booking.driven_km, 234)
        self.assertEqual(self.car.odometer, 1234)
        self.assertIn(
            1234, self.env["fleet.vehicle.odometer"].search([("vehicle_id", "=", self.car.id)]).mapped("value")
        )

    def test_vehicle_info_is_frozen_at_handover(self):
        booking = self.hand_over(self.book())
        self.assertEqual(booking.vehicle_plate, "M-VW 101")
        self.assertEqual(booking.vehicle_vin, self.car.vin_sn)
        self.assertEqual(booking.vehicle_model_name, self.car.model_id.display_name)
        self.car.license_plate = "M-VW 999"
        self.take_back(booking)
        self.assertEqual(booking.vehicle_plate, "M-VW 101")

    def test_extra_car_info_is_copied_per_company_setting(self):
        self.env.company.dealer_booking_extra_field_id = self.env["ir.model.fields"]._get("fleet.vehicle", "color")
        self.car.color = "Tornadorot"
        booking = self.hand_over(self.book())
        self.assertIn("Tornadorot", booking.vehicle_extra_info)

    def test_edit_handover_keeps_the_odometer_log_and_guards_the_signature(self):
        booking = self.hand_over(self.book(), odometer=1000, signature=SIGNATURE)
        log = self.env["fleet.vehicle.odometer"].search([("vehicle_id", "=", self.car.id)])
        self.wizard(booking, edit=True, date=booking.handover_date, odometer=1010, comment="Tank voll").action_apply()
        self.assertEqual(booking.handover_odometer, 1010)
        self.assertEqual(booking.handover_comment, "Tank voll")
        self.assertEqual(self.env["fleet.vehicle.odometer"].search([("vehicle_id", "=", self.car.id)]), log)

    def test_take_back_and_new_plans_the_next_booking_from_this_one(self):
        booking = self.book(licence_checked=True, destination="Starnberg")
        self.hand_over(booking)
        action = self.wizard(booking, "return", date=self.now, odometer=1100).action_apply_and_new()
        new = self.env["dealer.booking"].browse(action["res_id"])
        self.assertEqual(booking.state, "returned")
        self.assertEqual(new.state, "planned")
        self.assertEqual((new.vehicle_id, new.partner_id, new.destination), (self.car, self.customer, "Starnberg"))
        self.assertFalse(new.licence_checked)
        self.assertEqual(new.date_start, booking.date_end)
        self.assertEqual(new.date_end - new.date_start, timedelta(minutes=30))
        self.assertFalse(new.handover_date or new.vehicle_vin)
        self.assertNotEqual(new.name, booking.name)


@tagged("post_install", "-at_install")
class TestBookingMasterData(BookingCase):
    def test_reservation_is_written_on_planning_and_cleared_on_cancel_or_return(self):
        self.env.company.dealer_booking_reserve_vehicle = True
        booking = self.book()
        self.assertEqual(
            (self.car.reserved, self.car.reserved_for, self.car.reserved_until, self.car.reserved_by),
            (True, self.customer, booking.date_end, self.env.user),
        )
        booking.action_cancel()
        self.assertFalse(self.car.reserved or self.car.reserved_for)
        booking = self.book()
        self.assertTrue(self.car.reserved)
        self.take_back(self.hand_over(booking))
        self.assertFalse(self.car.reserved)

    def test_no_reservation_without_the_setting(self):
        self.book()
        self.assertFalse(self.car.reserved)

    def test_driver_free_text_is_pushed_to_the_master_data(self):
        booking = self.book(driver_kind="free", driver_name="Max Fahrer")
        booking.action_push_driver()
        driver = booking.driver_partner_id
        self.assertEqual((driver.name, driver.parent_id), ("Max Fahrer", self.customer))
        self.assertEqual(booking.driver_kind, "contact")
        self.assertEqual(self.car.driver_id, driver)

    def test_driver_follows_the_chosen_kind(self):
        with Form(self.env["dealer.booking"]) as form:
            form.vehicle_id = self.car
            form.partner_id = self.customer
            form.date_start = self.now
            form.date_end = self.now + timedelta(hours=1)
            self.assertEqual(form.driver_name, "Erika Mustermann")
            form.driver_kind = "free"
            form.driver_name = "Hans Probe"
        self.assertFalse(form.record.driver_partner_id)
        self.assertEqual(form.record.driver_name, "Hans Probe")

    def test_default_advisor_is_the_users_employee_unless_the_company_names_one(self):
        employee = self.env["hr.employee"].create({"name": "Berater Eins", "user_id": self.env.user.id})
        self.assertEqual(self.book().advisor_id, employee)
        other = self.env["hr.employee"].create({"name": "Vermietung"})
        self.env.company.dealer_advisor_rental_id = other
        self.assertEqual(self.book("rental").advisor_id, other)
        self.assertEqual(self.book("test_drive").advisor_id, employee)

    def test_confirming_the_repair_confirms_its_replacement_car(self):
        product = self.env["product.product"].create({"name": "Kundenauto", "type": "consu"})
        repair = self.env["repair.order"].create({"product_id": product.id, "partner_id": self.customer.id})
        booking = self.book("replacement", repair_id=repair.id)
        repair.action_validate()
        self.assertEqual(repair.state, "confirmed")
        self.assertEqual(booking.state, "confirmed")

    def test_trade_plates_are_unique_per_company(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.UniqueViolation), self.cr.savepoint():
            self.env["dealer.trade.plate"].create({"name": "M-06  123"})
            self.env.flush_all()
        other_company = self.env["res.company"].create({"name": "Filiale Augsburg"})
        self.assertTrue(self.env["dealer.trade.plate"].create({"name": "M-06 123", "company_id": other_company.id}))


class TestRepairConfirmationKeepsOdooRights(BookingCase):
    """Confirming a repair works for Odoo's repair users as without dealer_fleet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workshop_user = new_test_user(cls.env, login="workshop", groups="stock.group_stock_user")
        cls.product = cls.env["product.product"].create({"name": "Kundenauto", "type": "consu"})

    def repair(self):
        return self.env["repair.order"].create({"product_id": self.product.id, "partner_id": self.customer.id})

    def test_workshop_user_confirms_a_repair_without_replacement_car(self):
        repair = self.repair().with_user(self.workshop_user)
        repair.action_validate()
        self.assertEqual(repair.state, "confirmed")

    def test_workshop_user_confirms_a_repair_whose_replacement_car_stays_planned(self):
        repair = self.repair()
        booking = self.book("replacement", repair_id=repair.id)
        repair.with_user(self.workshop_user).action_validate()
        self.assertEqual(repair.state, "confirmed")
        self.assertEqual(booking.state, "planned")
        self.assertIn(booking.name, repair.message_ids[0].body)
