from odoo import _, api, fields, models
from odoo.exceptions import UserError


class DealerBookingHandover(models.TransientModel):
    """Hand a car over or take it back: one wizard, the booking writes the result."""

    _name = "dealer.booking.handover"
    _description = "Hand Over or Take Back a Booked Car"

    booking_id = fields.Many2one("dealer.booking", required=True, ondelete="cascade")
    mode = fields.Selection([("handover", "Hand Over"), ("return", "Take Back")], required=True, default="handover")
    immediate = fields.Boolean(help="Hand over straight from planning, without the confirmation step.")
    edit = fields.Boolean(help="Correct the handover of a car that is out or back.")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    odometer = fields.Float(compute="_compute_odometer", store=True, readonly=False)
    odometer_unit = fields.Selection(related="booking_id.vehicle_id.odometer_unit")
    damage = fields.Text(compute="_compute_damage", store=True, readonly=False, string="Damages")
    comment = fields.Text(compute="_compute_comment", store=True, readonly=False)
    signature = fields.Binary(compute="_compute_signature", store=True, readonly=False)
    vehicle_id = fields.Many2one(related="booking_id.vehicle_id")
    handover_odometer = fields.Float(related="booking_id.handover_odometer", string="Odometer at Handover")
    campaign_ids = fields.Many2many(
        "fleet.vehicle.log.services", compute="_compute_campaign_ids", string="Open Campaigns and Services"
    )

    def _prefill(self):
        """What the form starts with: a return as the car left, a correction as it was saved."""
        booking = self.booking_id.with_context(bin_size=False)
        if self.mode == "return":
            return {
                "odometer": max(booking.handover_odometer, booking.vehicle_id.odometer),
                "damage": booking.handover_damage,
            }
        if self.edit:
            return {
                "odometer": booking.handover_odometer,
                "damage": booking.handover_damage,
                "comment": booking.handover_comment,
                "signature": booking.handover_signature,
            }
        return {"odometer": booking.vehicle_id.odometer}

    # one compute per field: a value given for one of them must not stop the others' prefill
    @api.depends("booking_id", "mode", "edit")
    def _compute_odometer(self):
        for wizard in self:
            wizard.odometer = wizard._prefill().get("odometer", 0.0)

    @api.depends("booking_id", "mode", "edit")
    def _compute_damage(self):
        for wizard in self:
            wizard.damage = wizard._prefill().get("damage", False)

    @api.depends("booking_id", "mode", "edit")
    def _compute_comment(self):
        for wizard in self:
            wizard.comment = wizard._prefill().get("comment", False)

    @api.depends("booking_id", "mode", "edit")
    def _compute_signature(self):
        for wizard in self:
            wizard.signature = wizard._prefill().get("signature", False)

    @api.depends("booking_id")
    def _compute_campaign_ids(self):
        for wizard in self:
            wizard.campaign_ids = self.env["fleet.vehicle.log.services"].search(
                [("vehicle_id", "=", wizard.booking_id.vehicle_id.id), ("state", "in", ("new", "running"))]
            )

    def _apply(self):
        self.ensure_one()
        booking = self.booking_id
        if self.odometer < 0:
            raise UserError(_("The odometer cannot be negative."))
        if self.mode == "return":
            booking._dealer_take_back(
                {
                    "return_date": self.date,
                    "return_odometer": self.odometer,
                    "return_damage": self.damage,
                    "return_comment": self.comment,
                    "return_signature": self.signature,
                }
            )
            return booking
        vals = {
            "handover_date": self.date,
            "handover_odometer": self.odometer,
            "handover_damage": self.damage,
            "handover_comment": self.comment,
            "handover_signature": self.signature,
        }
        if self.edit:
            booking._dealer_edit_handover(vals)
        else:
            booking._dealer_hand_over(vals, immediate=self.immediate)
        return booking

    def action_apply(self):
        self._apply()
        return {"type": "ir.actions.act_window_close"}

    def action_apply_and_new(self):
        """Take the car back and plan the next booking from this one."""
        booking = self._apply()
        return booking.action_new_from_template()
