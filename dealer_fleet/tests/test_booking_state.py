from datetime import timedelta
from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import BookingCase


@tagged("post_install", "-at_install")
class TestBookingState(BookingCase):
    """The state changes only through the actions, each checking the state first and acting once."""

    def test_numbers_follow_the_booking_type(self):
        self.assertTrue(self.book("test_drive").name.startswith("TD/"))
        self.assertTrue(self.book("replacement").name.startswith("RC/"))
        self.assertTrue(self.book("rental").name.startswith("RE/"))

    def test_confirm_twice_confirms_once(self):
        booking = self.book()
        Booking = type(booking)
        with patch.object(Booking, "_dealer_write", autospec=True, side_effect=Booking._dealer_write) as write:
            booking.action_confirm()
            booking.action_confirm()
        self.assertEqual(booking.state, "confirmed")
        self.assertEqual([call.args[0] for call in write.call_args_list if call.args[0]], [booking])

    def test_state_and_handover_data_cannot_be_written_directly(self):
        booking = self.book()
        for vals in ({"state": "handed_out"}, {"handover_odometer": 5}, {"return_date": self.now}):
            with self.assertRaisesRegex(UserError, "change through its buttons"):
                booking.write(vals)
        with self.assertRaisesRegex(UserError, "never directly"):
            self.book(state="returned")
        self.assertEqual(booking.state, "planned")

    def test_type_cannot_change_after_creation(self):
        booking = self.book("test_drive")
        with self.assertRaisesRegex(UserError, "type of a booking cannot change"):
            booking.booking_type = "rental"

    def test_confirming_locks_the_planning_and_unconfirming_unlocks_it(self):
        booking = self.book()
        booking.action_confirm()
        with self.assertRaisesRegex(UserError, "planning .* is locked"):
            booking.date_end += timedelta(hours=1)
        with self.assertRaisesRegex(UserError, "is locked"):
            booking.vehicle_id = self.car_2
        booking.note = "<p>still editable</p>"
        booking.action_unconfirm()
        self.assertEqual(booking.state, "planned")
        booking.vehicle_id = self.car_2
        self.assertEqual(booking.vehicle_id, self.car_2)

    def test_handover_and_return_remain_possible_on_a_confirmed_booking(self):
        booking = self.hand_over(self.book())
        self.assertEqual(booking.state, "handed_out")
        self.take_back(booking)
        self.assertEqual(booking.state, "returned")

    def test_unconfirming_a_returned_booking_is_refused(self):
        booking = self.take_back(self.hand_over(self.book()))
        with self.assertRaisesRegex(UserError, "Un-confirming is not possible"):
            booking.action_unconfirm()
        self.assertEqual(booking.state, "returned")

    def test_cancelling_a_handed_out_booking_is_refused(self):
        booking = self.hand_over(self.book())
        with self.assertRaisesRegex(UserError, "take the car back instead"):
            booking.action_cancel()
        self.assertEqual(booking.state, "handed_out")

    def test_cancel_twice_cancels_once_and_a_cancelled_booking_is_not_confirmed(self):
        booking = self.book()
        booking.action_cancel()
        booking.action_cancel()
        self.assertEqual(booking.state, "cancelled")
        with self.assertRaisesRegex(UserError, "Confirming is not possible"):
            booking.action_confirm()

    def test_planning_overlaps_are_allowed_with_a_warning(self):
        first = self.book()
        second = self.book(start=first.date_start + timedelta(hours=1))
        self.assertIn(first.name, second.planning_warning)
        self.assertFalse(self.book(start=first.date_end + timedelta(hours=5)).planning_warning)

    def test_planned_end_must_follow_start(self):
        with self.assertRaisesRegex(ValidationError, "must end after it starts"):
            self.book(hours=0)

    def test_only_fleet_cars_can_be_booked(self):
        self.car_2.dealer_usage = "stock"
        with self.assertRaisesRegex(ValidationError, "only cars with the usage “Fleet”"):
            self.book(vehicle_id=self.car_2.id)

    def test_trade_plates_only_on_test_drives(self):
        with self.assertRaisesRegex(ValidationError, "Trade plates are for test drives only"):
            self.book("rental", trade_plate_id=self.plate.id)

    def test_handed_out_bookings_cannot_be_deleted(self):
        booking = self.hand_over(self.book())
        with self.assertRaisesRegex(UserError, "stays in the logbook"):
            booking.unlink()
        planned = self.book()
        planned.unlink()
        self.assertFalse(planned.exists())

    def test_overdue_is_computed_and_searchable(self):
        booking = self.book(start=self.now - timedelta(hours=3), hours=1)
        self.hand_over(booking, date=self.now - timedelta(hours=2, minutes=30))
        self.assertTrue(booking.is_overdue)
        overdue = self.env["dealer.booking"].search([("is_overdue", "=", True)])
        self.assertIn(booking, overdue)
        self.assertNotIn(booking, self.env["dealer.booking"].search([("is_overdue", "=", False)]))
        # "not overdue" is every other booking: planned ones in the future too
        future = self.book(start=self.now + timedelta(days=2))
        self.assertIn(future, self.env["dealer.booking"].search([("is_overdue", "=", False)]))
        self.assertIn(future, self.env["dealer.booking"].search([("is_overdue", "!=", True)]))
        self.take_back(booking)
        self.assertFalse(booking.is_overdue)
