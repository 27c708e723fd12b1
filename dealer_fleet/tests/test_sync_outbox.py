"""The external CRM sync: an outbox filled by the booking, sent by a cron to a local HTTP server
that fails, times out or takes the message; backoff 1, 2, 4 … minutes, dead letter, retry."""

import contextlib
import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.dealer_fleet.models import dealer_sync_message

from .common import BookingCase


class _CrmHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.received.append({"path": self.path, "headers": dict(self.headers), "body": body})
        if self.path == "/slow":
            time.sleep(1.5)
        status = 500 if self.path == "/fail" else 200
        with contextlib.suppress(BrokenPipeError):  # /slow: the client gave up waiting, as the test asks
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@tagged("post_install", "-at_install")
class TestSyncOutbox(BookingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), _CrmHandler)
        cls.server.daemon_threads = True
        cls.server.received = []
        thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        thread.start()
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)
        cls.base_url = f"http://127.0.0.1:{cls.server.server_address[1]}"
        cls.company.write(
            {"dealer_sync_url": f"{cls.base_url}/ok", "dealer_sync_token": "s3cret", "dealer_sync_max_attempts": 3}
        )
        cls.Message = cls.env["dealer.sync.message"]
        cls.advisor = new_test_user(cls.env, login="sync_td", groups="dealer_fleet.group_test_drive_manager")
        cls.rental_user = new_test_user(cls.env, login="sync_rental", groups="dealer_fleet.group_rental_manager")

    def setUp(self):
        super().setUp()
        self.server.received.clear()

    def endpoint(self, path):
        self.company.dealer_sync_url = f"{self.base_url}/{path}"

    def messages(self, booking):
        return self.Message.search([("booking_id", "=", booking.id)], order="id")

    def test_create_change_cancel_fill_one_pending_message(self):
        booking = self.book().with_user(self.advisor)
        message = self.messages(booking)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.state, "pending")
        self.assertEqual(json.loads(message.payload)["event"], "create")
        booking.write({"destination": "Munich"})
        booking.action_cancel()
        self.assertEqual(self.messages(booking), message, "one undelivered message per booking")
        payload = json.loads(message.payload)
        self.assertEqual(payload["event"], "cancel")
        self.assertEqual(payload["booking"]["state"], "cancelled")
        self.assertEqual(payload["booking"]["number"], booking.name)
        self.assertEqual(payload["booking"]["vehicle"]["vin"], self.car.vin_sn)

    def test_no_outbox_without_endpoint(self):
        self.company.dealer_sync_url = False
        self.assertFalse(self.messages(self.book()))

    def test_success_posts_the_payload_with_the_token(self):
        booking = self.book()
        message = self.messages(booking)
        self.Message._cron_send()
        self.assertRecordValues(message, [{"state": "sent", "attempts": 1, "last_error": False}])
        self.assertEqual(len(self.server.received), 1)
        request = self.server.received[0]
        self.assertEqual(request["headers"]["Authorization"], "Bearer s3cret")
        self.assertEqual(request["headers"]["X-Dealer-Message-Id"], str(message.id))
        self.assertEqual(json.loads(request["body"])["booking"]["id"], booking.id)
        # a change after sending makes a new message
        booking.write({"destination": "Munich"})
        self.assertEqual(len(self.messages(booking)), 2)
        self.assertEqual(self.messages(booking)[-1].state, "pending")

    def test_server_error_backs_off_then_dead_letter(self):
        self.endpoint("fail")
        booking = self.book()
        message = self.messages(booking)
        start = fields.Datetime.now().replace(microsecond=0)
        with freeze_time(start):
            self.Message._cron_send()
        self.assertRecordValues(message, [{"state": "failed", "attempts": 1, "next_try": start + timedelta(minutes=1)}])
        self.assertIn("500", message.last_error)
        with freeze_time(start + timedelta(seconds=30)):
            self.Message._cron_send()  # not due yet
        self.assertEqual(message.attempts, 1)
        with freeze_time(start + timedelta(minutes=1)):
            self.Message._cron_send()
        self.assertRecordValues(
            message, [{"state": "failed", "attempts": 2, "next_try": start + timedelta(minutes=1 + 2)}]
        )
        with freeze_time(start + timedelta(minutes=3)):
            self.Message._cron_send()
        self.assertRecordValues(message, [{"state": "dead", "attempts": 3}])
        self.assertEqual(len(self.server.received), 3)
        with freeze_time(start + timedelta(days=1)):
            self.Message._cron_send()
        self.assertEqual(len(self.server.received), 3, "a dead letter is not sent again")
        self.assertEqual(booking.sync_state, "dead")

    def test_backoff_doubles_and_is_capped(self):
        backoff = self.Message._dealer_backoff
        self.assertEqual([backoff(n) for n in range(1, 9)], [1, 2, 4, 8, 16, 32, 60, 60])

    def test_timeout_is_a_failure(self):
        self.endpoint("slow")
        message = self.messages(self.book())
        with patch.object(dealer_sync_message, "SYNC_TIMEOUT", 0.3):
            self.Message._cron_send()
        self.assertEqual(message.state, "failed")
        self.assertEqual(message.attempts, 1)
        self.assertIn("timed out", message.last_error.lower())

    def test_retry_transfer_sends_a_dead_letter_again(self):
        self.endpoint("fail")
        booking = self.book()
        message = self.messages(booking)
        message.write({"state": "dead", "attempts": 3})
        with self.assertRaises(AccessError):
            booking.with_user(self.rental_user).action_sync_retry()
        booking.with_user(self.advisor).action_sync_retry()
        self.assertRecordValues(message, [{"state": "pending", "attempts": 0}])
        self.assertLessEqual(message.next_try, fields.Datetime.now())
        self.endpoint("ok")
        self.Message._cron_send()
        self.assertEqual(message.state, "sent")
        self.assertEqual(booking.sync_state, "sent")

    def test_token_only_for_system_admins(self):
        field = self.env["res.company"]._fields["dealer_sync_token"]
        self.assertEqual(field.groups, "base.group_system")
        with self.assertRaises(AccessError):
            self.company.with_user(self.advisor).read(["dealer_sync_token"])
