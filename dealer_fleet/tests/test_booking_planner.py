from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import BookingCase, valid_vin


@tagged("post_install", "-at_install")
class TestPlannerMove(BookingCase):
    """Drag and resize on the planner call ``action_planner_move``: the booking rules apply."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.planner = new_test_user(
            cls.env, login="td_planner", groups="dealer_fleet.group_test_drive_user_all", name="TD Planner"
        )
        cls.rental_planner = new_test_user(
            cls.env, login="rt_planner", groups="dealer_fleet.group_rental_user_all", name="Rental Planner"
        )
        cls.tomorrow = cls.now.replace(second=0) + timedelta(days=1)

    def move(self, booking, start, end, car=False, user=None):
        return booking.with_user(user or self.planner).action_planner_move(
            start.strftime("%Y-%m-%d %H:%M:%S"), end.strftime("%Y-%m-%d %H:%M:%S"), car and car.id
        )

    def test_drag_to_another_day_moves_the_booking(self):
        booking = self.book(start=self.tomorrow)
        self.move(booking, self.tomorrow + timedelta(days=1), self.tomorrow + timedelta(days=1, hours=2))
        self.assertEqual(booking.date_start, self.tomorrow + timedelta(days=1))
        self.assertEqual(booking.date_end, self.tomorrow + timedelta(days=1, hours=2))
        self.assertEqual(booking.vehicle_id, self.car)

    def test_resize_changes_the_end_only(self):
        booking = self.book(start=self.tomorrow)
        self.move(booking, self.tomorrow, self.tomorrow + timedelta(hours=5))
        self.assertEqual(booking.date_start, self.tomorrow)
        self.assertEqual(booking.date_end, self.tomorrow + timedelta(hours=5))

    def test_drag_to_another_car(self):
        booking = self.book(start=self.tomorrow)
        self.move(booking, self.tomorrow, self.tomorrow + timedelta(hours=2), self.car_2)
        self.assertEqual(booking.vehicle_id, self.car_2)
        self.assertEqual(booking.vehicle_brand_id, self.car_2.brand_id)
        self.assertEqual(booking.vehicle_category_id, self.car_2.category_id)

    def test_confirmed_booking_is_locked(self):
        booking = self.book(start=self.tomorrow)
        booking.action_confirm()
        with self.assertRaisesRegex(UserError, "locked on the planner"):
            self.move(booking, self.tomorrow + timedelta(days=1), self.tomorrow + timedelta(days=1, hours=2))
        self.assertEqual(booking.date_start, self.tomorrow)

    def test_handed_out_booking_keeps_its_car(self):
        booking = self.hand_over(self.book())
        with self.assertRaisesRegex(UserError, "car of a handed-out booking cannot change"):
            self.move(booking, booking.date_start, booking.date_end, self.car_2, user=self.manager)
        with self.assertRaisesRegex(UserError, "locked on the planner"):
            self.move(booking, booking.date_start, booking.date_end + timedelta(hours=1), user=self.manager)
        self.assertEqual(booking.vehicle_id, self.car)

    def test_drop_onto_a_car_that_is_out_is_refused(self):
        self.hand_over(self.book(vehicle_id=self.car_2.id))
        booking = self.book(start=self.now + timedelta(minutes=30))
        with self.assertRaisesRegex(UserError, "is out on"):
            self.move(booking, booking.date_start, booking.date_end, self.car_2)
        self.assertEqual(booking.vehicle_id, self.car)
        # after the planned end of that handout the car takes bookings again
        later = self.now + timedelta(days=2)
        self.move(booking, later, later + timedelta(hours=1), self.car_2)
        self.assertEqual(booking.vehicle_id, self.car_2)

    def test_drop_onto_a_car_that_cannot_be_booked_is_refused(self):
        booking = self.book(start=self.tomorrow)
        stock_car = self.make_car(valid_vin("WVWZZZ1KZAW000031"), dealer_usage="stock")
        with self.assertRaisesRegex(UserError, "not an active fleet car"):
            self.move(booking, self.tomorrow, self.tomorrow + timedelta(hours=2), stock_car)
        archived = self.make_car(valid_vin("WVWZZZ1KZAW000032"), dealer_usage="fleet")
        archived.active = False
        with self.assertRaisesRegex(UserError, "not an active fleet car"):
            self.move(booking, self.tomorrow, self.tomorrow + timedelta(hours=2), archived)
        other_company = self.env["res.company"].create({"name": "Filiale Ulm"})
        foreign = self.make_car(valid_vin("WVWZZZ1KZAW000033"), dealer_usage="fleet", company_id=other_company.id)
        with self.assertRaisesRegex(UserError, "belongs to|may not plan"):
            self.move(booking, self.tomorrow, self.tomorrow + timedelta(hours=2), foreign)
        self.assertEqual(booking.vehicle_id, self.car)

    def test_end_before_start_is_refused(self):
        booking = self.book(start=self.tomorrow)
        with self.assertRaisesRegex(UserError, "end after it starts"):
            self.move(booking, self.tomorrow, self.tomorrow - timedelta(hours=1))

    def test_user_of_another_type_cannot_move(self):
        booking = self.book(start=self.tomorrow)
        with self.assertRaises(AccessError):
            self.move(booking, self.tomorrow, self.tomorrow + timedelta(hours=3), user=self.rental_planner)
        self.assertEqual(booking.date_end, self.tomorrow + timedelta(hours=2))

    def test_own_user_cannot_move_a_colleagues_booking(self):
        own = new_test_user(self.env, login="td_own_planner", groups="dealer_fleet.group_test_drive_user_own")
        booking = self.book(start=self.tomorrow)
        with self.assertRaises(AccessError):
            self.move(booking, self.tomorrow, self.tomorrow + timedelta(hours=3), user=own)

    def test_unchanged_drop_writes_nothing(self):
        booking = self.book(start=self.tomorrow)
        booking.action_confirm()
        self.assertTrue(self.move(booking, booking.date_start, booking.date_end, self.car))


@tagged("post_install", "-at_install")
class TestNewAgreementRight(BookingCase):
    """Creating a booking of a type needs the type's "New agreement" right."""

    def vals(self, booking_type):
        return {
            "booking_type": booking_type,
            "vehicle_id": self.car.id,
            "partner_id": self.customer.id,
            "date_start": self.now + timedelta(days=1),
            "date_end": self.now + timedelta(days=1, hours=1),
        }

    def test_planners_of_a_type_create_its_bookings(self):
        for booking_type in ("test_drive", "replacement", "rental"):
            user = new_test_user(
                self.env, login=f"own_{booking_type}", groups=f"dealer_fleet.group_{booking_type}_user_own"
            )
            self.assertTrue(user.has_group(f"dealer_fleet.group_{booking_type}_agreement"))
            booking = self.env["dealer.booking"].with_user(user).create(self.vals(booking_type))
            self.assertEqual(booking.create_uid, user)

    def test_no_agreement_right_no_booking_of_that_type(self):
        rental_user = new_test_user(self.env, login="rental_only", groups="dealer_fleet.group_rental_user_all")
        with self.assertRaises(AccessError):
            self.env["dealer.booking"].with_user(rental_user).create(self.vals("test_drive"))

    def test_agreement_right_is_checked_on_create(self):
        """An administrator may take "New agreement" away from the planners of a type (unlink the
        implication): they keep planning the bookings they have but create none."""
        agreement = self.env.ref("dealer_fleet.group_test_drive_agreement")
        self.env.ref("dealer_fleet.group_test_drive_user_own").implied_ids -= agreement
        user = new_test_user(self.env, login="td_no_agreement", groups="dealer_fleet.group_test_drive_user_all")
        self.assertFalse(user.has_group("dealer_fleet.group_test_drive_agreement"))
        with self.assertRaisesRegex(AccessError, "New Agreement"):
            self.env["dealer.booking"].with_user(user).create(self.vals("test_drive"))
        booking = self.book(start=self.now + timedelta(days=1))
        booking.with_user(user).action_confirm()
        self.assertEqual(booking.state, "confirmed")
        user.groups_id += agreement
        self.assertTrue(self.env["dealer.booking"].with_user(user).create(self.vals("test_drive")))

    def test_new_from_template_with_the_right(self):
        rental_user = new_test_user(self.env, login="rental_tpl", groups="dealer_fleet.group_rental_user_all")
        booking = self.book("rental")
        action = booking.with_user(rental_user).action_new_from_template()
        self.assertEqual(self.env["dealer.booking"].browse(action["res_id"]).booking_type, "rental")

    def test_type_managers_get_agreement_and_manager_views(self):
        for booking_type in ("test_drive", "replacement", "rental"):
            manager = new_test_user(
                self.env, login=f"mgr_{booking_type}", groups=f"dealer_fleet.group_{booking_type}_manager"
            )
            self.assertTrue(manager.has_group(f"dealer_fleet.group_{booking_type}_agreement"))
            self.assertTrue(manager.has_group(f"dealer_fleet.group_{booking_type}_manager_views"))
        own = new_test_user(self.env, login="own_no_views", groups="dealer_fleet.group_rental_user_all")
        self.assertFalse(own.has_group("dealer_fleet.group_rental_manager_views"))

    def test_menus_follow_the_rights(self):
        rental_user = new_test_user(self.env, login="rental_menus", groups="dealer_fleet.group_rental_user_own")
        menus = self.env["ir.ui.menu"].with_user(rental_user)._visible_menu_ids()
        self.assertIn(self.env.ref("dealer_fleet.menu_dealer_booking_planner_rental").id, menus)
        self.assertIn(self.env.ref("dealer_fleet.menu_dealer_booking_new_rental").id, menus)
        self.assertNotIn(self.env.ref("dealer_fleet.menu_dealer_booking_planner_test_drive").id, menus)
        self.assertNotIn(self.env.ref("dealer_fleet.menu_dealer_booking_planner").id, menus)
        manager = new_test_user(self.env, login="rental_mgr_menus", groups="dealer_fleet.group_rental_manager")
        self.assertIn(
            self.env.ref("dealer_fleet.menu_dealer_booking_planner").id,
            self.env["ir.ui.menu"].with_user(manager)._visible_menu_ids(),
        )


@tagged("post_install", "-at_install")
class TestPlannerRead(BookingCase):
    """The board reads its rows (every fleet car) and the bookings of the visible window only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.planner = new_test_user(cls.env, login="read_planner", groups="dealer_fleet.group_test_drive_user_all")
        cls.idle_car = cls.make_car(valid_vin("WVWZZZ1KZAW000041"), license_plate="M-VW 141", dealer_usage="fleet")
        cls.stock_car = cls.make_car(valid_vin("WVWZZZ1KZAW000042"), license_plate="M-VW 142", dealer_usage="stock")

    def test_rows_are_every_fleet_car(self):
        self.book(start=self.now + timedelta(days=1))
        rows = self.env["dealer.booking"].with_user(self.planner).planner_rows([])
        ids = [row["id"] for row in rows]
        self.assertIn(self.idle_car.id, ids, "a car without bookings is a row too")
        self.assertIn(self.car.id, ids)
        self.assertNotIn(self.stock_car.id, ids)
        self.assertEqual(len(ids), len(set(ids)))

    def test_row_label_one_or_two_lines(self):
        Booking = self.env["dealer.booking"].with_user(self.planner)
        self.env.company.dealer_planner_two_line_rows = False
        row = next(row for row in Booking.planner_rows([]) if row["id"] == self.idle_car.id)
        self.assertIn("M-VW 141", row["content"])
        self.assertNotIn(self.idle_car.model_id.name, row["content"])
        self.env.company.dealer_planner_two_line_rows = True
        row = next(row for row in Booking.planner_rows([]) if row["id"] == self.idle_car.id)
        self.assertIn(self.idle_car.model_id.name, row["content"])
        self.assertIn(self.idle_car.brand_id.name, row["content"])

    def test_available_marker(self):
        self.hand_over(self.book())
        rows = {row["id"]: row for row in self.env["dealer.booking"].with_user(self.planner).planner_rows([])}
        self.assertFalse(rows[self.car.id]["available"])
        self.assertTrue(rows[self.idle_car.id]["available"])

    def test_row_filters_follow_the_booking_filters(self):
        other_brand = self.env["fleet.vehicle.model.brand"].create({"name": "Skoda"})
        other_model = self.env["fleet.vehicle.model"].create({"name": "Octavia", "brand_id": other_brand.id})
        skoda = self.make_car(valid_vin("WVWZZZ1KZAW000043"), dealer_usage="fleet", model_id=other_model.id)
        Booking = self.env["dealer.booking"].with_user(self.planner)
        ids = [row["id"] for row in Booking.planner_rows([("vehicle_brand_id", "in", [other_brand.id])])]
        self.assertEqual(ids, [skoda.id])
        ids = [row["id"] for row in Booking.planner_rows([("vehicle_id", "=", self.car.id), ("state", "=", "planned")])]
        self.assertEqual(ids, [self.car.id])
        # the search view's car search: name, VIN or plate
        search = ["|", "|", ("vehicle_id", "ilike", "M-VW 141"), ("vehicle_vin", "ilike", "M-VW 141")]
        ids = [row["id"] for row in Booking.planner_rows([*search, ("vehicle_plate", "ilike", "M-VW 141")])]
        self.assertEqual(ids, [self.idle_car.id])

    def test_window_read_returns_only_the_visible_week(self):
        monday = (self.now + timedelta(days=14)).replace(hour=0, minute=0, second=0)
        inside = self.book(start=monday + timedelta(days=2))
        overlapping = self.book(start=monday - timedelta(hours=1), vehicle_id=self.car_2.id)
        before = self.book(start=monday - timedelta(days=3))
        after = self.book(start=monday + timedelta(days=8))
        records = (
            self.env["dealer.booking"]
            .with_user(self.planner)
            .planner_read(
                [], str(monday), str(monday + timedelta(days=7)), ["name", "vehicle_id", "date_start", "is_overdue"]
            )
        )
        ids = {record["id"] for record in records}
        self.assertIn(inside.id, ids)
        self.assertIn(overlapping.id, ids)
        self.assertNotIn(before.id, ids)
        self.assertNotIn(after.id, ids)

    def test_week_read_costs_few_queries_whatever_the_number_of_cars(self):
        """The board's two calls stay within 12 queries (the bench checks it at 500 cars)."""
        monday = (self.now + timedelta(days=21)).replace(hour=0, minute=0, second=0)
        for index in range(30):
            car = self.make_car(valid_vin(f"WVWZZZ1KZAW0005{index:02d}"), dealer_usage="fleet")
            partner = self.env["res.partner"].create({"name": f"Kunde {index}"})
            for day in range(2):
                self.book(start=monday + timedelta(days=day * 3), vehicle_id=car.id, partner_id=partner.id)
        Booking = self.env["dealer.booking"].with_user(self.planner)
        fields = ["display_name", "name", "partner_id", "vehicle_id", "booking_type", "state", "is_overdue"]
        window = (str(monday), str(monday + timedelta(days=7)))
        for _warm_up in range(2):  # a request's caches are fresh, the ormcaches (rules, groups) warm
            Booking.planner_rows([])
            Booking.planner_read([], *window, fields)
            self.env.invalidate_all()
        with self.assertQueryCount(12):
            rows = Booking.planner_rows([])
            records = Booking.planner_read([], *window, fields)
        self.assertGreaterEqual(len(rows), 30)
        self.assertEqual(len(records), 60)
