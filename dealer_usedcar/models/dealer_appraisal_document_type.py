from odoo import api, fields, models


class DealerAppraisalDocumentType(models.Model):
    _name = "dealer.appraisal.document.type"
    _description = "Appraisal Paperwork Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    has_validity = fields.Boolean(
        string="Has Validity", help="The paper is valid until a date (inspection, insurance): expired ones are flagged."
    )
    company_id = fields.Many2one("res.company", help="Empty: a paper of every company.")

    @api.model
    def _dealer_line_commands(self, company):
        """Commands creating an appraisal's paperwork lines, one per active type of ``company``."""
        types = self.search(["|", ("company_id", "=", False), ("company_id", "=", company.id)])
        return [fields.Command.create({"type_id": doc_type.id, "sequence": doc_type.sequence}) for doc_type in types]
