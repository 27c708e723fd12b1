from odoo import fields, models

PROCESSES = [("sale", "Sale"), ("purchase", "Purchase (Trade-in)")]


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
            ("invoice", "Invoice"),
            ("credit_note", "Credit Note"),
            ("contract", "Purchase Contract"),
            ("custom", "Custom"),
        ],
        required=True,
        default="custom",
        help="What activating the phase does: settings apply the trade-in switch, callback logs a call, "
        "offer produces and sends the offer, order confirms the quotation, invoice invoices it, "
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
