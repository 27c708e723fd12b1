from odoo import fields, models


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    dealer_stock_age_alerted_on = fields.Date(
        string="Stock Age Alert Sent on",
        readonly=True,
        copy=False,
        help="The day the managers were alerted that the car stands in stock too long (once per stay).",
    )
