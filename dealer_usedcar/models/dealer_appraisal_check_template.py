from odoo import api, fields, models


class DealerAppraisalCheckTemplate(models.Model):
    _name = "dealer.appraisal.check.template"
    _description = "Appraisal Checklist"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Empty: the checklist of every company.")
    item_ids = fields.One2many("dealer.appraisal.check.template.item", "template_id", string="Items", copy=True)

    @api.model
    def _dealer_default(self):
        """The first checklist of the current company (or of all companies)."""
        return self.search(["|", ("company_id", "=", False), ("company_id", "=", self.env.company.id)], limit=1)

    def _dealer_line_commands(self):
        """Commands creating the appraisal's checklist lines from this template's items."""
        return [
            fields.Command.create({"sequence": item.sequence, "name": item.name, "section": item.section})
            for item in self.item_ids
        ]
