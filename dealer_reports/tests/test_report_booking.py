from datetime import datetime, time, timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.dealer_fleet.tests.common import BookingCase
from odoo.addons.dealer_fleet.tests.test_booking_billing import BillingCase
from odoo.addons.dealer_jobs.tests.common import ReportTestMixin, render_html


@tagged("post_install", "-at_install")
class TestBookingUtilisationReport(ReportTestMixin, BookingCase):
    """Three days ago: a rental of 12 hours returned 2 hours late after 250 km, and on the next day a
    test drive of 2 hours (the first car); a replacement car of 48 hours still out (the second)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.day = fields.Date.context_today(cls.env.user) - timedelta(days=3)
        cls.analyst = new_test_user(
            cls.env,
            login="booking_analyst",
            groups="dealer_reports.group_dealer_reports",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def at(self, days, hour):
        return datetime.combine(self.day + timedelta(days=days), time(hour))

    def make_history(self):
        rental = self.book("rental", start=self.at(0, 8), hours=12)
        self.hand_over(rental, date=self.at(0, 8), odometer=1000.0)
        self.take_back(rental, date=self.at(0, 22), odometer=1250.0)
        test_drive = self.book("test_drive", start=self.at(1, 9), hours=2)
        test_drive.action_confirm()
        replacement = self.book("replacement", start=self.at(0, 0), hours=48, vehicle_id=self.car_2.id)
        self.hand_over(replacement, date=self.at(0, 0), odometer=500.0)
        self.env.invalidate_all()
        return rental, test_drive, replacement

    def rows(self, car):
        return self.env["dealer.report.booking"].with_user(self.analyst).search([("vehicle_id", "=", car.id)])

    def test_hours_per_day_and_type(self):
        self.make_history()
        rows = self.rows(self.car).sorted("date")
        self.assertEqual(
            [
                (row.date, row.booked_hours, row.rental_hours, row.test_drive_hours, row.km_driven, row.overdue_count)
                for row in rows
            ],
            [
                (self.day, 12.0, 12.0, 0.0, 250.0, 1),
                (self.day + timedelta(days=1), 2.0, 0.0, 2.0, 0.0, 0),
                (self.day + timedelta(days=2), 0.0, 0.0, 0.0, 0.0, 0),
                (self.day + timedelta(days=3), 0.0, 0.0, 0.0, 0.0, 0),
            ],
            "from the first booking's day to today, idle days included",
        )
        self.assertEqual(rows[0].used_hours, 14.0, "handed out 08:00, back at 22:00")

    def test_utilisation_per_car_and_type_over_the_period(self):
        self.make_history()
        Report = self.env["dealer.report.booking"].with_user(self.analyst)
        groups = Report._read_group(
            [("vehicle_id", "in", (self.car | self.car_2).ids)],
            ["vehicle_id"],
            [
                "available_hours:sum",
                "booked_hours:sum",
                "utilisation:avg",
                "rental_utilisation:avg",
                "test_drive_utilisation:avg",
                "replacement_utilisation:avg",
                "overdue_count:sum",
            ],
        )
        result = {car: tuple(round(value, 3) for value in values) for car, *values in groups}
        self.assertEqual(
            result,
            {
                # 14 of 96 hours booked: 12 rental, 2 test drive
                self.car: (96.0, 14.0, round(14 / 96 * 100, 3), 12.5, round(2 / 96 * 100, 3), 0.0, 1),
                # 48 of 96 hours; still out past its planned end: overdue
                self.car_2: (96.0, 48.0, 50.0, 0.0, 0.0, 50.0, 1),
            },
        )
        # a period: the first two days only
        [(booked, available, utilisation)] = Report._read_group(
            [("vehicle_id", "=", self.car.id), ("date", "<=", self.day + timedelta(days=1))],
            [],
            ["booked_hours:sum", "available_hours:sum", "utilisation:avg"],
        )
        self.assertEqual((booked, available, round(utilisation, 3)), (14.0, 48.0, round(14 / 48 * 100, 3)))

    def test_customer_filter_keeps_the_days_of_the_customers_bookings(self):
        self.make_history()
        other = self.env["res.partner"].create({"name": "Otto Anders"})
        self.book("rental", start=self.at(2, 8), hours=4, partner_id=other.id).action_confirm()
        self.env.invalidate_all()
        Report = self.env["dealer.report.booking"].with_user(self.analyst)
        rows = Report.search([("vehicle_id", "=", self.car.id), ("partner_id", "=", other.id)])
        self.assertEqual([(row.date, row.booked_hours) for row in rows], [(self.day + timedelta(days=2), 4.0)])
        rows = Report.search([("vehicle_id", "=", self.car.id), ("partner_id", "ilike", "Mustermann")])
        self.assertEqual(rows.mapped("date"), [self.day + timedelta(days=1), self.day])

    def test_other_company_cars_are_not_shown(self):
        self.make_history()
        company_2 = self.env["res.company"].create({"name": "Autohaus Zwei"})
        self.car_2.company_id = company_2
        self.env.flush_all()
        self.assertFalse(self.rows(self.car_2))
        self.assertTrue(self.rows(self.car))

    def test_summary_per_car(self):
        self.make_history()
        rows = (
            self.env["dealer.report.booking"]
            .with_user(self.analyst)
            .search([("vehicle_id", "in", (self.car | self.car_2).ids)])
        )
        html = render_html(self.env(user=self.analyst), "dealer_reports.action_report_dealer_booking_summary", rows.ids)
        self.assertEqual(self._text(html, "title"), "Booking Utilisation Analysis")
        self.assertEqual(self._text(html, "record_count"), "Records: 8")
        self.assertEqual(self._text(html, "summary_total"), "Total 8 192.00 62.00 32.29 6.25 25.00 1.04 250 2 $ 0.00")


@tagged("post_install", "-at_install")
class TestBookingReportBilledAmounts(BillingCase):
    def test_billed_amount_on_the_day_of_the_return(self):
        booking = self.returned()
        self.bill_wizard(booking).action_create_order()
        self.env.flush_all()
        analyst = new_test_user(self.env, login="billing_analyst", groups="dealer_reports.group_dealer_reports")
        rows = self.env["dealer.report.booking"].with_user(analyst).search([("vehicle_id", "=", booking.vehicle_id.id)])
        billed = rows.filtered("billed_amount")
        self.assertEqual(billed.date, booking.return_date.date())
        self.assertAlmostEqual(billed.billed_amount, 240.20, places=2)
        self.assertAlmostEqual(billed.billed_amount, booking.sale_order_id.amount_untaxed, places=2)
        self.assertAlmostEqual(sum(rows.mapped("billed_amount")), 240.20, places=2)

    def test_a_cancelled_billing_order_is_not_counted(self):
        booking = self.returned()
        self.bill_wizard(booking).action_create_order()
        booking.sale_order_id.with_user(self.biller).action_cancel()
        self.env.flush_all()
        analyst = new_test_user(self.env, login="billing_analyst_2", groups="dealer_reports.group_dealer_reports")
        rows = self.env["dealer.report.booking"].with_user(analyst).search([("vehicle_id", "=", booking.vehicle_id.id)])
        self.assertEqual(sum(rows.mapped("billed_amount")), 0.0)
