"""The logbook: one list of all booking types, per-type menus and rights, who handed over and who
took back, filters, row buttons by state and the "all three at once" print."""

from datetime import timedelta

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.dealer_jobs.tests.common import render_html

from .common import BookingCase

TYPES = ("test_drive", "replacement", "rental")


@tagged("post_install", "-at_install")
class TestBookingLogbook(BookingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.td_logbook = new_test_user(
            cls.env,
            login="lb_td",
            groups="dealer_fleet.group_test_drive_logbook,dealer_fleet.group_test_drive_user_all",
        )
        cls.td_plain = new_test_user(cls.env, login="lb_plain", groups="dealer_fleet.group_test_drive_user_all")
        cls.rental_manager = new_test_user(cls.env, login="lb_rm", groups="dealer_fleet.group_rental_manager")
        cls.rental_returner = new_test_user(
            cls.env,
            login="lb_rr",
            groups="dealer_fleet.group_rental_user_all,dealer_fleet.group_rental_return",
        )

    def _visible(self, user, xmlid):
        return self.env.ref(xmlid).id in self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def _filter_domain(self, name, user):
        view = self.env.ref("dealer_fleet.view_dealer_booking_logbook_search")
        arch = etree.fromstring(self.env["dealer.booking"].get_view(view.id, "search")["arch"])
        [node] = arch.xpath("//filter[@name=$name]", name=name)
        return safe_eval(node.get("domain"), {"uid": user.id})

    def _field_domain(self, name, value):
        view = self.env.ref("dealer_fleet.view_dealer_booking_logbook_search")
        arch = etree.fromstring(self.env["dealer.booking"].get_view(view.id, "search")["arch"])
        [node] = arch.xpath("//field[@name=$name]", name=name)
        return safe_eval(node.get("filter_domain"), {"self": value})

    def test_logbook_menus_per_type_right(self):
        self.assertTrue(self._visible(self.td_logbook, "dealer_fleet.menu_dealer_booking_logbook"))
        self.assertTrue(self._visible(self.td_logbook, "dealer_fleet.menu_dealer_booking_logbook_test_drive"))
        self.assertFalse(self._visible(self.td_logbook, "dealer_fleet.menu_dealer_booking_logbook_rental"))
        for xmlid in ("", "_test_drive", "_replacement", "_rental"):
            self.assertFalse(self._visible(self.td_plain, f"dealer_fleet.menu_dealer_booking_logbook{xmlid}"))
        # the type's manager has its logbook
        self.assertTrue(self.rental_manager.has_group("dealer_fleet.group_rental_logbook"))
        self.assertFalse(self.rental_manager.has_group("dealer_fleet.group_test_drive_logbook"))
        self.assertTrue(self._visible(self.rental_manager, "dealer_fleet.menu_dealer_booking_logbook_rental"))
        self.assertTrue(self.manager.has_group("dealer_fleet.group_test_drive_logbook"))

    def test_type_actions_show_their_type_only(self):
        bookings = {booking_type: self.book(booking_type) for booking_type in TYPES}
        combined = self.env["ir.actions.act_window"]._for_xml_id("dealer_fleet.action_dealer_booking_logbook")
        everything = self.env["dealer.booking"].search(safe_eval(combined.get("domain") or "[]"))
        self.assertLessEqual(set(bookings.values()), set(everything))
        for booking_type, booking in bookings.items():
            action = self.env["ir.actions.act_window"]._for_xml_id(
                f"dealer_fleet.action_dealer_booking_logbook_{booking_type}"
            )
            found = self.env["dealer.booking"].search(safe_eval(action["domain"]))
            self.assertIn(booking, found)
            self.assertEqual(set(found.mapped("booking_type")), {booking_type})
        # the test-drive logbook user reads test drives only (record rules per type)
        found = self.env["dealer.booking"].with_user(self.td_logbook).search([("id", "in", everything.ids)])
        self.assertEqual(set(found.mapped("booking_type")), {"test_drive"})

    def test_who_handed_over_and_took_back_and_the_filters(self):
        start = self.now - timedelta(hours=3)
        rental = self.book("rental", start=start, hours=5)
        rental.action_confirm()
        self.env["dealer.booking.handover"].with_user(self.rental_manager).create(
            {"booking_id": rental.id, "date": start + timedelta(minutes=5), "odometer": 1000}
        ).action_apply()
        out = self.hand_over(self.book(vehicle_id=self.car_2.id), odometer=500)
        self.assertEqual(rental.handover_user_id, self.rental_manager)
        Booking = self.env["dealer.booking"]
        self.assertEqual(
            Booking.search(self._filter_domain("open_returns", self.manager)) & (rental | out), rental | out
        )
        self.env["dealer.booking.handover"].with_user(self.rental_returner).create(
            {"booking_id": rental.id, "mode": "return", "date": start + timedelta(hours=1), "odometer": 1100}
        ).action_apply()
        self.assertEqual(rental.return_user_id, self.rental_returner)
        self.assertEqual(Booking.search(self._filter_domain("open_returns", self.manager)) & (rental | out), out)
        self.assertEqual(
            Booking.with_user(self.rental_manager).search(
                self._filter_domain("handed_over_by_me", self.rental_manager)
            ),
            rental,
        )
        self.assertEqual(
            Booking.with_user(self.rental_returner).search(
                self._filter_domain("taken_back_by_me", self.rental_returner)
            ),
            rental,
        )
        # the advisors are action-only fields, like the rest of the handover
        with self.assertRaisesRegex(UserError, "never directly"):
            out.write({"handover_user_id": self.rental_manager.id})
        # search by plate and by period
        self.assertIn(out, Booking.search(self._field_domain("vehicle_id", "M-VW 102")))
        self.assertNotIn(rental, Booking.search(self._field_domain("vehicle_id", "M-VW 102")))
        later = self.now + timedelta(days=30)
        self.assertFalse(Booking.search(self._field_domain("date_start", later)) & (rental | out))
        self.assertEqual(Booking.search(self._field_domain("date_end", later)) & (rental | out), rental | out)

    def test_row_buttons(self):
        booking = self.book()
        action = booking.with_user(self.td_plain).action_open_booking()
        self.assertEqual((action["res_model"], action["res_id"]), ("dealer.booking", booking.id))
        action = booking.with_user(self.td_plain).action_open_vehicle()
        self.assertEqual((action["res_model"], action["res_id"]), ("fleet.vehicle", self.car.id))
        with self.assertRaises(AccessError):
            booking.with_user(self.td_plain).action_delete()
        self.assertTrue(booking.exists())
        out = self.hand_over(self.book(vehicle_id=self.car_2.id))
        with self.assertRaisesRegex(UserError, "stays in the logbook"):
            out.with_user(self.manager).action_delete()
        booking.with_user(self.manager).action_delete()
        self.assertFalse(booking.exists())

    def test_rental_return_without_trade_plate_rights(self):
        """A rental user (no right on the trade-plate log) hands over and takes back as before."""
        start = self.now - timedelta(hours=2)
        rental = self.book("rental", start=start)
        rental.action_confirm()
        Wizard = self.env["dealer.booking.handover"].with_user(self.rental_manager)
        Wizard.create({"booking_id": rental.id, "date": start, "odometer": 10}).action_apply()
        Wizard.create(
            {"booking_id": rental.id, "mode": "return", "date": start + timedelta(hours=1), "odometer": 20}
        ).action_apply()
        self.assertEqual(rental.state, "returned")

    def test_all_three_documents_at_once(self):
        first = self.book(trade_plate_id=self.plate.id)
        second = self.book("rental", vehicle_id=self.car_2.id)
        html = render_html(self.env, "dealer_fleet.action_report_booking_all", (first | second).ids)
        self.assertEqual(html.count('name="terms"'), 2, "a contract per booking")
        self.assertEqual(html.count('name="supplementary_sheet"'), 2, "a certificate with its sheet per booking")
        self.assertIn("Test Drive Agreement", html)
        self.assertIn("Rental Agreement", html)
        self.assertIn("Test Drive Certificate", html)
        self.assertLess(html.index(first.name), html.index(second.name))

    def test_grouped_by_vehicle_or_plate_as_the_list_reads_it(self):
        self.hand_over(self.book(trade_plate_id=self.plate.id), date=self.now - timedelta(minutes=20))
        self.book("test_drive", vehicle_id=self.car_2.id)
        Booking = self.env["dealer.booking"].with_user(self.td_logbook)
        list_view = self.env.ref("dealer_fleet.view_dealer_booking_logbook_list")
        views = Booking.get_views([(list_view.id, "list")])
        self.assertIn("list", views["views"])
        for field in ("vehicle_id", "trade_plate_id", "vehicle_plate"):
            groups = Booking.web_read_group([], ["__count"], [field])["groups"]
            self.assertTrue(groups, field)
        by_plate = {
            group["trade_plate_id"] and group["trade_plate_id"][0]: group["trade_plate_id_count"]
            for group in Booking.web_read_group([], ["__count"], ["trade_plate_id"])["groups"]
        }
        self.assertEqual(by_plate.get(self.plate.id), 1)

    def test_bill_button_for_billing_users_only(self):
        view = self.env.ref("dealer_fleet.view_dealer_booking_logbook_list")

        def arch(user):
            return self.env["dealer.booking"].with_user(user).get_views([(view.id, "list")])["views"]["list"]["arch"]

        self.assertIn('name="action_bill"', arch(self.rental_manager))
        self.assertNotIn('name="action_bill"', arch(self.td_plain))
