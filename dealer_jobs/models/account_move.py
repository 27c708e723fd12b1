from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    dealer_job_id = fields.Many2one("dealer.job", string="Job", index="btree_not_null", copy=False)
