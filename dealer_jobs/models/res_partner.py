from odoo import fields, models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "dealer.job.owner.mixin"]
    _dealer_job_field = "partner_id"

    dealer_job_ids = fields.One2many("dealer.job", "partner_id", string="Jobs")
