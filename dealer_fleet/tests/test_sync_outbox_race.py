import threading
import time
from datetime import timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, api, fields, sql_db
from odoo.tests import TransactionCase, tagged

from odoo.addons.dealer_jobs.tests.common import valid_vin

MESSAGES = 6


@tagged("post_install", "-at_install")
class TestSyncOutboxRace(TransactionCase):
    """Two cron workers drain the outbox at the same time, in separate transactions: each due
    message is sent by exactly one of them (``FOR UPDATE SKIP LOCKED``)."""

    def _cursor(self):
        """A real cursor outside the test transaction: the race needs committed data, which the test
        removes again at its end (hence the commits)."""
        return sql_db.db_connect(self.env.cr.dbname).cursor()

    def setUp(self):
        super().setUp()
        now = fields.Datetime.now().replace(microsecond=0)
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            brand = env["fleet.vehicle.model.brand"].create({"name": "Outbox Brand"})
            model = env["fleet.vehicle.model"].create({"name": "Outbox", "brand_id": brand.id})
            car = env["fleet.vehicle"].create(
                {"model_id": model.id, "vin_sn": valid_vin("WVWZZZ1KZRW000071"), "dealer_usage": "fleet"}
            )
            partner = env["res.partner"].create({"name": "Outbox Customer"})
            bookings = env["dealer.booking"].create(
                [
                    {
                        "booking_type": "rental",
                        "vehicle_id": car.id,
                        "partner_id": partner.id,
                        "date_start": now + timedelta(days=day),
                        "date_end": now + timedelta(days=day, hours=2),
                    }
                    for day in range(MESSAGES)
                ]
            )
            messages = env["dealer.sync.message"].create(
                [
                    {"booking_id": booking.id, "company_id": booking.company_id.id, "payload": "{}"}
                    for booking in bookings
                ]
            )
            self.ids = {"brand": brand.id, "model": model.id, "car": car.id, "partner": partner.id}
            self.booking_ids = bookings.ids
            self.message_ids = messages.ids
            cr.commit()  # pylint: disable=invalid-commit
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self._cursor() as cr:
            cr.execute("DELETE FROM dealer_sync_message WHERE id IN %s", [tuple(self.message_ids)])
            cr.execute(
                "DELETE FROM mail_message WHERE model = 'dealer.booking' AND res_id IN %s", [tuple(self.booking_ids)]
            )
            cr.execute("DELETE FROM dealer_booking WHERE id IN %s", [tuple(self.booking_ids)])
            cr.execute("DELETE FROM fleet_vehicle WHERE id = %s", [self.ids["car"]])
            cr.execute("DELETE FROM fleet_vehicle_model WHERE id = %s", [self.ids["model"]])
            cr.execute("DELETE FROM fleet_vehicle_model_brand WHERE id = %s", [self.ids["brand"]])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [self.ids["partner"]])
            cr.commit()  # pylint: disable=invalid-commit

    def _worker(self, barrier, errors):
        try:
            with self._cursor() as cr:
                cr.transaction = api.Transaction(self.registry)  # the test runner holds the registry lock
                env = api.Environment(cr, SUPERUSER_ID, {})
                barrier.wait(timeout=10)
                env["dealer.sync.message"]._cron_send(batch_size=MESSAGES // 2 + 1)
                cr.commit()  # pylint: disable=invalid-commit
        except Exception as error:  # reported by the test
            errors.append(repr(error))

    def test_two_workers_never_send_one_message_twice(self):
        sent = []

        def fake_send(message):
            sent.append(message.id)
            time.sleep(0.2)  # a slow CRM: the other worker runs meanwhile
            message.write({"state": "sent", "attempts": message.attempts + 1})
            return True

        barrier, errors = threading.Barrier(2), []
        with patch.object(type(self.env["dealer.sync.message"]), "_dealer_send", fake_send):
            threads = [threading.Thread(target=self._worker, args=(barrier, errors)) for _worker in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        self.assertFalse(errors)
        self.assertEqual(sorted(sent), sorted(set(sent)), "no message sent twice")
        self.assertEqual(set(sent), set(self.message_ids), "both workers together sent every message")
        with self._cursor() as cr:
            cr.execute(
                "SELECT state, attempts, count(*) FROM dealer_sync_message WHERE id IN %s GROUP BY state, attempts",
                [tuple(self.message_ids)],
            )
            self.assertEqual(cr.fetchall(), [("sent", 1, MESSAGES)])
