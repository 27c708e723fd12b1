from odoo import _, api, fields, models


class DealerJobCallback(models.TransientModel):
    """Log one call attempt of a job's callback phase."""

    _name = "dealer.job.callback"
    _description = "Job Call Attempt"

    job_id = fields.Many2one("dealer.job", required=True, ondelete="cascade")
    outcome = fields.Selection(
        [
            ("reached", "Reached"),
            ("no_answer", "No Answer"),
            ("busy", "Busy"),
            ("voicemail", "Voicemail"),
            ("wrong_number", "Wrong Number"),
        ],
        required=True,
        default="reached",
    )
    wishes = fields.Text(string="Customer's Wishes")
    call_back = fields.Boolean(string="Call Back", compute="_compute_call_back", store=True, readonly=False)
    call_back_date = fields.Date(default=lambda self: fields.Date.context_today(self))

    @api.depends("outcome")
    def _compute_call_back(self):
        for wizard in self:
            wizard.call_back = wizard.outcome in ("no_answer", "busy", "voicemail")

    def action_log(self):
        self.ensure_one()
        job = self.job_id
        job._dealer_start("callback")
        job._check_open()
        outcome = dict(self._fields["outcome"]._description_selection(self.env))[self.outcome]
        body = _("Call attempt: %(outcome)s", outcome=outcome)
        if self.wishes:
            body += "\n" + _("Wishes: %(wishes)s", wishes=self.wishes)
        job.message_post(body=body, message_type="comment", subtype_xmlid="mail.mt_note")
        if self.call_back:
            job.activity_schedule(
                "mail.mail_activity_data_call",
                date_deadline=self.call_back_date,
                summary=_("Call back %(partner)s", partner=job.partner_id.display_name),
                note=self.wishes or "",
                user_id=(job.user_id or self.env.user).id,
            )
        if self.call_back:
            job._set_progress("callback")
        elif self.outcome == "reached":  # the call back is done
            job.activity_feedback(["mail.mail_activity_data_call"], feedback=body)
        return {"type": "ir.actions.act_window_close"}
