import json
import logging
from datetime import timedelta

import requests

from odoo import _, api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

SYNC_TIMEOUT = 10  # seconds per POST
BACKOFF_CAP_MINUTES = 60  # 1, 2, 4 … minutes, never more than an hour
DEFAULT_MAX_ATTEMPTS = 8  # then the message is dead (a company may set its own number)
BATCH_SIZE = 50  # messages per cron run; the cron commits and goes on while more are due


class DealerSyncMessage(models.Model):
    """The outbox of the external CRM sync: a booking's current data, to be POSTed as JSON.

    One undelivered (pending or failed) message per booking: a new change of the booking refreshes
    its payload (the receiver upserts by the booking's id, so only the latest state matters) and keeps
    its place in the retry schedule. A partial unique index guards it. The cron sends due messages,
    each row locked ``FOR UPDATE SKIP LOCKED`` so two cron workers never send one message twice;
    a failure waits 1, 2, 4 … minutes (capped), and after the company's number of attempts the
    message is dead until someone retries the transfer from the booking.
    Delivery is at least once: the ``X-Dealer-Message-Id`` header lets the receiver drop a repeat.
    """

    _name = "dealer.sync.message"
    _description = "CRM Sync Message"
    _order = "id desc"
    _check_company_auto = True

    booking_id = fields.Many2one(
        "dealer.booking", string="Booking", required=True, readonly=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    payload = fields.Text(readonly=True, help="The JSON body sent to the CRM.")
    state = fields.Selection(
        [("pending", "Pending"), ("sent", "Sent"), ("failed", "Failed"), ("dead", "Dead Letter")],
        required=True,
        default="pending",
        readonly=True,
        index=True,
    )
    attempts = fields.Integer(readonly=True)
    next_try = fields.Datetime(string="Next Try", readonly=True, default=fields.Datetime.now, index=True)
    sent_date = fields.Datetime(string="Sent On", readonly=True)
    last_error = fields.Text(readonly=True)

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s (booking_id) WHERE state IN ('pending', 'failed')",
                SQL.identifier("dealer_sync_message_one_open_per_booking"),
                SQL.identifier(self._table),
            )
        )

    # ------------------------------------------------------------------
    # sending
    @api.model
    def _dealer_backoff(self, attempts):
        """Minutes to wait after the ``attempts``-th failed attempt: 1, 2, 4 … capped."""
        return min(2 ** max(attempts - 1, 0), BACKOFF_CAP_MINUTES)

    def _dealer_max_attempts(self):
        self.ensure_one()
        return self.company_id.dealer_sync_max_attempts or DEFAULT_MAX_ATTEMPTS

    @api.model
    def _cron_send(self, batch_size=BATCH_SIZE):
        """Send the due messages; rows another worker holds are skipped, not sent twice."""
        now = fields.Datetime.now()
        self.flush_model(["state", "next_try"])
        self.env.cr.execute(
            SQL(
                """SELECT id FROM %s
                    WHERE state IN ('pending', 'failed') AND next_try <= %s
                 ORDER BY next_try, id
                    LIMIT %s
                      FOR UPDATE SKIP LOCKED""",
                SQL.identifier(self._table),
                now,
                batch_size,
            )
        )
        messages = self.browse([row[0] for row in self.env.cr.fetchall()])
        for message in messages:
            message._dealer_send()
        remaining = self.search_count([("state", "in", ("pending", "failed")), ("next_try", "<=", now)])
        # Odoo's cron commits this batch and runs again while messages are due
        self.env["ir.cron"]._notify_progress(done=len(messages), remaining=remaining)
        return messages

    def _dealer_send(self):
        self.ensure_one()
        company = self.company_id.sudo()  # sudo: the token is readable by system admins only; the cron sends it
        url, token = company.dealer_sync_url, company.dealer_sync_token
        if not url:
            return self._dealer_failed(_("No CRM endpoint is set for %(company)s.", company=company.name))
        headers = {"Content-Type": "application/json", "X-Dealer-Message-Id": str(self.id)}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            response = requests.post(url, data=(self.payload or "{}").encode(), headers=headers, timeout=SYNC_TIMEOUT)
            response.raise_for_status()
        except requests.RequestException as error:
            _logger.info("CRM sync of %s failed: %s", self.booking_id.name, error)
            return self._dealer_failed(str(error))
        self.write(
            {"state": "sent", "attempts": self.attempts + 1, "sent_date": fields.Datetime.now(), "last_error": False}
        )
        return True

    def _dealer_failed(self, error):
        attempts = self.attempts + 1
        vals = {"attempts": attempts, "last_error": error}
        if attempts >= self._dealer_max_attempts():
            vals["state"] = "dead"
        else:
            vals.update(
                {
                    "state": "failed",
                    "next_try": fields.Datetime.now() + timedelta(minutes=self._dealer_backoff(attempts)),
                }
            )
        self.write(vals)
        return False

    # ------------------------------------------------------------------
    # filled by the booking
    @api.model
    def _dealer_enqueue(self, bookings, event):
        """The booking's current data into its undelivered message, or a new one."""
        bookings = bookings.filtered(lambda booking: booking.company_id.dealer_sync_url)
        if not bookings:
            return self
        # wait for a cron sending one of them: then it is sent, and this change needs a new message
        self.flush_model(["booking_id", "state"])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE booking_id IN %s AND state IN ('pending', 'failed') FOR UPDATE",
                SQL.identifier(self._table),
                tuple(bookings.ids),
            )
        )
        open_messages = self.browse([row[0] for row in self.env.cr.fetchall()])
        by_booking = {message.booking_id: message for message in open_messages}
        new = []
        for booking in bookings:
            payload = json.dumps(booking._dealer_sync_payload(event), ensure_ascii=False, sort_keys=True)
            if booking in by_booking:
                by_booking[booking].write({"payload": payload})
            else:
                new.append({"booking_id": booking.id, "company_id": booking.company_id.id, "payload": payload})
        created = self.create(new)
        if created:
            self._dealer_trigger_cron()
        return open_messages | created

    def _dealer_retry(self):
        """Send again now, with a fresh count of attempts."""
        self.write({"state": "pending", "attempts": 0, "next_try": fields.Datetime.now()})
        self._dealer_trigger_cron()

    def _dealer_trigger_cron(self):
        """Send soon, not at the cron's next run (if an administrator removed the cron: at none)."""
        cron = self.env.ref("dealer_fleet.ir_cron_dealer_sync_send", raise_if_not_found=False)
        if cron:
            cron._trigger()
