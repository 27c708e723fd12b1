from odoo import fields, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    dealer_booking_ids = fields.One2many("dealer.booking", "repair_id", string="Replacement Cars")

    def _action_repair_confirm(self):
        result = super()._action_repair_confirm()
        # the service appointment is fixed: its replacement car is confirmed with it
        self.dealer_booking_ids.filtered(
            lambda booking: booking.booking_type == "replacement" and booking.state == "planned"
        ).action_confirm()
        return result
