from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

BOARD_STAGES = [
    ("quote", "Quotation"),
    ("sent", "Sent"),
    ("won", "Won"),
    ("ordered", "Ordered from Vendor"),
    ("shipped", "Shipped"),
    ("invoiced", "Invoiced"),
    ("lost", "Lost"),
]

# What Odoo itself writes on any order, snapshots included (portal token, chatter's main attachment)
SNAPSHOT_SYSTEM_FIELDS = {"access_token", "message_main_attachment_id"}


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "dealer.action.mixin", "dealer.document.mixin"]

    dealer_job_id = fields.Many2one("dealer.job", string="Job", index="btree_not_null", copy=False, readonly=True)
    active = fields.Boolean(default=True, help="Earlier versions of a quotation are archived.")
    dealer_version = fields.Integer(
        string="Version",
        default=1,
        copy=False,
        readonly=True,
        help="Each new version of the quotation keeps the order, its number and the customer's link; "
        "the previous one is kept as a read-only copy.",
    )
    dealer_version_of_id = fields.Many2one(
        "sale.order",
        string="Version of",
        index="btree_not_null",
        copy=False,
        readonly=True,
        ondelete="cascade",
        help="On an earlier version: the order it belongs to.",
    )
    dealer_version_ids = fields.One2many(
        "sale.order",
        "dealer_version_of_id",
        string="Earlier Versions",
        context={"active_test": False},
        domain=[("active", "=", False)],
        readonly=True,
    )
    dealer_version_count = fields.Integer(string="Earlier Versions Count", compute="_compute_dealer_version_count")
    dealer_version_pdf_id = fields.Many2one(
        "ir.attachment", string="Version PDF", copy=False, readonly=True, help="The PDF of an earlier version."
    )
    dealer_proforma_pdf_id = fields.Many2one("ir.attachment", string="Pro-Forma PDF", copy=False, readonly=True)
    dealer_lost_reason_id = fields.Many2one(
        "crm.lost.reason", string="Lost Reason", copy=False, readonly=True, index="btree_not_null"
    )
    dealer_board_stage = fields.Selection(
        BOARD_STAGES,
        string="Board Stage",
        compute="_compute_dealer_board_stage",
        store=True,
        readonly=False,  # the board's drag and drop asks for a change: write() runs the matching action
        index=True,
        group_expand=True,
        copy=False,
    )

    @api.depends("dealer_version_ids")
    def _compute_dealer_version_count(self):
        for order in self:
            order.dealer_version_count = len(order.dealer_version_ids)

    @api.depends("state", "invoice_status", "delivery_status", "order_line.dealer_cart_state")
    def _compute_dealer_board_stage(self):
        for order in self:
            if order.state == "cancel":
                stage = "lost"
            elif order.state in ("draft", "sent"):
                stage = "quote" if order.state == "draft" else "sent"
            elif order.invoice_status == "invoiced":
                stage = "invoiced"
            elif order.delivery_status == "full":
                stage = "shipped"
            elif "ordered" in order.order_line.mapped("dealer_cart_state"):
                stage = "ordered"
            else:
                stage = "won"
            order.dealer_board_stage = stage

    # ------------------------------------------------------------------
    # snapshots are read-only
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.pop("dealer_board_stage", None)  # computed from the order's state
        return super().create(vals_list)

    def write(self, vals):
        if "dealer_board_stage" in vals:
            vals = dict(vals)
            self._dealer_move_on_board(vals.pop("dealer_board_stage"))
            if not vals:
                return True
        if not self._dealer_in_action() and set(vals) - SNAPSHOT_SYSTEM_FIELDS:
            self._dealer_check_not_snapshot()
        return super().write(vals)

    def _dealer_check_not_snapshot(self):
        snapshot = self.filtered("dealer_version_of_id")[:1]
        if snapshot:
            raise UserError(
                _(
                    "%(version)s is an earlier version of %(order)s: it is kept as it was sent and "
                    "cannot be changed, confirmed or sent. Work on %(order)s instead.",
                    version=snapshot.name,
                    order=snapshot.dealer_version_of_id.name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_earlier_version(self):
        for order in self.filtered("dealer_version_of_id"):
            if order.dealer_version_of_id not in self:
                raise UserError(
                    _(
                        "%(version)s is an earlier version of %(order)s: it is deleted with its order only.",
                        version=order.name,
                        order=order.dealer_version_of_id.name,
                    )
                )

    def action_confirm(self):
        self._dealer_check_not_snapshot()
        result = super().action_confirm()
        if not self.env.context.get("send_email"):  # Odoo's own flows (portal signature) sent it already
            self.filtered(lambda order: order.company_id.dealer_send_order_confirmation)._send_order_confirmation_mail()
        return result

    def action_quotation_send(self):
        self._dealer_check_not_snapshot()
        return super().action_quotation_send()

    def action_quotation_sent(self):
        self._dealer_check_not_snapshot()
        return super().action_quotation_sent()

    def action_draft(self):
        self._dealer_check_not_snapshot()
        return super().action_draft()

    # ------------------------------------------------------------------
    # reject and new version
    def action_dealer_reject(self, lost_reason_id=False, note=False):
        """Mark the quotations lost with a reason. Without a reason: open the wizard that asks for it."""
        self._dealer_check_not_snapshot()
        if not lost_reason_id:
            return {
                "type": "ir.actions.act_window",
                "name": _("Reject Quotation"),
                "res_model": "dealer.quote.reject",
                "view_mode": "form",
                "target": "new",
                "context": {"default_order_ids": [Command.set(self.ids)]},
            }
        self._dealer_lock()
        confirmed = self.filtered(lambda order: order.state == "sale")
        if confirmed:
            raise UserError(
                _(
                    "%(order)s is a confirmed order: cancel it with Cancel, a confirmed order is not a lost quotation.",
                    order=confirmed[0].name,
                )
            )
        reason = self.env["crm.lost.reason"].browse(lost_reason_id)
        quotations = self.filtered(lambda order: order.state in ("draft", "sent"))  # lost ones stay as they are
        quotations.with_context(disable_cancel_warning=True).action_cancel()
        quotations.dealer_lost_reason_id = reason
        for order in quotations:
            body = _("Quotation lost: %(reason)s", reason=reason.name)
            if note:
                body = _("Quotation lost: %(reason)s (%(note)s)", reason=reason.name, note=note)
            order.message_post(body=body)
        return True

    def action_dealer_new_version(self):
        """Keep the sent or lost quotation as an archived read-only copy (``S00042-V1``, with its
        PDF) and put the same order back to draft as the next version: same id, number and
        customer link."""
        self._dealer_check_not_snapshot()
        self._dealer_lock()
        confirmed = self.filtered(lambda order: order.state == "sale")
        if confirmed:
            raise UserError(
                _(
                    "%(order)s is confirmed: a confirmed order is changed with Odoo's own flows "
                    "(deliveries, invoices, cancellation), not with a new quotation version.",
                    order=confirmed[0].name,
                )
            )
        for order in self.filtered(lambda order: order.state in ("sent", "cancel")):  # a draft is the new version
            order._portal_ensure_token()
            order._dealer_snapshot()
            order.action_draft()
            order.write({"dealer_version": order.dealer_version + 1, "dealer_lost_reason_id": False})
            order.message_post(
                body=_("Version %(version)s started; the previous one is kept.", version=order.dealer_version)
            )
        return True

    def _dealer_snapshot_values(self):
        self.ensure_one()
        return {
            "name": f"{self.name}-V{self.dealer_version}",
            "active": False,
            "state": "draft",
            "dealer_version": self.dealer_version,
            "dealer_version_of_id": self.id,
            "dealer_lost_reason_id": self.dealer_lost_reason_id.id,
            "partner_id": self.partner_id.id,
            "partner_invoice_id": self.partner_invoice_id.id,
            "partner_shipping_id": self.partner_shipping_id.id,
            "pricelist_id": self.pricelist_id.id,
            "currency_id": self.currency_id.id,
            "fiscal_position_id": self.fiscal_position_id.id,
            "payment_term_id": self.payment_term_id.id,
            "date_order": self.date_order,
            "validity_date": self.validity_date,
            "note": self.note,
            "client_order_ref": self.client_order_ref,
            "user_id": self.user_id.id,
            "team_id": self.team_id.id,
            "company_id": self.company_id.id,
            "order_line": [Command.create(vals) for vals in self.order_line._dealer_snapshot_values()],
        }

    def _dealer_snapshot(self):
        """The archived copy of this version, with its PDF as the customer got it."""
        self.ensure_one()
        Order = self._dealer_as_action().with_context(mail_create_nolog=True, tracking_disable=True)
        snapshot = Order.copy(self._dealer_snapshot_values())
        report = self.env.ref("sale.action_report_saleorder")
        pdf = snapshot.with_context(lang=self.partner_id.lang)._dealer_attach_report(report, snapshot)
        snapshot.write({"dealer_version_pdf_id": pdf.id, "state": "cancel"})  # never confirmable
        return snapshot

    def action_dealer_view_versions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Earlier Versions of %(order)s", order=self.name),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [("dealer_version_of_id", "=", self.id), ("active", "=", False)],
            "context": {"active_test": False, "create": False},
        }

    # ------------------------------------------------------------------
    # purchase cart, pro-forma
    def action_dealer_add_to_cart(self):
        """Put the order's purchasable lines into the purchase cart."""
        self._dealer_check_not_snapshot()
        not_confirmed = self.filtered(lambda order: order.state != "sale")
        if not_confirmed:
            raise UserError(
                _(
                    "%(order)s is not a confirmed order: confirm it before ordering its goods.",
                    order=not_confirmed[0].name,
                )
            )
        self._dealer_lock()
        return self.order_line._dealer_add_to_cart()

    def action_dealer_proforma(self):
        """The pro-forma invoice (Odoo's own), kept on the order and shown in the customer portal."""
        self.ensure_one()
        self._dealer_check_not_snapshot()
        if self.state == "cancel":
            raise UserError(_("%(order)s is cancelled: it has no pro-forma invoice.", order=self.name))
        self._dealer_lock()
        report = self.env.ref("sale.action_report_pro_forma_invoice")
        # the customer's language, so that printing again replaces the same document
        pdf = self.with_context(lang=self.partner_id.lang, proforma=True)._dealer_attach_report(report, self)
        if self.dealer_proforma_pdf_id != pdf:
            self.dealer_proforma_pdf_id = pdf
        return pdf.action_dealer_preview()

    # ------------------------------------------------------------------
    # board
    def _dealer_move_on_board(self, stage):
        """A card dropped on another column of the sales board runs the action of that step."""
        if stage == "lost":
            raise UserError(_("Reject the quotation with its Reject button: a lost quotation needs a reason."))
        for order in self:
            if order.dealer_board_stage == stage:
                continue
            start = order.dealer_board_stage
            if stage == "sent" and start == "quote":
                order.action_quotation_sent()
            elif stage == "won" and start in ("quote", "sent"):
                order.action_confirm()
            elif stage == "quote" and start in ("sent", "lost"):
                order.action_dealer_new_version()
            else:
                stages = dict(self._fields["dealer_board_stage"]._description_selection(self.env))
                raise UserError(
                    _(
                        "%(order)s cannot be moved from %(start)s to %(stage)s on the board: "
                        "this step follows from the order's documents (confirmation, purchase, delivery, invoice).",
                        order=order.name,
                        start=stages.get(start, start),
                        stage=stages.get(stage, stage),
                    )
                )

    # ------------------------------------------------------------------
    # portal
    def _dealer_portal_attachments(self):
        """The documents the customer reaches with the order's link: earlier versions, pro-forma,
        delivery slips."""
        self.ensure_one()
        return (
            self.dealer_version_ids.dealer_version_pdf_id
            | self.dealer_proforma_pdf_id
            | self.picking_ids.dealer_delivery_slip_id
        )

    def _prepare_invoice(self):
        vals = super()._prepare_invoice()
        if self.dealer_job_id:
            vals["dealer_job_id"] = self.dealer_job_id.id
        return vals
