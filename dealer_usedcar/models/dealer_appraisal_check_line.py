from odoo import fields, models

from .dealer_appraisal_check_template_item import CHECK_SECTIONS


class DealerAppraisalCheckLine(models.Model):
    _name = "dealer.appraisal.check.line"
    _description = "Appraisal Checklist Line"
    _order = "appraisal_id, section, sequence, id"

    appraisal_id = fields.Many2one("dealer.appraisal", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Item", required=True)
    section = fields.Selection(CHECK_SECTIONS, required=True, default="configuration")
    status = fields.Selection(
        [("ok", "OK"), ("missing", "Missing"), ("damaged", "Damaged")], required=True, default="ok"
    )
    note = fields.Char()
