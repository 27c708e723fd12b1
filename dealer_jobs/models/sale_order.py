from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    dealer_job_id = fields.Many2one("dealer.job", string="Job", index="btree_not_null", copy=False, readonly=True)

    def _prepare_invoice(self):
        vals = super()._prepare_invoice()
        if self.dealer_job_id:
            vals["dealer_job_id"] = self.dealer_job_id.id
        return vals
