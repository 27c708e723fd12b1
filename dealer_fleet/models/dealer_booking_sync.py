from odoo import _, api, fields, models
from odoo.exceptions import UserError

# writes that change nothing the CRM sees
SYNC_IGNORED_FIELDS = frozenset({"message_main_attachment_id", "color"})


class DealerBooking(models.Model):
    """The booking's side of the external CRM sync: every create, change and cancel puts the
    booking's data into the outbox (``dealer.sync.message``); *Retry Transfer* sends it again."""

    _inherit = "dealer.booking"

    sync_state = fields.Selection(
        [("pending", "Pending"), ("sent", "Sent"), ("failed", "Failed"), ("dead", "Dead Letter")],
        string="CRM Sync",
        compute="_compute_sync_state",
    )
    sync_error = fields.Text(string="CRM Sync Error", compute="_compute_sync_state")

    def _sync_messages(self):
        Outbox = self.env["dealer.sync.message"].sudo()  # sudo: read only; a booking user sees the state, never edits
        return Outbox.search([("booking_id", "in", self.ids)], order="id desc")

    @api.depends("state")
    def _compute_sync_state(self):
        latest = {}
        for message in self._sync_messages():
            latest.setdefault(message.booking_id.id, message)
        for booking in self:
            message = latest.get(booking.id)
            booking.sync_state = message.state if message else False
            booking.sync_error = message.last_error if message and message.state in ("failed", "dead") else False

    def _dealer_sync_payload(self, event):
        """What the CRM gets: the booking as it is now (the receiver upserts by ``booking.id``)."""
        self.ensure_one()

        def stamp(value):
            return fields.Datetime.to_string(value) if value else None

        partner = self.partner_id
        return {
            "event": event,
            "booking": {
                "id": self.id,
                "number": self.name,
                "type": self.booking_type,
                "state": self.state,
                "company": self.company_id.name,
                "date_start": stamp(self.date_start),
                "date_end": stamp(self.date_end),
                "handover_date": stamp(self.handover_date),
                "return_date": stamp(self.return_date),
                "advisor": self.advisor_id.name or None,
                "customer": {
                    "id": partner.id,
                    "name": partner.name,
                    "email": partner.email or None,
                    "phone": partner.phone or None,
                },
                "vehicle": {
                    "id": self.vehicle_id.id,
                    "vin": self.vehicle_id.vin_sn or None,
                    "plate": self.vehicle_id.license_plate or None,
                    "model": self.vehicle_id.model_id.display_name or None,
                },
            },
        }

    def _dealer_sync(self, event):
        # sudo: the outbox is system plumbing; users change bookings, the booking writes its outbox
        self.env["dealer.sync.message"].sudo()._dealer_enqueue(self.sudo(), event)  # sudo: as above

    @api.model_create_multi
    def create(self, vals_list):
        bookings = super().create(vals_list)
        bookings._dealer_sync("create")
        return bookings

    def write(self, vals):
        result = super().write(vals)
        if set(vals) - SYNC_IGNORED_FIELDS:
            self._dealer_sync("cancel" if vals.get("state") == "cancelled" else "write")
        return result

    def action_sync_retry(self):
        """Retry Transfer: the booking's failed or dead message (refreshed) goes out now."""
        self._dealer_start("edit")
        for booking in self:
            if not booking.company_id.dealer_sync_url:
                raise UserError(_("No CRM endpoint is set for %(company)s.", company=booking.company_id.name))
            messages = booking._sync_messages()
            if messages.filtered(lambda message: message.state in ("pending", "failed")):
                todo = messages.filtered(lambda message: message.state in ("pending", "failed"))
            else:
                todo = messages.filtered(lambda message: message.state == "dead")[:1]
            if not todo:
                raise UserError(_("%(booking)s has nothing to transfer again.", booking=booking.name))
            todo._dealer_retry()
            booking._dealer_sync("write")  # the current data into the message
        return True
