from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_stock_age_alert_days = fields.Integer(related="company_id.dealer_stock_age_alert_days", readonly=False)
