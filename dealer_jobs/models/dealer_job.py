from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .dealer_job_phase import PROCESSES

STATUSES = [
    ("new", "New"),
    ("callback", "Callback Requested"),
    ("offered", "Offered"),
    ("ordered", "Ordered"),
    ("sold", "Sold"),
    ("lost", "Lost"),
]
OPEN_STATUSES = ("new", "callback", "offered", "ordered")
# processing colour: red = nothing done yet, orange = in progress, green = done, black = sold
COLOR_BY_STATUS = {
    "new": "red",
    "callback": "orange",
    "offered": "orange",
    "ordered": "green",
    "lost": "green",
    "sold": "black",
}


class DealerJob(models.Model):
    """A car deal: one vehicle, one customer, one process (sale or trade-in purchase)."""

    _name = "dealer.job"
    _description = "Job"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin", "utm.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", required=True, copy=False, readonly=True, default="/", index="trigram")
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    vehicle_id = fields.Many2one(
        "fleet.vehicle", string="Vehicle", required=True, tracking=True, index=True, check_company=True
    )
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, tracking=True, index=True)
    process = fields.Selection(PROCESSES, required=True, default="sale", tracking=True)
    is_trade_in = fields.Boolean(
        string="Trade-in / Purchase",
        help="Tick to buy the car from the customer: activating the settings phase switches the job "
        "to the purchase process and its phases.",
    )
    phase_id = fields.Many2one(
        "dealer.job.phase",
        string="Phase",
        tracking=True,
        index=True,
        domain="[('process', '=', process)]",
        group_expand="_read_group_expand_phases",
        compute="_compute_phase_id",
        store=True,
        readonly=False,
    )
    phase_kind = fields.Selection(related="phase_id.kind")
    status = fields.Selection(STATUSES, required=True, default="new", tracking=True, index=True)
    origin = fields.Selection(
        [
            ("manual", "Manual"),
            ("internet", "Internet"),
            ("callback", "Callback"),
            ("supplier_order", "Supplier Order"),
            ("duplicate", "Duplicate"),
        ],
        required=True,
        default="manual",
        tracking=True,
    )
    duplicate_of_id = fields.Many2one("dealer.job", string="Duplicate Of", readonly=True, copy=False)
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
    )
    warehouse_id = fields.Many2one("stock.warehouse", string="Branch", check_company=True)
    lead_id = fields.Many2one("crm.lead", string="Inquiry", copy=False, index="btree_not_null")
    note_internal = fields.Text(string="Internal Remark", help="For the team only: never printed on any document.")
    line_ids = fields.One2many("dealer.job.line", "job_id", string="Items", copy=True)
    amount_untaxed = fields.Monetary(compute="_compute_amounts", store=True)
    amount_total = fields.Monetary(compute="_compute_amounts", store=True)
    sale_order_ids = fields.One2many("sale.order", "dealer_job_id", string="Quotations")
    purchase_order_ids = fields.One2many("purchase.order", "dealer_job_id", string="Purchases")
    invoice_ids = fields.One2many("account.move", "dealer_job_id", string="Invoices and Bills")
    sale_order_count = fields.Integer(compute="_compute_counts")
    purchase_order_count = fields.Integer(compute="_compute_counts")
    invoice_count = fields.Integer(compute="_compute_counts")
    document_count = fields.Integer(compute="_compute_counts")
    color_state = fields.Selection(
        [("red", "Nothing done yet"), ("orange", "In progress"), ("green", "Done"), ("black", "Sold")],
        string="Processing",
        compute="_compute_color_state",
        store=True,
    )
    # the car, printed on documents
    vehicle_vin = fields.Char(related="vehicle_id.vin_sn", string="VIN")
    vehicle_plate = fields.Char(related="vehicle_id.license_plate", string="Licence Plate")

    @api.model
    def _read_group_expand_phases(self, phases, domain):
        process = self.env.context.get("default_process")
        return phases.search([("process", "=", process)] if process else [])

    # ------------------------------------------------------------------
    # computes
    @api.depends("process")
    def _compute_phase_id(self):
        """Entering a process (or switching it) puts the job on that process's phase of the same kind."""
        phases = self.env["dealer.job.phase"].search([])
        for job in self:
            if job.phase_id.process == job.process:
                continue
            candidates = phases.filtered(lambda phase, job=job: phase.process == job.process)
            same_kind = candidates.filtered(lambda phase, job=job: phase.kind == job.phase_id.kind)
            job.phase_id = (same_kind or candidates)[:1]

    @api.depends("status")
    def _compute_color_state(self):
        for job in self:
            job.color_state = COLOR_BY_STATUS[job.status]

    @api.depends("line_ids.price_subtotal", "line_ids.price_total")
    def _compute_amounts(self):
        for job in self:
            job.amount_untaxed = sum(job.line_ids.mapped("price_subtotal"))
            job.amount_total = sum(job.line_ids.mapped("price_total"))

    def _compute_counts(self):
        counts = dict.fromkeys(self.ids, 0)
        owner = {}  # (res_model, res_id) -> job id
        for job in self:
            owner[self._name, job.id] = job.id
            owner.update({("sale.order", order.id): job.id for order in job.sale_order_ids})
            owner.update({("account.move", move.id): job.id for move in job.invoice_ids})
        for res_model, res_id, count in self.env["ir.attachment"]._read_group(
            self._documents_domain(), ["res_model", "res_id"], ["__count"]
        ):
            if (res_model, res_id) in owner:
                counts[owner[res_model, res_id]] += count
        for job in self:
            job.sale_order_count = len(job.sale_order_ids)
            job.purchase_order_count = len(job.purchase_order_ids)
            job.invoice_count = len(job.invoice_ids)
            job.document_count = counts.get(job.id, 0)

    def _documents_domain(self):
        """The job's documents: attached to the jobs, their quotations/orders and their invoices/bills."""
        return [
            "|",
            "|",
            "&",
            ("res_model", "=", self._name),
            ("res_id", "in", self.ids),
            "&",
            ("res_model", "=", "sale.order"),
            ("res_id", "in", self.sale_order_ids.ids),
            "&",
            ("res_model", "=", "account.move"),
            ("res_id", "in", self.invoice_ids.ids),
        ]

    # ------------------------------------------------------------------
    # create / duplicates / deletion
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("vehicle_id") or not vals.get("partner_id"):
                raise ValidationError(_("A job needs a vehicle and a customer."))
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.job") or "/"
        jobs = super().create(vals_list)
        jobs._mark_duplicates()
        return jobs

    def _mark_duplicates(self):
        """A second open job for the same vehicle and customer is a duplicate of the first,
        also when the first belongs to a colleague the user cannot see."""
        open_jobs = self.sudo().search(
            [
                ("vehicle_id", "in", self.vehicle_id.ids),
                ("partner_id", "in", self.partner_id.ids),
                ("status", "in", OPEN_STATUSES),
            ],
            order="id",
        )
        first_by_key = {}
        for job in open_jobs:
            first_by_key.setdefault((job.vehicle_id.id, job.partner_id.id), job)
        for job in self:
            original = first_by_key.get((job.vehicle_id.id, job.partner_id.id))
            if original and original.id != job.id:
                job.write({"origin": "duplicate", "duplicate_of_id": original.id})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted_invoices(self):
        posted = self.filtered(lambda job: any(move.state == "posted" for move in job.invoice_ids))
        if posted:
            raise UserError(
                _(
                    "Job %(job)s has posted invoices or bills and cannot be deleted: archive it instead.",
                    job=posted[0].name,
                )
            )

    # ------------------------------------------------------------------
    # rights
    def _check_job_right(self, action):
        """The one permission check in front of every ``action_*``: the user must be allowed to
        edit the jobs (salespeople their own, sales managers all). ``action`` names the step for
        overrides that need finer rights."""
        self.check_access("write")

    # ------------------------------------------------------------------
    # status
    def _set_status(self, status):
        self.filtered(lambda job: job.status != status).write({"status": status})

    def action_mark_sold(self):
        self._check_job_right("status")
        self._set_status("sold")

    def action_mark_lost(self):
        self._check_job_right("status")
        self._set_status("lost")

    def action_reopen(self):
        self._check_job_right("status")
        self._set_status("new")

    # ------------------------------------------------------------------
    # phases
    def action_next_phase(self):
        """Move to the next phase of the process and activate it."""
        self._check_job_right("phase")
        self.ensure_one()
        phases = self.env["dealer.job.phase"].search([("process", "=", self.process)])
        following = phases.filtered(
            lambda phase: (phase.sequence, phase.id) > (self.phase_id.sequence, self.phase_id.id)
        )
        if not following:
            raise UserError(_("Job %(job)s is in the last phase of its process.", job=self.name))
        self.phase_id = following[0]
        return self.action_activate_phase()

    def action_activate_phase(self):
        """Run the action of the job's current phase (by its kind)."""
        self._check_job_right("phase")
        self.ensure_one()
        phase = self.phase_id
        if not phase:
            raise UserError(_("Job %(job)s has no phase to activate.", job=self.name))
        if phase.process != self.process:
            raise UserError(
                _(
                    "Phase %(phase)s belongs to the %(other)s process, job %(job)s to the %(process)s process.",
                    phase=phase.name,
                    other=dict(PROCESSES)[phase.process],
                    job=self.name,
                    process=dict(PROCESSES)[self.process],
                )
            )
        result = getattr(self, f"_activate_{phase.kind}")(phase)
        self.message_post(body=_("Phase %(phase)s activated.", phase=phase.name))
        return result

    def _activate_settings(self, phase):
        process = "purchase" if self.is_trade_in else "sale"
        if process != self.process:
            self.process = process  # recomputes the phase: same kind in the other process
        return True

    def _activate_callback(self, phase):
        return {
            "type": "ir.actions.act_window",
            "name": _("Log a Call"),
            "res_model": "dealer.job.callback",
            "view_mode": "form",
            "target": "new",
            "context": {"default_job_id": self.id},
        }

    def _activate_offer(self, phase):
        self._check_partner_email(phase)
        if self.process == "sale":
            self._dealer_quotation()
        attachment = self._attach_document(
            phase.report_id or self.env.ref("dealer_jobs.action_report_dealer_job_offer")
        )
        self._set_status("offered")
        return self._mail_action(phase, attachment)

    def _activate_order(self, phase):
        quotations = self.sale_order_ids.filtered(lambda order: order.state in ("draft", "sent"))
        if not quotations and not self.sale_order_ids.filtered(lambda order: order.state == "sale"):
            raise UserError(_("Job %(job)s has no quotation to confirm: activate the offer first.", job=self.name))
        quotations.action_confirm()
        self._set_status("ordered")
        return self._custom_documents(phase)

    def _activate_invoice(self, phase):
        orders = self.sale_order_ids.filtered(lambda order: order.state == "sale")
        if not orders:
            raise UserError(_("Job %(job)s has no confirmed order to invoice.", job=self.name))
        orders._create_invoices()  # linked to the job by sale.order._prepare_invoice
        self._set_status("sold")
        return self._custom_documents(phase)

    def _activate_credit_note(self, phase):
        if self.process != "purchase":
            raise UserError(
                _("A credit note is made for a trade-in (purchase) job only, not for %(job)s.", job=self.name)
            )
        if not self.line_ids:
            raise UserError(_("Add the items to credit on job %(job)s first.", job=self.name))
        self._check_partner_email(phase)
        bill = self._dealer_credit_note()
        attachment = self._attach_document(
            phase.report_id or self.env.ref("dealer_jobs.action_report_dealer_credit_note"), bill
        )
        self._set_status("sold")
        return self._mail_action(phase, attachment)

    def _activate_contract(self, phase):
        if self.process != "purchase":
            raise UserError(
                _("A purchase contract is made for a trade-in (purchase) job only, not for %(job)s.", job=self.name)
            )
        self._check_partner_email(phase)
        attachment = self._attach_document(
            phase.report_id or self.env.ref("dealer_jobs.action_report_dealer_job_contract")
        )
        self._set_status("ordered")
        return self._mail_action(phase, attachment)

    def _activate_custom(self, phase):
        return self._custom_documents(phase)

    def _custom_documents(self, phase):
        if not phase.report_id and not phase.mail_template_id:
            return True
        self._check_partner_email(phase)
        attachment = self._attach_document(phase.report_id) if phase.report_id else self.env["ir.attachment"]
        return self._mail_action(phase, attachment)

    # ------------------------------------------------------------------
    # documents and mails
    def _check_partner_email(self, phase):
        if phase.send_on_activation and not self.partner_id.email:
            raise UserError(
                _(
                    'Customer %(partner)s has no e-mail address: add one, or untick "send on activation" '
                    "on phase %(phase)s to only produce the document.",
                    partner=self.partner_id.display_name,
                    phase=phase.name,
                )
            )

    def _attach_document(self, report, record=None):
        """Render ``report`` for ``record`` (default: the job) and attach the PDF to the job."""
        record = record or self
        if report.model != record._name:
            record = {"sale.order": self.sale_order_ids[:1], "account.move": self.invoice_ids[:1]}.get(report.model)
            if not record:
                raise UserError(
                    _("Document %(report)s has nothing to print for job %(job)s.", report=report.name, job=self.name)
                )
        pdf, _format = self.env["ir.actions.report"]._render_qweb_pdf(report, record.ids)
        return self.env["ir.attachment"].create(
            {
                "name": f"{report.name} {self.name}.pdf".replace("/", "-"),
                "type": "binary",
                "raw": pdf,
                "mimetype": "application/pdf",
                "res_model": self._name,
                "res_id": self.id,
            }
        )

    def _mail_action(self, phase, attachment):
        """The mail composer, prefilled and editable, when the phase sends on activation."""
        if not phase.send_on_activation:
            return True
        template = phase.mail_template_id or self.env.ref("dealer_jobs.mail_template_dealer_job_document")
        return {
            "type": "ir.actions.act_window",
            "name": _("Send %(phase)s", phase=phase.name),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_attachment_ids": [fields.Command.set(attachment.ids)],
                "default_partner_ids": self.partner_id.ids,
                "force_email": True,
            },
        }

    def _dealer_quotation(self):
        """The job's open quotation, created from its items when there is none."""
        quotation = self.sale_order_ids.filtered(lambda order: order.state in ("draft", "sent"))[:1]
        if quotation:
            return quotation
        if not self.line_ids:
            raise UserError(_("Add the items to offer on job %(job)s first.", job=self.name))
        vals = {
            "partner_id": self.partner_id.id,
            "user_id": self.user_id.id,
            "company_id": self.company_id.id,
            "dealer_job_id": self.id,
            "campaign_id": self.campaign_id.id,
            "source_id": self.source_id.id,
            "medium_id": self.medium_id.id,
            "order_line": [fields.Command.create(line._prepare_order_line()) for line in self.line_ids],
        }
        if self.warehouse_id:
            vals["warehouse_id"] = self.warehouse_id.id
        return self.env["sale.order"].create(vals)

    def _dealer_credit_note(self):
        """Post the self-billing credit note: a vendor bill to the customer for the traded-in car."""
        bill = (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "in_invoice",
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "invoice_date": fields.Date.context_today(self),
                    "ref": _("Credit note %(job)s", job=self.name),
                    "dealer_job_id": self.id,
                    "invoice_line_ids": [fields.Command.create(line._prepare_bill_line()) for line in self.line_ids],
                }
            )
        )
        bill.action_post()
        return bill.with_env(self.env)

    # ------------------------------------------------------------------
    # smart buttons
    def action_view_sale_orders(self):
        return self._action_view(self.sale_order_ids, "sale.action_quotations_with_onboarding")

    def action_view_purchase_orders(self):
        return self._action_view(self.purchase_order_ids, "purchase.purchase_rfq")

    def action_view_invoices(self):
        return self._action_view(self.invoice_ids, "account.action_move_in_invoice_type")

    def _action_view(self, records, xmlid):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("id", "in", records.ids)]
        action["context"] = {"create": False}
        return action

    def action_view_documents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Documents"),
            "res_model": "ir.attachment",
            "view_mode": "kanban,list,form",
            "domain": self._documents_domain(),
            "context": {"default_res_model": self._name, "default_res_id": self.id, "create": False},
        }
