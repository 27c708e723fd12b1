from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import SIGNATURE, SIGNATURE_2, BookingCase, valid_vin

TYPES = ("test_drive", "replacement", "rental")


@tagged("post_install", "-at_install")
class TestBookingRights(BookingCase):
    """One right per booking type and action; ``_check_booking_right(action)`` enforces each one."""

    def setUp(self):
        super().setUp()
        self.users = {}

    def user(self, booking_type, *rights):
        groups = [f"dealer_fleet.group_{booking_type}_user_all"] + [
            f"dealer_fleet.group_{booking_type}_{right}" for right in rights
        ]
        login = f"u_{booking_type}_{'_'.join(rights) or 'plain'}"
        if login not in self.users:
            self.users[login] = new_test_user(self.env, login=login, groups=",".join(groups))
        return self.users[login]

    def booking(self, booking_type, state="planned", **vals):
        """A booking on a car of its own, so that the handouts of one test never meet."""
        self.serial = getattr(self, "serial", 100) + 1
        car = self.make_car(valid_vin(f"WVWZZZ1KZAW000{self.serial}"), dealer_usage="fleet")
        booking = self.book(booking_type, vehicle_id=car.id, **vals)
        if state == "confirmed":
            booking.action_confirm()
        if state in ("handed_out", "returned"):
            self.hand_over(booking, signature=SIGNATURE)
        if state == "returned":
            self.take_back(booking)
        return booking

    # each right: (state of the booking, what the user does, extra rights the action needs anyway)
    def _do_handover(self, booking, user):
        self.wizard(booking.with_user(user), date=self.now, odometer=10).with_user(user).action_apply()

    def _do_return(self, booking, user):
        self.wizard(booking, "return", date=self.now, odometer=1100).with_user(user).action_apply()

    def _do_edit_handover(self, booking, user):
        self.wizard(booking, edit=True, date=booking.handover_date, odometer=1001).with_user(user).action_apply()

    def _do_immediate(self, booking, user):
        self.wizard(booking, immediate=True, date=self.now, odometer=10).with_user(user).action_apply()

    def _do_signature(self, booking, user):
        wizard = self.wizard(booking, edit=True, date=booking.handover_date, odometer=1000)
        wizard.signature = SIGNATURE_2  # another drawing
        wizard.with_user(user).action_apply()

    def _do_delete(self, booking, user):
        booking.with_user(user).unlink()

    RIGHTS = {
        "handover": ("confirmed", ()),
        "return": ("handed_out", ()),
        "edit_handover": ("handed_out", ()),
        "immediate": ("planned", ()),
        "signature": ("handed_out", ("edit_handover",)),
        "delete": ("planned", ()),
    }

    def test_each_action_needs_its_right_per_booking_type(self):
        for booking_type in TYPES:
            for right, (state, needed) in self.RIGHTS.items():
                with self.subTest(booking_type=booking_type, right=right):
                    action = getattr(self, f"_do_{right}")
                    without, with_right = self.user(booking_type, *needed), self.user(booking_type, *needed, right)
                    booking = self.booking(booking_type, state)
                    with self.assertRaisesRegex(AccessError, "needs the right"):
                        action(booking, without)
                    self.assertEqual(booking.state, state)
                    action(booking, with_right)

    def test_a_right_for_one_type_does_not_act_on_another(self):
        user = self.user("test_drive", "handover")
        other = self.user("rental", "return")
        booking = self.booking("rental", "handed_out")
        with self.assertRaises(AccessError):
            self._do_return(booking, user)  # no rental access at all
        self._do_return(booking, other)
        self.assertEqual(booking.state, "returned")

    def test_returned_booking_is_a_record_edited_with_the_edit_handover_right_only(self):
        booking = self.booking("test_drive", "returned", trade_plate_id=self.plate.id, licence_checked=True)
        other = self.env["res.partner"].create({"name": "Someone Else"})
        plain = self.user("test_drive")
        for vals in (
            {"partner_id": other.id},
            {"trade_plate_id": False},
            {"driver_kind": "free", "driver_name": "Max Muster"},
            {"licence_checked": False},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(AccessError, "needs the right"):
                booking.with_user(plain).write(vals)
        self.assertEqual(booking.partner_id, self.customer)
        # before the return the same user plans freely
        planned = self.booking("test_drive")
        planned.with_user(plain).write({"partner_id": other.id})
        self.assertEqual(planned.partner_id, other)
        # the edit-handover right corrects the record, and the chatter keeps the change
        booking.with_user(self.user("test_drive", "edit_handover")).write({"partner_id": other.id})
        self.assertEqual(booking.partner_id, other)
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking is written when the transaction commits
        self.assertIn(
            "partner_id", booking.message_ids.tracking_value_ids.field_id.mapped("name"), "the change is logged"
        )

    def test_manager_has_every_right_of_every_type(self):
        for booking_type in TYPES:
            booking = self.booking(booking_type, "handed_out")
            for right in ("handover", "return", "edit_handover", "immediate", "signature", "delete"):
                booking.with_user(self.manager)._check_booking_right(right)

    def test_unknown_action_is_a_programming_error(self):
        with self.assertRaises(ValueError):
            self.booking("test_drive")._check_booking_right("fly")


@tagged("post_install", "-at_install")
class TestOwnBookings(BookingCase):
    """User (own): the bookings they advise or created, of their types only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_user = new_test_user(cls.env, login="td_own", groups="dealer_fleet.group_test_drive_user_own")
        cls.own_employee = cls.env["hr.employee"].create({"name": "TD Own", "user_id": cls.own_user.id})

    def test_own_user_sees_own_bookings_only(self):
        advised = self.book(advisor_id=self.own_employee.id)
        created = (
            self.env["dealer.booking"]
            .with_user(self.own_user)
            .create(
                {
                    "booking_type": "test_drive",
                    "vehicle_id": self.car_2.id,
                    "partner_id": self.customer.id,
                    "date_start": self.now,
                    "date_end": self.now + timedelta(hours=2),
                }
            )
        )
        foreign = self.book()
        rental = self.book("rental", advisor_id=self.own_employee.id)
        visible = self.env["dealer.booking"].with_user(self.own_user).search([])
        self.assertEqual(visible, advised | created)
        with self.assertRaises(AccessError):
            foreign.with_user(self.own_user).read(["name"])
        with self.assertRaises(AccessError):
            rental.with_user(self.own_user).action_confirm()
        advised.with_user(self.own_user).action_confirm()
        self.assertEqual(advised.state, "confirmed")

    def test_own_user_cannot_hand_over_without_the_right(self):
        booking = self.book(advisor_id=self.own_employee.id)
        booking.with_user(self.own_user).action_confirm()
        with self.assertRaisesRegex(AccessError, "needs the right"):
            booking.with_user(self.own_user).action_handover()

    def test_bookings_of_another_company_are_invisible(self):
        other_company = self.env["res.company"].create({"name": "Filiale Augsburg"})
        car = self.make_car(
            valid_vin("WVWZZZ1KZAW000009"),
            dealer_usage="fleet",
            company_id=other_company.id,
        )
        booking = self.book(vehicle_id=car.id, company_id=other_company.id)
        all_user = new_test_user(self.env, login="td_all", groups="dealer_fleet.group_test_drive_user_all")
        self.assertNotIn(booking, self.env["dealer.booking"].with_user(all_user).search([]))
        self.assertTrue(booking.name.startswith("TD/"))

    def test_plain_dealer_user_has_no_booking_access(self):
        with self.assertRaises(AccessError):
            self.env["dealer.booking"].with_user(self.dealer_user).search([])
