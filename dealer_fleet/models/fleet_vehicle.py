from odoo import _, fields, models


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    dealer_booking_ids = fields.One2many("dealer.booking", "vehicle_id", string="Bookings")
    dealer_booking_count = fields.Integer(compute="_compute_dealer_booking_count", string="Booking Count")
    # written by bookings when the company reserves booked cars (setting "Reserve booked cars")
    reserved = fields.Boolean(readonly=True, copy=False)
    reserved_by = fields.Many2one("res.users", readonly=True, copy=False)
    reserved_until = fields.Datetime(readonly=True, copy=False)
    reserved_for = fields.Many2one("res.partner", readonly=True, copy=False)
    reserved_booking_id = fields.Many2one("dealer.booking", readonly=True, copy=False, index="btree_not_null")

    def _compute_dealer_booking_count(self):
        counts = dict(
            self.env["dealer.booking"]._read_group([("vehicle_id", "in", self.ids)], ["vehicle_id"], ["__count"])
        )
        for car in self:
            car.dealer_booking_count = counts.get(car, 0)

    def _dealer_reserve(self, booking):
        self.ensure_one()
        self.search([("reserved_booking_id", "=", booking.id), ("id", "!=", self.id)])._dealer_unreserve()
        self.write(
            {
                "reserved": True,
                "reserved_by": self.env.user.id,
                "reserved_until": booking.date_end,
                "reserved_for": booking.partner_id.id,
                "reserved_booking_id": booking.id,
            }
        )

    def _dealer_unreserve(self):
        self.write(
            {
                "reserved": False,
                "reserved_by": False,
                "reserved_until": False,
                "reserved_for": False,
                "reserved_booking_id": False,
            }
        )

    def action_view_dealer_bookings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_fleet.action_dealer_booking")
        action["domain"] = [("vehicle_id", "=", self.id)]
        action["context"] = {"default_vehicle_id": self.id}
        action["name"] = _("Bookings of %(car)s", car=self.display_name)
        return action
