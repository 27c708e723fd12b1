from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail(self, auto_commit=False):
        """A job's phase document counts as sent when its mail is sent: the job then records the
        progress its phase activation left pending (a discarded mail changes nothing)."""
        result = super()._action_send_mail(auto_commit=auto_commit)
        for composer in self.filtered(lambda composer: composer.model == "dealer.job"):
            jobs = self.env["dealer.job"].browse(composer._evaluate_res_ids()).exists()
            jobs._dealer_phase_mailed(composer.template_id)
        return result
