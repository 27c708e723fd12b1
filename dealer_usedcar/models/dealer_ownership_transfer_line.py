from odoo import api, fields, models

DOCUMENT_TYPES = [
    ("registration", "Registration Certificate"),
    ("title", "Certificate of Title"),
    ("insurance", "Insurance Confirmation"),
    ("contract", "Signed Sales Contract"),
    ("id_copy", "Buyer's ID Copy"),
    ("inspection", "Inspection Report"),
    ("power_of_attorney", "Power of Attorney"),
    ("other", "Other"),
]


class DealerOwnershipTransferLine(models.Model):
    _name = "dealer.ownership.transfer.line"
    _description = "Ownership Transfer Paperwork"
    _order = "transfer_id, sequence, id"

    transfer_id = fields.Many2one("dealer.ownership.transfer", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="transfer_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    document_type = fields.Selection(DOCUMENT_TYPES, string="Document", required=True, default="other")
    name = fields.Char(string="Description")
    mandatory = fields.Boolean(default=True)
    done = fields.Boolean(string="Done")
    note = fields.Char()

    @api.model
    def _default_documents(self):
        """(document type, mandatory) of the paperwork a new transfer lists."""
        return [
            ("registration", True),
            ("title", True),
            ("insurance", True),
            ("contract", True),
            ("id_copy", False),
            ("inspection", False),
        ]

    @api.depends("document_type", "name")
    def _compute_display_name(self):
        labels = dict(self._fields["document_type"]._description_selection(self.env))
        for line in self:
            label = labels.get(line.document_type, "")
            line.display_name = f"{label}: {line.name}" if line.name else label
