from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_sync_url = fields.Char(related="company_id.dealer_sync_url", readonly=False)
    dealer_sync_token = fields.Char(related="company_id.dealer_sync_token", readonly=False, groups="base.group_system")
    dealer_sync_max_attempts = fields.Integer(related="company_id.dealer_sync_max_attempts", readonly=False)
