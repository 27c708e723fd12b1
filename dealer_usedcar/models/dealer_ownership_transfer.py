from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

# days before the deadline at which the responsible user's activity is due
ACTIVITY_LEAD_DAYS = 3


class DealerOwnershipTransfer(models.Model):
    _name = "dealer.ownership.transfer"
    _description = "Ownership Transfer of a Sold Car"
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.action.mixin", "dealer.overdue.mixin"]
    _order = "date_deadline, id"
    _check_company_auto = True
    _dealer_action_fields = frozenset({"state", "date_done"})
    _dealer_overdue_state = "draft"  # not transferred by the deadline
    _dealer_overdue_field = "date_deadline"

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default=lambda self: _("New"))
    sale_id = fields.Many2one(
        "sale.order",
        string="Sale",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('dealer_approval_state', '=', 'approved')]",
    )
    company_id = fields.Many2one(related="sale_id.company_id", store=True, index=True, precompute=True)
    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Car",
        compute="_compute_from_sale",
        store=True,
        precompute=True,
        readonly=True,
        index="btree_not_null",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Buyer",
        compute="_compute_from_sale",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        compute="_compute_from_sale",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
        help="Who sees the transfer through: the salesperson of the sale.",
    )
    date_deadline = fields.Date(
        string="Deadline",
        compute="_compute_date_deadline",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
        help="Approval date of the sale plus the company's ownership transfer days.",
    )
    line_ids = fields.One2many("dealer.ownership.transfer.line", "transfer_id", string="Paperwork", copy=True)
    accessories = fields.Text(string="Accessories Handed Over", help="Keys, manuals, service book, tools, ...")
    state = fields.Selection(
        [("draft", "In Progress"), ("done", "Done"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date_done = fields.Date(string="Transferred on", readonly=True, copy=False)

    _sql_constraints = [
        ("sale_uniq", "UNIQUE(sale_id)", "A sale has one ownership transfer only."),
    ]

    @api.depends("sale_id")
    def _compute_from_sale(self):
        for transfer in self:
            sale = transfer.sale_id
            transfer.vehicle_id = sale.dealer_vehicle_id
            transfer.partner_id = sale.partner_id
            transfer.user_id = sale.user_id

    @api.depends("sale_id.dealer_approved_date")
    def _compute_date_deadline(self):
        """The approval date of the sale plus the company's days: a sale approved again (after an
        un-approval) moves the deadline of its reopened transfer."""
        for transfer in self:
            approved = transfer.sale_id.dealer_approved_date
            if not approved:
                continue  # un-approved: the cancelled transfer keeps its deadline
            days = (transfer.sale_id.company_id or self.env.company).dealer_transfer_days
            transfer.date_deadline = fields.Date.to_date(approved) + timedelta(days=days)

    @api.model
    def _default_line_commands(self):
        return [
            Command.create({"document_type": document_type, "mandatory": mandatory})
            for document_type, mandatory in self.env["dealer.ownership.transfer.line"]._default_documents()
        ]

    @api.model_create_multi
    def create(self, vals_list):
        self._dealer_check_approved_sales([vals.get("sale_id") for vals in vals_list])
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.ownership.transfer") or _("New")
            if "line_ids" not in vals:
                vals["line_ids"] = self._default_line_commands()
        transfers = super().create(vals_list)
        transfers._dealer_schedule_activity()
        return transfers

    def write(self, vals):
        if vals.get("sale_id"):
            self._dealer_check_approved_sales([vals["sale_id"]])
        return super().write(vals)

    @api.model
    def _dealer_check_approved_sales(self, sale_ids):
        """A transfer is made for an approved car sale only: the car has been delivered to its buyer."""
        sales = self.env["sale.order"].browse([sale_id for sale_id in sale_ids if sale_id])
        not_approved = sales.filtered(lambda sale: sale.dealer_approval_state != "approved")
        if not_approved:
            raise UserError(
                _(
                    "%(sale)s is not approved: an ownership transfer is made for an approved car sale only.",
                    sale=not_approved[0].name,
                )
            )

    def _dealer_schedule_activity(self):
        for transfer in self.filtered(lambda transfer: transfer.state == "draft" and transfer.date_deadline):
            due = max(
                transfer.date_deadline - timedelta(days=ACTIVITY_LEAD_DAYS),
                min(fields.Date.context_today(self), transfer.date_deadline),
            )
            transfer.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=due,
                summary=_("Ownership transfer of %(car)s due", car=transfer.vehicle_id.display_name or ""),
                note=_("Transfer deadline: %(date)s", date=transfer.date_deadline),
                user_id=(transfer.user_id or self.env.user).id,
            )

    def action_done(self):
        self._dealer_lock()
        for transfer in self:
            if transfer.state == "done":
                continue
            if transfer.state == "cancel":
                raise UserError(
                    _(
                        "%(transfer)s is cancelled: its sale was un-approved. It reopens when the sale is approved "
                        "again.",
                        transfer=transfer.name,
                    )
                )
            missing = transfer.line_ids.filtered(lambda line: line.mandatory and not line.done)
            if missing:
                raise UserError(
                    _(
                        "%(transfer)s cannot be done: these mandatory papers are missing:\n%(papers)s",
                        transfer=transfer.name,
                        papers="\n".join(f"- {line.display_name}" for line in missing),
                    )
                )
            transfer._dealer_write({"state": "done", "date_done": fields.Date.context_today(self)})
            transfer.activity_feedback(["mail.mail_activity_data_todo"], feedback=_("Ownership transferred."))
        return True

    def action_draft(self):
        self._dealer_lock()
        self.filtered(lambda transfer: transfer.state == "done")._dealer_write({"state": "draft", "date_done": False})
        return True

    def _dealer_cancel(self):
        """The sale was un-approved: its open transfer is cancelled (called by the un-approval)."""
        for transfer in self.filtered(lambda transfer: transfer.state == "draft"):
            transfer._dealer_write({"state": "cancel"})
            transfer.activity_unlink(["mail.mail_activity_data_todo"])
            transfer.message_post(body=_("Cancelled: the sale %(sale)s was un-approved.", sale=transfer.sale_id.name))

    def _dealer_reopen(self):
        """The sale was approved again: its cancelled transfer reopens, the deadline follows the new
        approval date (called by the approval)."""
        for transfer in self.filtered(lambda transfer: transfer.state == "cancel"):
            transfer._dealer_write({"state": "draft"})
            transfer._dealer_schedule_activity()
            transfer.message_post(body=_("Reopened: the sale %(sale)s was approved again.", sale=transfer.sale_id.name))

    @api.model
    def _dealer_import_approved_sales(self):
        """A transfer for every approved car sale (the user can see) that has none yet."""
        with_transfer = (
            self.sudo()  # sudo: every sale with a transfer counts, also those of colleagues the user cannot read
            ._search([])
            .subselect("sale_id")
        )
        sales = self.env["sale.order"].search(
            [
                ("dealer_approval_state", "=", "approved"),
                ("dealer_vehicle_id", "!=", False),
                ("id", "not in", with_transfer),
                ("company_id", "in", self.env.companies.ids),
            ]
        )
        return self.create([{"sale_id": sale.id} for sale in sales])
