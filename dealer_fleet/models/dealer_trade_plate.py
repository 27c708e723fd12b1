from odoo import api, fields, models


class DealerTradePlate(models.Model):
    """A trade (dealer) plate: lets unregistered cars be driven on test drives."""

    _name = "dealer.trade.plate"
    _description = "Trade Plate"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(string="Plate Number", required=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    active = fields.Boolean(default=True)
    note = fields.Char()
    booking_ids = fields.One2many("dealer.booking", "trade_plate_id", string="Bookings")
    current_booking_id = fields.Many2one("dealer.booking", compute="_compute_current_booking_id", string="Out On")

    _sql_constraints = [
        ("name_company_unique", "UNIQUE (name, company_id)", "This trade plate already exists in this company."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name"):
                vals["name"] = self._normalize(vals["name"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("name"):
            vals["name"] = self._normalize(vals["name"])
        return super().write(vals)

    @staticmethod
    def _normalize(name):
        return " ".join(name.upper().split())

    def _compute_current_booking_id(self):
        out = self.env["dealer.booking"].search([("trade_plate_id", "in", self.ids), ("state", "=", "handed_out")])
        by_plate = {booking.trade_plate_id: booking for booking in out}
        for plate in self:
            plate.current_booking_id = by_plate.get(plate, False)
