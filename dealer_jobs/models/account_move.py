from odoo import _, api, fields, models
from odoo.exceptions import UserError

CREDIT_NOTE_SEQUENCE_CODE = "dealer.credit.note"


class AccountMove(models.Model):
    _inherit = "account.move"

    dealer_job_id = fields.Many2one("dealer.job", string="Job", index="btree_not_null", copy=False, readonly=True)
    dealer_credit_note_number = fields.Char(
        string="Credit Note Number",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The number of the self-billing credit note (Gutschrift) a trade-in's bill is printed as: "
        "given from the company's credit note sequence when the bill is first posted, kept ever after.",
    )

    _sql_constraints = [
        (
            "dealer_credit_note_number_unique",
            "UNIQUE(company_id, dealer_credit_note_number)",
            "A credit note number is given once per company.",
        ),
    ]

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
        posted._dealer_number_credit_notes()
        posted.filtered("dealer_job_id")._dealer_reprint_job_documents()
        posted._dealer_close_sold_jobs()
        return posted

    def _dealer_close_sold_jobs(self):
        """A job sold by this posting is done: its open to-dos and call backs are marked done."""
        jobs = self.dealer_job_id.sudo()  # sudo: the job's reminders end with the deal; accountants need not read jobs
        for job in jobs.filtered(lambda job: job.status == "sold" and job.activity_ids):
            moves = self.filtered(lambda move, job=job: move.dealer_job_id == job)
            job.activity_ids.action_feedback(
                feedback=_("The job is sold: %(moves)s posted.", moves=", ".join(moves.mapped("name")))
            )

    def _dealer_number_credit_notes(self):
        """The bill of a trade-in is the customer's self-billing credit note (Gutschrift): its
        first posting gives it the next number of its company's credit note sequence; posting it
        again after a reset to draft keeps that number."""
        credit_notes = self.filtered(
            lambda move: not move.dealer_credit_note_number
            and move.move_type == "in_invoice"
            and move.sudo().dealer_job_id.process == "purchase"  # sudo: accountants need not read jobs
        )
        for move in credit_notes:
            sequence = self._dealer_credit_note_sequence(move.company_id)
            move.dealer_credit_note_number = sequence.next_by_id(sequence_date=move.invoice_date or move.date)

    @api.model
    def _dealer_credit_note_sequence(self, company):
        """The credit note sequence of ``company``, made on its first credit note when missing
        (the data file makes the main company's; every company numbers its own)."""
        sequences = self.env["ir.sequence"].sudo()  # sudo: numbering configuration, as Odoo makes date ranges
        sequence = sequences.search(
            [("code", "=", CREDIT_NOTE_SEQUENCE_CODE), ("company_id", "=", company.id)], order="id", limit=1
        )
        if not sequence:
            sequence = sequences.create(
                {
                    "name": _("Credit Notes (self-billing) %(company)s", company=company.name),
                    "code": CREDIT_NOTE_SEQUENCE_CODE,
                    "company_id": company.id,
                    "prefix": "GS/%(range_year)s/",
                    "padding": 5,
                    "implementation": "no_gap",
                    "use_date_range": True,
                }
            )
        return sequence

    def _dealer_reprint_job_documents(self):
        """The job keeps the PDF of its invoice or credit note: printed again once the entry is
        posted, so that it shows the number and no longer reads draft."""
        phases = self.env["dealer.job.phase"].sudo()  # sudo: the phases' templates, whatever the user
        reports = phases.search([("report_id.model", "=", self._name)]).report_id
        reports |= self.env.ref("dealer_jobs.action_report_dealer_credit_note")
        for move in self:
            job = move.dealer_job_id.sudo()  # sudo: the job's copy follows the posting; accountants need not read jobs
            names = {f"{report.name} {job.display_name}.pdf".replace("/", "-"): report for report in reports}
            attachments = self.env["ir.attachment"].sudo()  # sudo: attachments of the job, as above
            printed = attachments.search(
                [("res_model", "=", job._name), ("res_id", "=", job.id), ("name", "in", list(names))]
            )
            for attachment in printed:
                job._dealer_attach_report(names[attachment.name], move)
