from odoo import _, api, fields, models
from odoo.exceptions import UserError


class DealerTradePlateLogCorrection(models.Model):
    """An annotated correction of a trade-plate log entry: the entry stays as written, the
    correction says what was wrong, what is right, who corrected it, when and why."""

    _name = "dealer.trade.plate.log.correction"
    _description = "Trade Plate Log Correction"
    _order = "create_date desc, id desc"
    _check_company_auto = True

    log_id = fields.Many2one(
        "dealer.trade.plate.log", string="Log Entry", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="log_id.company_id", store=True, index=True)
    field_name = fields.Char(string="Corrected Item", help="What was recorded wrong, e.g. the end time.")
    old_value = fields.Char(string="Recorded")
    new_value = fields.Char(string="Correct Value")
    reason = fields.Text(required=True, help="Why the entry is corrected.")
    create_uid = fields.Many2one("res.users", string="Corrected By", readonly=True)
    create_date = fields.Datetime(string="Corrected On", readonly=True)

    def write(self, vals):
        if self and vals:
            raise UserError(_("A correction of the trade-plate log cannot change: add another correction."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("A correction of the trade-plate log cannot be deleted: add another correction."))
