from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_stock_age_alert_days = fields.Integer(
        string="Stock Age Alert (days)",
        default=90,
        help="A car in stock longer than this gets an activity for the used-car managers, once. 0: no alert.",
    )
