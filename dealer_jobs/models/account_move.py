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
