from datetime import timedelta

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError


class RepairOrder(models.Model):
    _inherit = "repair.order"

    dealer_booking_ids = fields.One2many("dealer.booking", "repair_id", string="Replacement Cars")

    def _action_repair_confirm(self):
        result = super()._action_repair_confirm()
        self._dealer_confirm_replacement_cars()
        return result

    def action_repair_cancel(self):
        result = super().action_repair_cancel()
        self._dealer_unconfirm_replacement_cars()
        return result

    def action_repair_cancel_draft(self):
        result = super().action_repair_cancel_draft()
        self._dealer_unconfirm_replacement_cars()
        return result

    def _dealer_confirm_replacement_cars(self):
        """The service appointment is fixed: its planned replacement cars are confirmed with it.

        Only by a user who may confirm them: a workshop user without booking rights confirms the
        repair exactly as in Odoo, and the repair order tells which cars are still planned.
        """
        self._dealer_sync_replacement_cars("planned", "action_confirm")

    def _dealer_unconfirm_replacement_cars(self):
        """The appointment is off (repair cancelled or back to draft): its confirmed replacement
        cars go back to planned (not cancelled: the advisor decides), as far as the user may."""
        self._dealer_sync_replacement_cars("confirmed", "action_unconfirm")

    def _dealer_sync_replacement_cars(self, state, action):
        domain = [("repair_id", "in", self.ids), ("booking_type", "=", "replacement"), ("state", "=", state)]
        waiting = self.env["dealer.booking"].sudo().search(domain)  # sudo: read only, to see what waits for the repair
        if not waiting:
            return
        allowed = waiting.with_env(self.env)._filtered_access("write")
        if allowed:
            getattr(allowed, action)()
        for repair in self:
            mine = waiting.filtered(lambda booking, repair=repair: booking.repair_id == repair)
            left = mine - allowed.sudo()  # sudo: the same records, compared with the superuser's
            if left:
                repair.message_post(
                    body=_(
                        "The replacement car %(bookings)s stays planned: confirming it needs the rights on "
                        "replacement car bookings.",
                        bookings=", ".join(left.mapped("name")),
                    )
                    if state == "planned"
                    else _(
                        "The replacement car %(bookings)s stays confirmed: un-confirming it needs the rights on "
                        "replacement car bookings.",
                        bookings=", ".join(left.mapped("name")),
                    )
                )

    def action_dealer_replacement_car(self):
        """A new replacement car for this service appointment, prefilled; saved when the user saves."""
        self.ensure_one()
        if not self.env["dealer.booking"].has_access("create"):
            raise AccessError(
                _(
                    "Planning a replacement car needs the right “%(group)s”.",
                    group=self.env.ref("dealer_fleet.group_replacement_user_own").full_name,
                )
            )
        if self.state in ("done", "cancel"):
            raise UserError(_("%(repair)s is closed: no replacement car for it.", repair=self.name))
        if not self.partner_id:
            raise UserError(_("Enter the customer of %(repair)s first.", repair=self.name))
        start = self.schedule_date or fields.Datetime.now()
        advisor = self.user_id.employee_ids.filtered(lambda employee: employee.company_id == self.company_id)[:1]
        customer_car = self.lot_id.fleet_vehicle_id
        context = {
            "default_booking_type": "replacement",
            "default_repair_id": self.id,
            "default_partner_id": self.partner_id.id,
            "default_company_id": self.company_id.id,
            "default_date_start": fields.Datetime.to_string(start),
            "default_date_end": fields.Datetime.to_string(start + timedelta(days=1)),
        }
        if advisor:
            context["default_advisor_id"] = advisor.id
        if customer_car:
            context["default_customer_vehicle_id"] = customer_car.id
        return {
            "type": "ir.actions.act_window",
            "name": _("Replacement Car"),
            "res_model": "dealer.booking",
            "views": [(False, "form")],
            "target": "current",
            "context": context,
        }
