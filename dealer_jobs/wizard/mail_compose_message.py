from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail(self, auto_commit=False):
        """A job's document counts as sent when its mail is sent: the job then records the progress
        the phase reached (a discarded mail changes nothing)."""
        result = super()._action_send_mail(auto_commit=auto_commit)
        progress = self.env.context.get("dealer_job_progress")
        for composer in self.filtered(lambda composer: progress and composer.model == "dealer.job"):
            self.env["dealer.job"].browse(composer._evaluate_res_ids())._set_progress(progress)
        return result
