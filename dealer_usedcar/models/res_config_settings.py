from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_sale_approval = fields.Boolean(related="company_id.dealer_sale_approval", readonly=False)
    dealer_transfer_days = fields.Integer(related="company_id.dealer_transfer_days", readonly=False)
    dealer_survey_id = fields.Many2one(related="company_id.dealer_survey_id", readonly=False)
    dealer_appraisal_approval_amount = fields.Monetary(
        related="company_id.dealer_appraisal_approval_amount", readonly=False
    )
