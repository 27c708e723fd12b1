from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .dealer_job_phase import PROCESSES

# Where the salesperson has brought the deal; written by the job's actions only.
PROGRESS = [
    ("new", "New"),
    ("callback", "Callback Requested"),
    ("offered", "Offered"),
    ("ordered", "Ordered"),
]
STATUSES = [*PROGRESS, ("sold", "Sold"), ("lost", "Lost")]
OPEN_STATUSES = ("new", "callback", "offered", "ordered")
# processing colour: red = nothing done yet, orange = in progress, green = done, black = sold
COLOR_BY_STATUS = {
    "new": "red",
    "callback": "orange",
    "offered": "orange",
    "ordered": "green",
    "lost": "grey",
    "sold": "black",
}
# the customer document that closes the deal, per process: its posting makes the job Sold
CLOSING_MOVE_TYPE = {"sale": "out_invoice", "purchase": "in_invoice"}
# fields only the job's own actions write (``_dealer_write`` of dealer.action.mixin)
STATE_FIELDS = {"status", "progress", "lost", "dealer_mail_progress"}
# what each action of ``_check_job_right`` needs beyond editing the job (Odoo's own groups)
ACTION_GROUPS = {
    "status": None,
    "phase": None,
    "callback": None,
    "purchase": None,  # the trade-in purchase of one's own job: rights on those orders only (ir.rule)
    "post": "account.group_account_invoice",
}


class DealerJob(models.Model):
    """A car deal: one vehicle, one customer, one process (sale or trade-in purchase)."""

    _name = "dealer.job"
    _description = "Job"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "utm.mixin",
        "dealer.action.mixin",
        "dealer.document.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    _dealer_action_fields = STATE_FIELDS

    name = fields.Char(string="Number", required=True, copy=False, readonly=True, default="/", index="trigram")
    dealer_mail_progress = fields.Selection(
        PROGRESS,
        string="Progress Once Mailed",
        copy=False,
        readonly=True,
        help="The progress the job reaches when the mail of its activated phase is sent "
        "(an offer is made by sending it).",
    )
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    vehicle_id = fields.Many2one(
        "fleet.vehicle", string="Vehicle", required=True, tracking=True, index=True, check_company=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, tracking=True, index=True, check_company=True
    )
    process = fields.Selection(PROCESSES, required=True, default="sale", tracking=True)
    is_trade_in = fields.Boolean(
        string="Trade-in / Purchase",
        compute="_compute_is_trade_in",
        inverse="_inverse_is_trade_in",
        search="_search_is_trade_in",
        help="Buy the car from the customer: the job follows the purchase process and its phases. "
        "Same as choosing the Purchase process.",
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
    progress = fields.Selection(PROGRESS, required=True, default="new", readonly=True, copy=False)
    lost = fields.Boolean(readonly=True, copy=False)
    status = fields.Selection(
        STATUSES,
        compute="_compute_status",
        store=True,
        tracking=True,
        index=True,
        help="Follows the job's actions and documents: Sold once the customer invoice (sale) or the "
        "self-billing credit note (trade-in) is posted.",
    )
    waiting_for_posting = fields.Boolean(
        compute="_compute_status",
        store=True,
        help="The job's invoice or credit note is a draft: a user with invoicing rights posts it.",
    )
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
    duplicate_of_id = fields.Many2one(
        "dealer.job",
        string="Duplicate Of",
        readonly=True,
        copy=False,
        groups="dealer_jobs.group_dealer_sales_manager",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
    )
    warehouse_id = fields.Many2one("stock.warehouse", string="Branch", check_company=True)
    lead_id = fields.Many2one("crm.lead", string="Inquiry", copy=False, index="btree_not_null", check_company=True)
    note_internal = fields.Text(string="Internal Remark", help="For the team only: never printed on any document.")
    fiscal_position_id = fields.Many2one(
        "account.fiscal.position",
        string="Fiscal Position",
        compute="_compute_fiscal_position_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        help="Maps the products' taxes, as on the quotation or purchase order the job makes. "
        "The default comes from the customer.",
    )
    line_ids = fields.One2many("dealer.job.line", "job_id", string="Items", copy=True)
    amount_untaxed = fields.Monetary(compute="_compute_amounts", store=True)
    amount_tax = fields.Monetary(string="Taxes", compute="_compute_amounts", store=True)
    amount_total = fields.Monetary(compute="_compute_amounts", store=True)
    tax_totals = fields.Binary(compute="_compute_tax_totals", exportable=False)
    sale_order_ids = fields.One2many("sale.order", "dealer_job_id", string="Quotations")
    purchase_order_ids = fields.One2many("purchase.order", "dealer_job_id", string="Purchases")
    invoice_ids = fields.One2many("account.move", "dealer_job_id", string="Invoices and Bills")
    sale_order_count = fields.Integer(compute="_compute_counts")
    delivery_count = fields.Integer(compute="_compute_counts")
    purchase_order_count = fields.Integer(compute="_compute_counts")
    invoice_count = fields.Integer(compute="_compute_counts")
    document_count = fields.Integer(compute="_compute_counts")
    color_state = fields.Selection(
        [
            ("red", "Nothing done yet"),
            ("orange", "In progress"),
            ("green", "Done"),
            ("black", "Sold"),
            ("grey", "Lost"),
        ],
        string="Processing",
        compute="_compute_color_state",
        store=True,
    )
    # the car, printed on documents
    vehicle_vin = fields.Char(related="vehicle_id.vin_sn", string="VIN")
    vehicle_plate = fields.Char(related="vehicle_id.license_plate", string="Licence Plate")

    @api.model
    def _read_group_expand_phases(self, phases, domain):
        """A board shows every phase of its process; without one process, the phases in use only
        (never the Settings column of both processes side by side)."""
        process = self.env.context.get("default_process")
        return phases.search([("process", "=", process)]) if process else phases

    # ------------------------------------------------------------------
    # computes
    @api.depends("process")
    def _compute_is_trade_in(self):
        for job in self:
            job.is_trade_in = job.process == "purchase"

    def _inverse_is_trade_in(self):
        for job in self:
            process = "purchase" if job.is_trade_in else "sale"
            if job.process != process:
                job.process = process

    def _search_is_trade_in(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Search the trade-in flag with = or != only."))
        return [("process", "=" if (operator == "=") == bool(value) else "!=", "purchase")]

    @api.onchange("is_trade_in")
    def _onchange_is_trade_in(self):
        self._inverse_is_trade_in()  # the form switches the process (and its phases) at once

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

    @api.depends(
        "progress",
        "lost",
        "process",
        "invoice_ids.state",
        "invoice_ids.move_type",
        "invoice_ids.payment_state",
    )
    def _compute_status(self):
        for job in self:
            closing = job.invoice_ids.filtered(
                lambda move, job=job: move.move_type == CLOSING_MOVE_TYPE[job.process]
                and move.state != "cancel"
                and move.payment_state != "reversed"
                and not move._is_downpayment()  # a deposit does not sell the car
            )
            posted = closing.filtered(lambda move: move.state == "posted")
            job.waiting_for_posting = bool(closing) and not posted
            if job.lost:
                job.status = "lost"
            elif posted:
                job.status = "sold"
            else:
                job.status = job.progress

    @api.depends("status")
    def _compute_color_state(self):
        for job in self:
            job.color_state = COLOR_BY_STATUS[job.status]

    @api.depends("partner_id", "company_id")
    def _compute_fiscal_position_id(self):
        for job in self:
            job.fiscal_position_id = (
                self.env["account.fiscal.position"].with_company(job.company_id)._get_fiscal_position(job.partner_id)
                if job.partner_id
                else False
            )

    def _dealer_tax_totals(self):
        """Odoo's own tax computation over the job's items, as a quotation computes its totals."""
        self.ensure_one()
        AccountTax = self.env["account.tax"]
        base_lines = [line._prepare_base_line_for_taxes_computation() for line in self.line_ids]
        AccountTax._add_tax_details_in_base_lines(base_lines, self.company_id)
        AccountTax._round_base_lines_tax_details(base_lines, self.company_id)
        return AccountTax._get_tax_totals_summary(
            base_lines=base_lines, currency=self.currency_id, company=self.company_id
        )

    @api.depends("line_ids.price_subtotal", "line_ids.price_total", "line_ids.tax_ids", "currency_id", "company_id")
    def _compute_amounts(self):
        for job in self:
            totals = job._dealer_tax_totals()
            job.amount_untaxed = totals["base_amount_currency"]
            job.amount_tax = totals["tax_amount_currency"]
            job.amount_total = totals["total_amount_currency"]

    @api.depends_context("lang")
    @api.depends("line_ids.price_subtotal", "line_ids.tax_ids", "currency_id", "company_id")
    def _compute_tax_totals(self):
        for job in self:
            job.tax_totals = job._dealer_tax_totals()

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
            job.delivery_count = len(job._dealer_deliveries())
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
    # create / write / duplicates / deletion
    @api.model_create_multi
    def create(self, vals_list):
        context = self.env.context
        for vals in vals_list:
            if not vals.get("vehicle_id", context.get("default_vehicle_id")) or not vals.get(
                "partner_id", context.get("default_partner_id")
            ):
                raise ValidationError(_("A job needs a vehicle and a customer."))
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.job") or "/"
        jobs = super().create(vals_list)
        jobs._mark_duplicates()
        return jobs

    def write(self, vals):
        if "process" in vals:
            switching = self.filtered(lambda job: job.process != vals["process"])
            if any(switching._dealer_documents()):
                raise UserError(
                    _(
                        "Job %(job)s already has quotations, purchases or invoices: "
                        "start a new job for the other process.",
                        job=switching[0].name,
                    )
                )
        return super().write(vals)

    def _dealer_documents(self):
        """Every non-cancelled quotation, purchase and invoice of the jobs, whatever the user may read."""
        jobs = self.sudo()  # sudo: guards must see documents the user has no right to read
        return (
            jobs.sale_order_ids.filtered(lambda order: order.state != "cancel"),
            jobs.purchase_order_ids.filtered(lambda order: order.state != "cancel"),
            jobs.invoice_ids.filtered(lambda move: move.state != "cancel"),
        )

    def _mark_duplicates(self):
        """A second open job for the same vehicle and customer is a duplicate of the first,
        also when the first belongs to a colleague the user cannot see (who then sees the
        Duplicate origin, not the colleague's job)."""
        open_jobs = self.sudo().search(  # sudo: detect colleagues' jobs; only the flag is shown
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
                job.sudo().write(  # sudo: duplicate_of_id is readable by sales managers only
                    {"origin": "duplicate", "duplicate_of_id": original.id}
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted_documents(self):
        for job in self:
            _orders, _purchases, moves = job._dealer_documents()
            if moves.filtered(lambda move: move.state == "posted"):
                raise UserError(
                    _(
                        "Job %(job)s has posted invoices or bills and cannot be deleted: archive it instead.",
                        job=job.name,
                    )
                )

    # ------------------------------------------------------------------
    # rights and state
    def _check_job_right(self, action):
        """The one permission check in front of every ``action_*``.

        Every action edits the job (salespeople their own, sales managers all); some also need
        an Odoo right (``ACTION_GROUPS``): posting needs Invoicing.
        """
        if action not in ACTION_GROUPS:
            raise ValueError(f"unknown job action {action!r}")
        self.check_access("write")
        group = ACTION_GROUPS[action]
        if group and not self.env.user.has_group(group):
            raise AccessError(
                _(
                    "%(user)s may not do this on job %(job)s: it needs the right “%(group)s”.",
                    user=self.env.user.name,
                    job=", ".join(self.mapped("name")),
                    group=self.env.ref(group).full_name,
                )
            )

    def _dealer_start(self, action):
        """Rights, row lock, then fresh state: the start of every state-changing action."""
        self._check_job_right(action)
        self._dealer_lock()

    def _check_open(self):
        closed = self.filtered(lambda job: job.status not in OPEN_STATUSES)
        if closed:
            raise UserError(
                _(
                    "Job %(job)s is %(status)s: nothing more is done on it.",
                    job=closed[0].name,
                    status=dict(self._fields["status"]._description_selection(self.env))[closed[0].status],
                )
            )

    def _set_progress(self, progress):
        """Record how far the deal went (never backwards, never on a closed job)."""
        order = [key for key, _label in PROGRESS]
        jobs = self.filtered(lambda job: order.index(job.progress) < order.index(progress))
        jobs._dealer_write({"progress": progress})

    def action_mark_lost(self):
        self._dealer_start("status")
        self.filtered(lambda job: job.status == "sold")._check_open()
        self.filtered(lambda job: not job.lost)._dealer_write({"lost": True})
        self.activity_unlink(["mail.mail_activity_data_call", "mail.mail_activity_data_todo"])

    def action_reopen(self):
        self._dealer_start("status")
        self.filtered(lambda job: job.status == "sold")._check_open()
        self.filtered("lost")._dealer_write({"lost": False})

    # ------------------------------------------------------------------
    # phases
    def action_next_phase(self):
        """Move to the next phase of the process and activate it."""
        self.ensure_one()
        self._dealer_start("phase")
        self._check_open()
        phases = self.env["dealer.job.phase"].search([("process", "=", self.process)])
        following = phases.filtered(
            lambda phase: (phase.sequence, phase.id) > (self.phase_id.sequence, self.phase_id.id)
        )
        if not following:
            raise UserError(_("Job %(job)s is in the last phase of its process.", job=self.name))
        self.phase_id = following[0]
        return self._dealer_activate()

    def action_activate_phase(self):
        """Run the action of the job's current phase (by its kind)."""
        self.ensure_one()
        self._dealer_start("phase")
        self._check_open()
        return self._dealer_activate()

    def _dealer_activate(self):
        phase = self.phase_id
        if not phase:
            raise UserError(_("Job %(job)s has no phase to activate.", job=self.name))
        if self.dealer_mail_progress:  # a mail left unsent by an earlier activation no longer counts
            self._dealer_write({"dealer_mail_progress": False})
        result = phase._dealer_run(self)
        if phase.kind != "callback":  # the call wizard logs the call itself, or nothing when cancelled
            self.message_post(body=_("Phase %(phase)s activated.", phase=phase.name))
        return result

    def _dealer_offer(self):
        return self._dealer_quotation() if self.process == "sale" else self

    def _dealer_confirm_order(self):
        orders, _purchases, _moves = self._dealer_documents()
        quotations = self.sale_order_ids.filtered(lambda order: order.state in ("draft", "sent"))
        if quotations:
            self._dealer_quotation()  # a draft takes the job's items as they are now
        if not quotations and not orders.filtered(lambda order: order.state == "sale"):
            raise UserError(_("Job %(job)s has no quotation to confirm: activate the offer first.", job=self.name))
        quotations.action_confirm()
        return orders.with_env(self.env)

    def _dealer_invoice(self):
        _orders, _purchases, moves = self._dealer_documents()
        invoice = moves.filtered(lambda move: move.move_type == "out_invoice" and not move._is_downpayment())[:1]
        if not invoice:
            orders = self.sale_order_ids.filtered(lambda order: order.state == "sale")
            if not orders:
                raise UserError(_("Job %(job)s has no confirmed order to invoice.", job=self.name))
            # as Odoo's invoicing wizard does (sale.advance.payment.inv, 'delivered', deduct down payments):
            # posted down payments are deducted; linked to the job by sale.order._prepare_invoice
            invoice = orders._create_invoices(final=True)
        return invoice.with_env(self.env)

    def _dealer_phase_document(self, phase, record, default_report, progress):
        """The common end of a phase: print its document for ``record`` (the phase's own template
        first), record the progress, and open the mail to the customer when the phase sends."""
        report = phase.report_id or (default_report and self.env.ref(default_report))
        attachment = self.env["ir.attachment"]
        if report:
            attachment = self._dealer_attach_report(report, self._dealer_report_record(report, record))
        sends = phase.send_on_activation and (report or phase.mail_template_id)
        # an offer is made by sending it: its progress is recorded when the mail goes out
        # (mail.compose.message), not if the mail is discarded; other phases made their document
        deferred = sends and phase.kind == "offer"
        if progress and not deferred:
            self._set_progress(progress)
        if not sends:
            return True
        action = self._dealer_mail_action(
            self._dealer_phase_mail_template(), attachment, _("Send %(phase)s", phase=phase.name)
        )
        if progress and deferred:
            self._dealer_write({"dealer_mail_progress": progress})
        return action

    def _dealer_phase_mail_template(self):
        self.ensure_one()
        return self.phase_id.mail_template_id or self.env.ref("dealer_jobs.mail_template_dealer_job_document")

    def _dealer_phase_mailed(self, template):
        """The mail of the activated phase (its ``template``) was sent on these jobs: they reach the
        progress the activation left pending. Called by the mail composer after sending; nothing in
        the composer's context moves progress, only what the job's own action recorded."""
        jobs = self.filtered(
            lambda job: job.dealer_mail_progress and template and template == job._dealer_phase_mail_template()
        )
        if not jobs:
            return
        jobs._dealer_start("phase")
        for job in jobs.filtered(lambda job: job.dealer_mail_progress and job.status in OPEN_STATUSES):
            progress = job.dealer_mail_progress
            job._dealer_write({"dealer_mail_progress": False})
            job._set_progress(progress)

    def _dealer_report_record(self, report, record):
        if record and record._name == report.model:
            return record
        target = {
            self._name: self,
            "sale.order": self.sale_order_ids.filtered(lambda order: order.state != "cancel")[:1],
            "account.move": self.invoice_ids.filtered(lambda move: move.state != "cancel")[:1],
        }.get(report.model)
        if not target:
            raise UserError(
                _("Document %(report)s has nothing to print for job %(job)s.", report=report.name, job=self.name)
            )
        return target

    # ------------------------------------------------------------------
    # the documents of the deal
    def _dealer_quotation(self):
        """The job's open quotation, created from its items when there is none."""
        quotation = self.sale_order_ids.filtered(lambda order: order.state in ("draft", "sent"))[:1]
        if quotation.state == "draft":  # the job's items are the source of truth of its draft quotation
            self._dealer_check_lines()
            quotation.write(
                {
                    "fiscal_position_id": self.fiscal_position_id.id,
                    "order_line": [fields.Command.clear()]
                    + [fields.Command.create(line._prepare_order_line(quotation)) for line in self.line_ids],
                }
            )
        if quotation:
            return quotation
        orders, _purchases, _moves = self._dealer_documents()
        if orders:
            raise UserError(
                _("Job %(job)s is already ordered: its order is %(order)s.", job=self.name, order=orders[0].name)
            )
        self._dealer_check_lines()
        vals = {
            "partner_id": self.partner_id.id,
            "user_id": self.user_id.id,
            "company_id": self.company_id.id,
            "fiscal_position_id": self.fiscal_position_id.id,
            "dealer_job_id": self.id,
            "campaign_id": self.campaign_id.id,
            "source_id": self.source_id.id,
            "medium_id": self.medium_id.id,
        }
        if self.warehouse_id:
            vals["warehouse_id"] = self.warehouse_id.id
        order = self.env["sale.order"].with_company(self.company_id).create(vals)
        # the lines once the order knows its pricelist currency: the job's prices are converted into it
        order.order_line = [fields.Command.create(line._prepare_order_line(order)) for line in self.line_ids]
        return order.with_env(self.env)

    def _dealer_purchase(self):
        """The trade-in's purchase order, confirmed: one line buys the car (its model's product,
        the agreed price), so its receipt puts the car into stock at that cost under its VIN."""
        self._check_job_right("purchase")
        _orders, purchases, _moves = self._dealer_documents()
        purchase = purchases[:1].with_env(self.env)
        if not purchase:
            self._dealer_check_lines()
            car_lines = self.line_ids.filtered(lambda line: line.product_id == self.vehicle_id.product_id)
            if len(car_lines) != 1 or car_lines.quantity != 1:
                raise UserError(
                    _(
                        "Job %(job)s buys one car: its items need exactly one line of quantity 1 "
                        "for %(car)s (product %(product)s).",
                        job=self.name,
                        car=self.vehicle_id.display_name,
                        product=self.vehicle_id.model_id._dealer_get_product().display_name,
                    )
                )
            vals = {
                "partner_id": self.partner_id.id,
                "user_id": self.user_id.id,
                "company_id": self.company_id.id,
                "fiscal_position_id": self.fiscal_position_id.id,
                "dealer_job_id": self.id,
                "origin": self.name,
            }
            if self.warehouse_id:
                vals["picking_type_id"] = self.warehouse_id.in_type_id.id
            purchase = self.env["purchase.order"].with_company(self.company_id).create(vals)
            # the lines once the order knows its currency: the job's prices are converted into it
            purchase.order_line = [
                fields.Command.create(line._prepare_purchase_line(purchase)) for line in self.line_ids
            ]
            purchase = purchase.with_env(self.env)
        if purchase.state in ("draft", "sent"):
            purchase.button_confirm()
        return purchase

    def _dealer_credit_note(self):
        """The self-billing credit note: the vendor bill of the trade-in's purchase order.

        Posted at once when the user holds Odoo's invoicing right; otherwise it stays a draft and
        the company's invoicing users get an activity to post it.
        """
        _orders, _purchases, moves = self._dealer_documents()
        bill = moves.filtered(lambda move: move.move_type == "in_invoice")[:1]
        if not bill:
            purchase = self._dealer_purchase()
            if purchase.invoice_status != "to invoice":
                raise UserError(
                    _(
                        "Nothing of purchase %(purchase)s can be billed yet: its products are billed on "
                        "received quantities, so receive the car of job %(job)s first.",
                        purchase=purchase.name,
                        job=self.name,
                    )
                )
            purchase.action_create_invoice()  # linked to the job by purchase.order._prepare_invoice
            bill = self.invoice_ids.filtered(lambda move: move.move_type == "in_invoice" and move.state == "draft")
            bill.write(
                {
                    "invoice_date": fields.Date.context_today(self),
                    "ref": _("Credit note %(job)s", job=self.name),
                }
            )
            if self.env.user.has_group("account.group_account_invoice"):
                bill.action_post()
            else:
                self._dealer_request_posting(bill)
        return bill.with_env(self.env)

    def _dealer_request_posting(self, moves):
        """An activity on each draft for each invoicing user of its company."""
        group = self.env.ref("account.group_account_invoice")
        for move in moves:
            users = self.env["res.users"].search(
                [("groups_id", "in", group.id), ("company_ids", "in", move.company_id.id), ("share", "=", False)]
            )
            for user in users:
                move.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=_("Post the credit note of job %(job)s", job=self.name),
                    note=_("%(user)s made this draft; posting needs invoicing rights.", user=self.env.user.name),
                    user_id=user.id,
                )

    def action_post_documents(self):
        """Post the job's draft invoice or credit note (Odoo's own posting and rights)."""
        self.ensure_one()
        self._dealer_start("post")
        drafts = self.invoice_ids.filtered(
            lambda move: move.state == "draft" and move.move_type == CLOSING_MOVE_TYPE[self.process]
        )
        if not drafts:
            raise UserError(_("Job %(job)s has no draft invoice or credit note to post.", job=self.name))
        drafts.action_post()
        drafts.activity_unlink(["mail.mail_activity_data_todo"])
        invoices = drafts.filtered(lambda move: move.move_type == "out_invoice")
        if invoices:
            return invoices.action_send_and_print()  # Odoo's own Send & Print: the customer gets the invoice
        return True

    def _dealer_check_lines(self):
        if not self.line_ids:
            raise UserError(_("Add the items of job %(job)s first.", job=self.name))

    # ------------------------------------------------------------------
    # smart buttons
    def action_view_sale_orders(self):
        return self._action_view(self.sale_order_ids, "sale.action_quotations_with_onboarding")

    def action_view_purchase_orders(self):
        return self._action_view(self.purchase_order_ids, "purchase.purchase_rfq")

    def action_view_invoices(self):
        xmlid = (
            "account.action_move_in_invoice_type"
            if self.process == "purchase"
            else "account.action_move_out_invoice_type"
        )
        return self._action_view(self.invoice_ids, xmlid)

    def _action_view(self, records, xmlid):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("id", "in", records.ids)]
        action["context"] = {"create": False}
        if len(records) == 1:
            action.update(views=[(False, "form")], view_mode="form", res_id=records.id)
        return action

    def _dealer_deliveries(self):
        return self.sale_order_ids.picking_ids.filtered(
            lambda picking: picking.picking_type_code == "outgoing" and picking.state != "cancel"
        )

    def action_view_deliveries(self):
        """The delivery of the job's car: its VIN is reserved, so validating needs no serial typed."""
        self.ensure_one()
        deliveries = self._dealer_deliveries()
        if not deliveries:
            raise UserError(_("Job %(job)s has nothing to deliver: confirm its order first.", job=self.name))
        if not self.env.user.has_group("stock.group_stock_user"):  # deliveries are validated by the warehouse
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "sticky": True,
                    "message": _(
                        "%(deliveries)s (%(state)s): an Inventory user validates the delivery of job %(job)s.",
                        deliveries=", ".join(deliveries.mapped("name")),
                        state=", ".join(
                            dict(deliveries._fields["state"]._description_selection(self.env))[state]
                            for state in set(deliveries.mapped("state"))
                        ),
                        job=self.name,
                    ),
                },
            }
        return self._action_view(deliveries, "stock.action_picking_tree_all")

    def action_view_documents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Documents"),
            "res_model": "ir.attachment",
            "view_mode": "kanban,list",
            "views": [(self.env.ref("dealer_jobs.view_dealer_job_document_kanban").id, "kanban"), (False, "list")],
            "domain": self._documents_domain(),
            "context": {"default_res_model": self._name, "default_res_id": self.id, "create": False},
        }
