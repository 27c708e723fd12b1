from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_vin_check_digit = fields.Boolean(related="company_id.dealer_vin_check_digit", readonly=False)
    dealer_send_order_confirmation = fields.Boolean(related="company_id.dealer_send_order_confirmation", readonly=False)
    dealer_ask_tracking_numbers = fields.Boolean(related="company_id.dealer_ask_tracking_numbers", readonly=False)
