from odoo import models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def action_dealer_preview(self):
        """Open the document itself (the browser previews a PDF) rather than the technical form."""
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/web/content/{self.id}", "target": "new"}
