from odoo import _, fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    dealer_job_id = fields.Many2one("dealer.job", string="Job", index="btree_not_null", copy=False, readonly=True)

    def write(self, vals):
        if "dealer_job_id" in vals:
            relinked = self.filtered(
                lambda move: move.state == "posted" and move.dealer_job_id.id != vals["dealer_job_id"]
            )
            if relinked:
                raise UserError(
                    _(
                        "%(move)s is posted: its link to job %(job)s stays.",
                        move=relinked[0].name,
                        job=relinked[0].dealer_job_id.name,
                    )
                )
        return super().write(vals)

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted.filtered("dealer_job_id")._dealer_reprint_job_documents()
        return posted

    def _dealer_reprint_job_documents(self):
        """The job keeps the PDF of its invoice or credit note: printed again once the entry is
        posted, so that it shows the number and no longer reads draft."""
        reports = self.env["dealer.job.phase"].sudo().search([("report_id.model", "=", self._name)]).report_id
        reports |= self.env.ref("dealer_jobs.action_report_dealer_credit_note")
        for move in self:
            job = move.dealer_job_id.sudo()  # sudo: the job's copy follows the posting; accountants need not read jobs
            names = {f"{report.name} {job.display_name}.pdf".replace("/", "-"): report for report in reports}
            printed = (
                self.env["ir.attachment"]
                .sudo()
                .search(  # sudo: attachments of the job, as above
                    [("res_model", "=", job._name), ("res_id", "=", job.id), ("name", "in", list(names))]
                )
            )
            for attachment in printed:
                job._dealer_attach_report(names[attachment.name], move)
