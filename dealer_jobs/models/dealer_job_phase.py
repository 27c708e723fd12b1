from odoo import _, fields, models
from odoo.exceptions import UserError

PROCESSES = [("sale", "Sale"), ("purchase", "Purchase (Trade-in)")]
# What activating a phase of each kind does (the callback kind opens its wizard instead):
# the process it is for, the job's method making its document, the default document
# template printed for it, and the progress of the deal once done.
KIND_STEPS = {
    "settings": (None, None, None, None),
    "offer": (None, "_dealer_offer", "dealer_jobs.action_report_dealer_job_offer", "offered"),
    "order": ("sale", "_dealer_confirm_order", None, "ordered"),
    "delivery": ("sale", None, None, None),  # opens the car's delivery, validated by a stock user
    "invoice": ("sale", "_dealer_invoice", None, "ordered"),
    "contract": ("purchase", "_dealer_purchase", "dealer_jobs.action_report_dealer_job_contract", "ordered"),
    "credit_note": ("purchase", "_dealer_credit_note", "dealer_jobs.action_report_dealer_credit_note", "ordered"),
    "custom": (None, None, None, None),
}


class DealerJobPhase(models.Model):
    """A step of a job's process. Phases are data: a new phase is a new record."""

    _name = "dealer.job.phase"
    _description = "Job Phase"
    _order = "process, sequence, id"

    name = fields.Char(required=True, translate=True)
    process = fields.Selection(PROCESSES, required=True, default="sale", index=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [
            ("settings", "Settings"),
            ("callback", "Callback"),
            ("offer", "Offer"),
            ("order", "Order"),
            ("delivery", "Delivery"),
            ("invoice", "Invoice"),
            ("credit_note", "Credit Note"),
            ("contract", "Purchase Contract"),
            ("custom", "Custom"),
        ],
        required=True,
        default="custom",
        help="What activating the phase does: settings apply the trade-in switch, callback logs a call, "
        "offer produces and sends the offer, order confirms the quotation, delivery opens the car's "
        "delivery, invoice invoices it, "
        "credit note posts the self-billing vendor bill, purchase contract prints the contract, "
        "custom prints and sends the phase's document if it has one.",
    )
    report_id = fields.Many2one(
        "ir.actions.report",
        string="Document Template",
        domain=[("model", "in", ("dealer.job", "account.move", "sale.order"))],
        help="Document produced and attached to the job when the phase is activated.",
    )
    mail_template_id = fields.Many2one("mail.template", string="Mail Template", domain=[("model", "=", "dealer.job")])
    send_on_activation = fields.Boolean(
        default=True,
        help="Open the mail to the customer, with the document attached, when the phase is activated. "
        "Untick to only produce and attach the document.",
    )
    fold = fields.Boolean(string="Folded in Kanban")
    active = fields.Boolean(default=True)
    job_count = fields.Integer(compute="_compute_job_count")

    def _compute_job_count(self):
        counts = dict(self.env["dealer.job"]._read_group([("phase_id", "in", self.ids)], ["phase_id"], ["__count"]))
        for phase in self:
            phase.job_count = counts.get(phase, 0)

    def _dealer_run(self, job):
        """Activate this phase on ``job``: make the kind's document, print and send it."""
        self.ensure_one()
        labels = dict(PROCESSES)
        if self.process != job.process:
            raise UserError(
                _(
                    "Phase %(phase)s belongs to the %(other)s process, job %(job)s to the %(process)s process.",
                    phase=self.name,
                    other=labels[self.process],
                    job=job.name,
                    process=labels[job.process],
                )
            )
        if self.kind == "callback":
            return {
                "type": "ir.actions.act_window",
                "name": _("Log a Call"),
                "res_model": "dealer.job.callback",
                "view_mode": "form",
                "target": "new",
                "context": {"default_job_id": job.id},
            }
        process, make, report, progress = KIND_STEPS[self.kind]
        if process and job.process != process:
            raise UserError(
                _(
                    "%(kind)s is made for a %(process)s job only, not for %(job)s.",
                    kind=dict(self._fields["kind"]._description_selection(self.env))[self.kind],
                    process=labels[process],
                    job=job.name,
                )
            )
        if self.kind == "delivery":
            orders, _purchases, _moves = job._dealer_documents()
            if not job._dealer_deliveries() and orders.filtered(lambda order: order.state == "sale"):
                return True  # services only: nothing to deliver
            return job.action_view_deliveries()
        if self.report_id or report:
            job._dealer_check_email(self.send_on_activation, self.name)
        record = getattr(job, make)() if make else None
        return job._dealer_phase_document(self, record, report, progress)
