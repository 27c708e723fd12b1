from odoo import _, api, fields, models

# written by the handover and the return only, like the other handover data
LOGBOOK_ACTION_FIELDS = frozenset({"handover_user_id", "return_user_id"})


class DealerBooking(models.Model):
    """The logbook's side of a booking: who handed the car over and who took it back, and the
    statutory trade-plate log entry of a test drive with a trade plate."""

    _inherit = "dealer.booking"

    handover_user_id = fields.Many2one("res.users", string="Handed Over By", readonly=True, copy=False, index=True)
    return_user_id = fields.Many2one("res.users", string="Taken Back By", readonly=True, copy=False, index=True)
    trade_plate_log_ids = fields.One2many("dealer.trade.plate.log", "booking_id", string="Trade Plate Log")

    @api.model
    def _setup_base(self):
        # the action-only fields of every extension add up (not the last class attribute wins)
        result = super()._setup_base()
        cls = type(self)
        cls._dealer_action_fields = frozenset(cls._dealer_action_fields) | LOGBOOK_ACTION_FIELDS
        return result

    def _dealer_hand_over(self, vals, immediate=False):
        # in the handout's one guarded write: a second UPDATE of the row would re-check the exclusion
        # constraint against a colleague's handout in flight and deadlock with it
        result = super()._dealer_hand_over({**vals, "handover_user_id": self.env.uid}, immediate=immediate)
        if self.trade_plate_id:
            self.env["dealer.trade.plate.log"]._dealer_open(self)
        return result

    def _dealer_edit_handover(self, vals):
        before = {booking: booking.handover_date for booking in self}
        result = super()._dealer_edit_handover(vals)
        for booking in self.filtered("trade_plate_id"):  # only test drives with a plate have a log
            entries = booking.trade_plate_log_ids
            entries._dealer_restart(booking)
            completed = entries.filtered(lambda entry: entry.state == "closed")
            if completed and before[booking] != booking.handover_date:
                # a completed entry never changes: the correction records it
                label = _("Start")
                reason = _("Handover of %(booking)s corrected.", booking=booking.name)
                self.env["dealer.trade.plate.log.correction"].create(
                    [
                        {
                            "log_id": entry.id,
                            "field_name": label,
                            "old_value": fields.Datetime.to_string(
                                fields.Datetime.context_timestamp(booking, before[booking])
                            ),
                            "new_value": fields.Datetime.to_string(
                                fields.Datetime.context_timestamp(booking, booking.handover_date)
                            ),
                            "reason": reason,
                        }
                        for entry in completed
                    ]
                )
        return result

    def _dealer_take_back(self, vals):
        result = super()._dealer_take_back({**vals, "return_user_id": self.env.uid})
        if self.trade_plate_id:  # only test drives with a plate have a log
            self.trade_plate_log_ids._dealer_close(self)
        return result

    # ------------------------------------------------------------------
    # the logbook's row buttons
    def action_open_booking(self):
        self.ensure_one()
        self.check_access("read")
        return self._dealer_form_action()

    def action_open_vehicle(self):
        self.ensure_one()
        self.vehicle_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "fleet.vehicle",
            "res_id": self.vehicle_id.id,
            "views": [(False, "form")],
            "target": "current",
        }

    def action_delete(self):
        """Delete planned, confirmed or cancelled bookings (the delete right; handed-out ones stay)."""
        self._dealer_start("delete")
        self.unlink()
        return {"type": "ir.actions.client", "tag": "soft_reload"}
