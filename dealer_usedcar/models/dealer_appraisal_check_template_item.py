from odoo import fields, models

CHECK_SECTIONS = [
    ("configuration", "Configuration"),
    ("accessories", "Accessories and Tools"),
    ("safety", "Safety Equipment"),
]


class DealerAppraisalCheckTemplateItem(models.Model):
    _name = "dealer.appraisal.check.template.item"
    _description = "Appraisal Checklist Item"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "dealer.appraisal.check.template", string="Checklist", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Item", required=True, translate=True)
    section = fields.Selection(CHECK_SECTIONS, required=True, default="configuration")
