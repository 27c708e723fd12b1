from odoo import _, fields, models
from odoo.exceptions import UserError


class DealerDocumentMixin(models.AbstractModel):
    """Documents a customer gets: render a QWeb report, keep the PDF on the record, and open the
    mail composer (prefilled, editable) with it attached.

    Configure the recipient with ``_dealer_document_partner_field``.
    """

    _name = "dealer.document.mixin"
    _description = "Dealer: customer documents"
    _dealer_document_partner_field = "partner_id"

    def _dealer_document_partner(self):
        return self[self._dealer_document_partner_field]

    def _dealer_check_email(self, send, step_name):
        partner = self._dealer_document_partner()
        if send and not partner.email:
            raise UserError(
                _(
                    'Customer %(partner)s has no e-mail address: add one, or untick "send on activation" '
                    "on %(step)s to only produce the document.",
                    partner=partner.display_name,
                    step=step_name,
                )
            )

    def _dealer_attach_report(self, report, record):
        """Render ``report`` for ``record`` and keep the PDF on ``self``; printing again replaces
        the PDF of the same name (one document, its latest version)."""
        self.ensure_one()
        pdf, _format = self.env["ir.actions.report"]._render_qweb_pdf(report, record.ids)
        name = f"{report.name} {self.display_name}.pdf".replace("/", "-")
        Attachment = self.env["ir.attachment"]
        attachment = Attachment.search(
            [("res_model", "=", self._name), ("res_id", "=", self.id), ("name", "=", name)], limit=1
        )
        if attachment:
            attachment.raw = pdf
            return attachment
        return Attachment.create(
            {
                "name": name,
                "type": "binary",
                "raw": pdf,
                "mimetype": "application/pdf",
                "res_model": self._name,
                "res_id": self.id,
            }
        )

    def _dealer_mail_action(self, template, attachments, title):
        """The mail composer on ``self`` with ``attachments``, addressed to the customer."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_attachment_ids": [fields.Command.set(attachments.ids)],
                "default_partner_ids": self._dealer_document_partner().ids,
                "force_email": True,
            },
        }
