from odoo import _, fields, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    dealer_booking_ids = fields.One2many("dealer.booking", "repair_id", string="Replacement Cars")

    def _action_repair_confirm(self):
        result = super()._action_repair_confirm()
        self._dealer_confirm_replacement_cars()
        return result

    def _dealer_confirm_replacement_cars(self):
        """The service appointment is fixed: its planned replacement cars are confirmed with it.

        Only by a user who may confirm them: a workshop user without booking rights confirms the
        repair exactly as in Odoo, and the repair order tells which cars are still planned.
        """
        domain = [("repair_id", "in", self.ids), ("booking_type", "=", "replacement"), ("state", "=", "planned")]
        planned = self.env["dealer.booking"].sudo().search(domain)  # sudo: read only, to see what waits for the repair
        if not planned:
            return
        allowed = planned.with_env(self.env)._filtered_access("write")
        if allowed:
            allowed.action_confirm()
        for repair in self:
            mine = planned.filtered(lambda booking, repair=repair: booking.repair_id == repair)
            left = mine - allowed.sudo()  # sudo: the same records, compared with the superuser's
            if left:
                repair.message_post(
                    body=_(
                        "The replacement car %(bookings)s stays planned: confirming it needs the rights on "
                        "replacement car bookings.",
                        bookings=", ".join(left.mapped("name")),
                    )
                )
