from odoo import api, fields, models


class DealerAppraisalDocumentLine(models.Model):
    _name = "dealer.appraisal.document.line"
    _description = "Appraisal Paperwork Line"
    _order = "appraisal_id, sequence, id"

    appraisal_id = fields.Many2one("dealer.appraisal", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    type_id = fields.Many2one("dealer.appraisal.document.type", string="Paper", required=True, ondelete="restrict")
    has_validity = fields.Boolean(related="type_id.has_validity")
    present = fields.Boolean(help="The owner handed the paper over or showed it.")
    valid_until = fields.Date()
    expired = fields.Boolean(compute="_compute_expired", help="Valid until a date that has passed.")
    note = fields.Char()

    @api.depends("valid_until")
    @api.depends_context("uid")
    def _compute_expired(self):
        today = fields.Date.context_today(self)
        for line in self:
            line.expired = bool(line.valid_until and line.valid_until < today)
