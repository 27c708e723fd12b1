from odoo import fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    dealer_job_id = fields.Many2one("dealer.job", string="Job", index="btree_not_null", copy=False)
