"""The statutory trade-plate log (§ 41 FZV): written by the handover, completed by the return,
never changed afterwards (only annotated corrections), kept at least one year, exported per plate."""

import base64
from datetime import timedelta

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_jobs.tests.common import render_html, render_pdf

from .common import BookingCase

REPORT = "dealer_fleet.action_report_trade_plate_log"


@tagged("post_install", "-at_install")
class TestTradePlateLog(BookingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.write({"street": "Lindenweg 7", "zip": "50667", "city": "Köln"})
        cls.advisor = new_test_user(
            cls.env, login="td_advisor", groups="dealer_fleet.group_test_drive_manager", name="Test Drive Advisor"
        )
        cls.handover_user = new_test_user(
            cls.env,
            login="td_handover",
            groups="dealer_fleet.group_test_drive_user_all,dealer_fleet.group_test_drive_handover",
        )
        cls.return_user = new_test_user(
            cls.env,
            login="td_return",
            groups="dealer_fleet.group_test_drive_user_all,dealer_fleet.group_test_drive_return",
            name="Returner",
        )
        cls.reader = new_test_user(cls.env, login="td_reader", groups="dealer_fleet.group_test_drive_user_own")
        cls.rental_user = new_test_user(cls.env, login="rental_only", groups="dealer_fleet.group_rental_manager")
        cls.Log = cls.env["dealer.trade.plate.log"]

    def drive(self, start=None, car=None, take_back=True, **vals):
        """A test drive with the trade plate, handed over by the handover user, back with the return user."""
        start = start or self.now - timedelta(hours=3)
        booking = self.book(
            start=start,
            hours=4,
            **{
                "trade_plate_id": self.plate.id,
                "vehicle_id": (car or self.car).id,
                "destination": "Autobahn A9 to Ingolstadt",
                **vals,
            },
        )
        booking.action_confirm()
        self.act(self.handover_user, booking, date=start + timedelta(minutes=10), odometer=1000)
        if take_back:
            self.act(self.return_user, booking, "return", date=start + timedelta(hours=1), odometer=1042)
        return booking

    def act(self, user, booking, mode="handover", **vals):
        """The handover wizard, filled and applied by ``user``."""
        Wizard = self.env["dealer.booking.handover"].with_user(user)
        Wizard.create({"booking_id": booking.id, "mode": mode, **vals}).action_apply()

    def test_handover_writes_the_entry_and_return_completes_it(self):
        start = self.now - timedelta(hours=3)
        booking = self.drive(start=start, take_back=False)
        entry = booking.trade_plate_log_ids
        self.assertEqual(len(entry), 1)
        self.assertEqual(booking.handover_user_id, self.handover_user)
        self.assertRecordValues(
            entry,
            [
                {
                    "state": "open",
                    "plate_name": "M-06 123",
                    "trade_plate_id": self.plate.id,
                    "vehicle_id": self.car.id,
                    "time_start": start + timedelta(minutes=10),
                    "time_end": False,
                    "driver_name": "Erika Mustermann",
                    "vehicle_make": "Testmarke",
                    "vehicle_vin": self.car.vin_sn,
                    "route": "Autobahn A9 to Ingolstadt",
                    "retention_until": False,
                }
            ],
        )
        self.assertIn("Lindenweg 7", entry.driver_address)
        self.assertIn("50667", entry.driver_address)
        self.assertIn("Köln", entry.driver_address)
        self.assertTrue(entry.vehicle_class)
        self.act(self.return_user, booking, "return", date=start + timedelta(hours=1), odometer=1042)
        self.assertEqual(booking.return_user_id, self.return_user)
        self.assertEqual(entry.state, "closed")
        self.assertEqual(entry.time_end, start + timedelta(hours=1))
        self.assertEqual(
            entry.retention_until, fields.Date.context_today(entry, start + timedelta(hours=1)) + relativedelta(years=1)
        )

    def test_no_entry_without_trade_plate(self):
        booking = self.hand_over(self.book())
        self.assertFalse(booking.trade_plate_log_ids)
        self.assertFalse(self.Log.search([("booking_id", "=", booking.id)]))

    def test_nobody_writes_the_log_directly(self):
        booking = self.drive(take_back=False)
        entry = booking.trade_plate_log_ids
        with self.assertRaisesRegex(UserError, "never directly"):
            self.Log.with_user(self.handover_user).create(self.Log._dealer_values_from_booking(booking))
        with self.assertRaisesRegex(UserError, "never directly"):
            entry.with_user(self.return_user).write({"driver_name": "Someone Else"})
        with self.assertRaises(UserError):  # the guard or the missing write right
            entry.with_user(self.reader).write({"driver_name": "Someone Else"})
        self.assertEqual(entry.driver_name, "Erika Mustermann")

    def test_completed_entry_cannot_change_even_for_the_superuser(self):
        entry = self.drive().trade_plate_log_ids
        with self.assertRaisesRegex(UserError, "cannot change"):
            entry._dealer_write({"route": "Somewhere else"})
        with self.assertRaisesRegex(UserError, "cannot change"):
            entry.sudo().write({"driver_name": "Max"})
        entry.flush_recordset()
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.IntegrityConstraintViolation):
            with self.cr.savepoint():
                self.cr.execute("UPDATE dealer_trade_plate_log SET route = 'x' WHERE id = %s", [entry.id])
        entry.invalidate_recordset()
        self.assertEqual(entry.route, "Autobahn A9 to Ingolstadt")

    def test_entry_is_kept_one_year(self):
        entry = self.drive().trade_plate_log_ids
        manager = self.manager  # dealer_fleet manager: the only unlink right on the log
        with self.assertRaisesRegex(UserError, "kept at least one year"):
            entry.with_user(manager).unlink()
        with self.assertRaisesRegex(UserError, "kept at least one year"):
            entry.sudo().unlink()
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.IntegrityConstraintViolation):
            with self.cr.savepoint():
                self.cr.execute("DELETE FROM dealer_trade_plate_log WHERE id = %s", [entry.id])
        with self.assertRaises(AccessError):
            entry.with_user(self.advisor).unlink()
        self.assertTrue(entry.exists())

    def test_open_entry_cannot_be_deleted(self):
        entry = self.drive(take_back=False).trade_plate_log_ids
        with self.assertRaisesRegex(UserError, "kept at least one year"):
            entry.with_user(self.manager).unlink()

    def test_entry_older_than_a_year_may_be_deleted(self):
        old = self.drive(start=self.now - timedelta(days=400), car=self.car_2).trade_plate_log_ids
        self.assertLess(old.retention_until, fields.Date.today())
        old.with_user(self.manager).unlink()
        self.assertFalse(old.exists())

    def test_correction_is_annotated_and_immutable(self):
        entry = self.drive().trade_plate_log_ids
        Correction = self.env["dealer.trade.plate.log.correction"]
        with self.assertRaises(AccessError):
            Correction.with_user(self.reader).create({"log_id": entry.id, "reason": "typo"})
        correction = Correction.with_user(self.advisor).create(
            {
                "log_id": entry.id,
                "field_name": "Driver",
                "old_value": "Erika",
                "new_value": "Max",
                "reason": "Wrong driver",
            }
        )
        self.assertEqual(correction.create_uid, self.advisor)
        self.assertTrue(correction.create_date)
        self.assertEqual(entry.correction_ids, correction)
        self.assertEqual(entry.driver_name, "Erika Mustermann")
        with self.assertRaisesRegex(UserError, "cannot change"):
            correction.sudo().write({"reason": "other"})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            correction.sudo().unlink()
        action = entry.with_user(self.advisor).action_add_correction()
        self.assertEqual(action["context"]["default_log_id"], entry.id)
        with self.assertRaises(AccessError):
            entry.with_user(self.reader).action_add_correction()

    def test_edit_handover_after_return_adds_a_correction(self):
        start = self.now - timedelta(hours=3)
        booking = self.drive(start=start)
        entry = booking.trade_plate_log_ids
        self.act(self.advisor, booking, edit=True, date=start + timedelta(minutes=20), odometer=1000)
        self.assertEqual(entry.time_start, start + timedelta(minutes=10))
        self.assertEqual(len(entry.correction_ids), 1)
        self.assertEqual(entry.correction_ids.create_uid, self.advisor)
        self.assertIn(booking.name, entry.correction_ids.reason)

    def test_edit_handover_while_out_moves_the_open_entry(self):
        start = self.now - timedelta(hours=3)
        booking = self.drive(start=start, take_back=False)
        self.act(self.advisor, booking, edit=True, date=start + timedelta(minutes=20), odometer=1000)
        self.assertEqual(booking.trade_plate_log_ids.time_start, start + timedelta(minutes=20))
        self.assertFalse(booking.trade_plate_log_ids.correction_ids)

    def test_test_drive_users_read_others_do_not(self):
        entry = self.drive().trade_plate_log_ids
        self.assertEqual(self.Log.with_user(self.reader).search([("id", "=", entry.id)]), entry)
        with self.assertRaises(AccessError):
            self.Log.with_user(self.rental_user).search([("id", "=", entry.id)])

    def _export(self, export_format, **vals):
        return (
            self.env["dealer.trade.plate.log.export"]
            .with_user(self.reader)
            .create(
                {
                    "trade_plate_id": self.plate.id,
                    "date_from": fields.Date.today() - timedelta(days=30),
                    "date_to": fields.Date.today() + timedelta(days=1),
                    "export_format": export_format,
                    **vals,
                }
            )
        )

    def test_csv_export_per_plate_and_period(self):
        self.reader.tz = "Europe/Berlin"
        old = self.drive(start=self.now - timedelta(days=60), car=self.car_2)  # before the period
        other_plate = self.env["dealer.trade.plate"].create({"name": "M-06 999"})
        self.drive(start=self.now - timedelta(days=2), trade_plate_id=other_plate.id)  # another plate
        booking = self.drive()
        wizard = self._export("csv")
        wizard.action_export()
        self.assertTrue(wizard.file_name.endswith(".csv"))
        text = base64.b64decode(wizard.file_data).decode("utf-8-sig")
        lines = text.splitlines()
        self.assertEqual(len(lines), 2, text)
        self.assertEqual(
            lines[0], "Plate;Date;Start;End;Driver;Driver Address;Vehicle Class;Make;VIN;Route / Destination"
        )
        entry = booking.trade_plate_log_ids
        cells = lines[1].split(";")
        self.assertEqual(cells[0], "M-06 123")
        self.assertEqual(cells[1], str(entry.date))
        local_start = fields.Datetime.context_timestamp(entry.with_user(self.reader), entry.time_start)
        self.assertEqual(cells[2], local_start.strftime("%Y-%m-%d %H:%M"))
        self.assertEqual(cells[4], "Erika Mustermann")
        self.assertIn("Köln", cells[5])
        self.assertEqual(cells[7:], ["Testmarke", self.car.vin_sn, "Autobahn A9 to Ingolstadt"])
        self.assertNotIn(old.vehicle_vin, text)

    def test_export_of_an_empty_period_is_refused(self):
        with self.assertRaisesRegex(UserError, "no drives"):
            self._export("csv").action_export()

    def test_pdf_one_page_per_vehicle(self):
        self.drive(start=self.now - timedelta(days=3))
        self.drive(start=self.now - timedelta(days=2))
        self.drive(start=self.now - timedelta(days=1), car=self.car_2)
        action = self._export("pdf").action_export()
        self.assertEqual(action["report_name"], "dealer_fleet.report_trade_plate_log")
        entries = self.Log.browse(action["context"]["active_ids"])
        self.assertEqual(len(entries), 3)
        html = render_html(self.env, REPORT, entries.ids)
        self.assertEqual(html.count('name="vehicle_page"'), 2)
        self.assertEqual(html.count('name="entry"'), 3)
        self.assertIn(self.car.vin_sn, html)
        self.assertIn(self.car_2.vin_sn, html)
        self.assertIn(self.env.company.name, html)
        pdf, _format = render_pdf(self.env, REPORT, entries.ids)
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_immediate_handover_writes_the_entry_too(self):
        immediate = new_test_user(
            self.env,
            login="td_immediate",
            groups="dealer_fleet.group_test_drive_user_all,dealer_fleet.group_test_drive_immediate",
        )
        booking = self.book(trade_plate_id=self.plate.id)
        booking.with_user(immediate).action_immediate_handover(date=self.now - timedelta(minutes=5), odometer=1000)
        self.assertEqual(booking.state, "handed_out")
        self.assertEqual(booking.handover_user_id, immediate)
        self.assertRecordValues(booking.trade_plate_log_ids, [{"state": "open", "plate_name": "M-06 123"}])

    def test_log_menus_for_test_drive_users_only(self):
        menus = self.env["ir.ui.menu"]
        for xmlid in ("dealer_fleet.menu_dealer_trade_plate_log", "dealer_fleet.menu_dealer_trade_plate_log_export"):
            menu = self.env.ref(xmlid)
            self.assertIn(menu.id, menus.with_user(self.reader)._visible_menu_ids())
            self.assertNotIn(menu.id, menus.with_user(self.rental_user)._visible_menu_ids())
