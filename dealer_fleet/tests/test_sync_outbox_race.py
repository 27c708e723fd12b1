import threading
import time
from datetime import timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import tagged

from .common import CommittedCarCase

MESSAGES = 6


@tagged("post_install", "-at_install")
class TestSyncOutboxRace(CommittedCarCase):
    """Two cron workers drain the outbox at the same time, in separate transactions: each due
    message is sent by exactly one of them (``FOR UPDATE SKIP LOCKED``)."""

    def setUp(self):
        super().setUp()
        now = fields.Datetime.now().replace(microsecond=0)
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            car, partner = self._committed_car(env, "Outbox", "WVWZZZ1KZRW000071")
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
            self.booking_ids = bookings.ids
            self.message_ids = messages.ids
            cr.commit()  # pylint: disable=invalid-commit
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self._cursor() as cr:
            self._cleanup_car(cr)  # with the bookings' outbox messages
            cr.commit()  # pylint: disable=invalid-commit

    def _worker(self, barrier, errors):
        try:
            with self._cursor() as cr:
                env = self._thread_env(cr)
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
