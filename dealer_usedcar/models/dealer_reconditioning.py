from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare


class DealerReconditioning(models.Model):
    """Add-ons and repairs of a car in stock. The car's own valuation (lot revaluation) rises only
    by posted costs: the parts issued out of stock at their valuation when it is done, and the
    vendor's bill (services, other costs) when accounting posts it."""

    _name = "dealer.reconditioning"
    _description = "Car Reconditioning"
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.action.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _dealer_action_fields = frozenset({"state", "invoice_id", "move_ids"})  # state and the documents Done made

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default=lambda self: _("New"))
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, tracking=True, index=True
    )
    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Car",
        required=True,
        check_company=True,
        tracking=True,
        index=True,
        domain="[('dealer_usage', '=', 'stock'), ('lot_id', '!=', False)]",
    )
    lot_id = fields.Many2one(related="vehicle_id.lot_id", string="Serial Number (VIN)")
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Warehouse",
        compute="_compute_warehouse_id",
        store=True,
        readonly=False,
        check_company=True,
        help="Parts are taken from this warehouse's stock: the car's warehouse.",
    )
    kind = fields.Selection([("addon", "Add-on"), ("repair", "Repair")], required=True, default="addon", tracking=True)
    vendor_id = fields.Many2one(
        "res.partner", string="Vendor", check_company=True, tracking=True, help="The repair shop that bills the repair."
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    line_ids = fields.One2many("dealer.reconditioning.line", "reconditioning_id", string="Lines", copy=True)
    other_cost = fields.Monetary(
        string="Other Costs",
        tracking=True,
        help="Costs without a product (e.g. transport, fees), billed by the vendor on the vendor bill.",
    )
    amount_total = fields.Monetary(string="Total", compute="_compute_amount_total", store=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    note = fields.Html()
    invoice_id = fields.Many2one(
        "account.move",
        string="Vendor Bill",
        readonly=True,
        copy=False,
        check_company=True,
        index="btree_not_null",
        help="The draft bill of the services and other costs: accounting enters the vendor's invoice reference "
        "and posts it, which adds its untaxed amount to the car.",
    )
    invoice_state = fields.Selection(related="invoice_id.state", string="Bill Status")
    move_ids = fields.Many2many("stock.move", string="Parts Moves", readonly=True, copy=False)
    valuation_layer_ids = fields.One2many(
        "stock.valuation.layer",
        "dealer_reconditioning_id",
        string="Valuation Layers",
        readonly=True,
        help="The car's revaluations by this reconditioning: its parts, and its vendor bill once posted.",
    )

    @api.depends("vehicle_id")
    def _compute_warehouse_id(self):
        for rec in self:
            if rec.state == "draft" and rec.vehicle_id.stock_warehouse_id:
                rec.warehouse_id = rec.vehicle_id.stock_warehouse_id

    @api.depends("line_ids.subtotal", "other_cost")
    def _compute_amount_total(self):
        for rec in self:
            rec.amount_total = sum(rec.line_ids.mapped("subtotal")) + rec.other_cost

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = self.env["ir.sequence"].with_company(company).next_by_code("dealer.reconditioning") or _(
                    "New"
                )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(rec.state == "done" for rec in self):
            raise UserError(_("A done reconditioning is part of the car's cost: it cannot be deleted."))

    # ------------------------------------------------------------------
    # actions
    def _check_reconditioning_right(self):
        """Marking done moves parts out of stock and posts the car's revaluation by them: Odoo's
        Inventory Administrator and Invoicing rights, granted by an administrator. The vendor bill
        it drafts is posted by accounting with the vendor's reference, never by this action."""
        user = self.env.user
        missing = []
        if not user.has_group("stock.group_stock_manager"):
            missing.append(_("Inventory / Administrator"))
        if not user.has_group("account.group_account_invoice"):
            missing.append(_("Invoicing / Billing"))
        if missing:
            raise AccessError(
                _(
                    "Completing a reconditioning moves parts, revalues the car and posts accounting: "
                    "you need the right %(rights)s.",
                    rights=", ".join(missing),
                )
            )

    def action_done(self):
        self._check_reconditioning_right()
        self._dealer_lock()
        for rec in self:
            if rec.state != "draft":
                continue  # done already (double click) or cancelled: nothing twice
            rec._dealer_check_ready()
            parts_by_account = rec._dealer_consume_parts()
            rec._dealer_revalue_car(parts_by_account)
            bill = rec._dealer_bill_services()
            rec._dealer_write({"state": "done"})
            body = ""
            if parts_by_account:
                body = _(
                    "Done: parts worth %(amount)s added to the cost of %(car)s.",
                    amount=rec.currency_id.format(sum(parts_by_account.values())),
                    car=rec.vehicle_id.display_name,
                )
            if bill:
                body = _(
                    "%(done)s The vendor bill %(bill)s adds its amount once accounting posts it with the "
                    "vendor's invoice reference.",
                    done=body,
                    bill=bill.display_name,
                ).strip()
            rec.message_post(body=body)
        return True

    def action_cancel(self):
        self._dealer_lock()
        if any(rec.state == "done" for rec in self):
            raise UserError(_("A done reconditioning is part of the car's cost: it cannot be cancelled."))
        self.filtered(lambda rec: rec.state == "draft")._dealer_write({"state": "cancelled"})
        return True

    def action_draft(self):
        self._dealer_lock()
        self.filtered(lambda rec: rec.state == "cancelled")._dealer_write({"state": "draft"})
        return True

    def action_view_invoice(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.invoice_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # done: steps
    def _dealer_check_ready(self):
        self.ensure_one()
        car = self.vehicle_id
        lot = car.lot_id.with_company(self.company_id)
        if not lot or lot.quantity_svl <= 0:
            raise UserError(
                _(
                    "%(name)s: the car %(car)s is not in stock in this company: "
                    "only a car in stock can be reconditioned.",
                    name=self.name,
                    car=car.display_name,
                )
            )
        if not self.line_ids and self.currency_id.is_zero(self.other_cost):
            raise UserError(_("%(name)s: add the parts, services or other costs first.", name=self.name))
        if not self.vendor_id:
            if self.kind == "repair":
                raise UserError(_("%(name)s: a repair needs the vendor who bills it.", name=self.name))
            if self._dealer_billed_lines() or not self.currency_id.is_zero(self.other_cost):
                raise UserError(
                    _(
                        "%(name)s: services and other costs are bought: choose the vendor who bills them.",
                        name=self.name,
                    )
                )
        if self.line_ids.filtered("is_part") and not self.warehouse_id:
            raise UserError(_("%(name)s: choose the warehouse the parts are taken from.", name=self.name))

    def _dealer_billed_lines(self):
        return self.line_ids.filtered(lambda line: not line.is_part)

    def _dealer_product_accounts(self, product):
        return product.product_tmpl_id.with_company(self.company_id).get_product_accounts()

    def _dealer_consume_parts(self):
        """The parts leave the warehouse's stock to the inventory loss location, valued at their
        FIFO cost; returns ``{counterpart account: value}`` for the car's revaluation: the account
        the parts' issue debited, so that the two entries net to zero there."""
        self.ensure_one()
        lines = self.line_ids.filtered("is_part")
        value_by_account = defaultdict(float)
        if not lines:
            return value_by_account
        source = self.warehouse_id.lot_stock_id
        moves = self.env["stock.move"].create(
            [
                {
                    "name": _("%(name)s: %(part)s", name=self.name, part=line.name or line.product_id.display_name),
                    "origin": self.name,
                    "product_id": line.product_id.id,
                    "product_uom_qty": line.quantity,
                    "product_uom": line.product_id.uom_id.id,
                    "location_id": source.id,
                    "location_dest_id": line.product_id.with_company(self.company_id).property_stock_inventory.id,
                    "company_id": self.company_id.id,
                }
                for line in lines
            ]
        )
        moves._action_confirm()
        moves._action_assign()
        for move, line in zip(moves, lines, strict=True):
            if float_compare(move.quantity, move.product_uom_qty, precision_rounding=move.product_uom.rounding) < 0:
                raise UserError(
                    _(
                        "%(name)s: only %(available)s of %(quantity)s %(part)s are in %(location)s.",
                        name=self.name,
                        available=move.quantity,
                        quantity=line.quantity,
                        part=line.product_id.display_name,
                        location=source.display_name,
                    )
                )
        moves.picked = True
        moves._action_done()
        self._dealer_write({"move_ids": [fields.Command.set(moves.ids)]})
        for move, line in zip(moves, lines, strict=True):
            layers = move.stock_valuation_layer_ids
            value = -sum(layers.mapped("value"))
            line.unit_cost = value / line.quantity
            entry_lines = layers.account_move_id.line_ids
            valuation_account = self._dealer_product_accounts(line.product_id)["stock_valuation"]
            debited = entry_lines.filtered(lambda aml, acc=valuation_account: aml.debit and aml.account_id != acc)
            # no entry (manual valuation): the part's purchase was expensed, the car takes it back from there
            account = debited.account_id[:1] or self._dealer_product_accounts(line.product_id)["expense"]
            value_by_account[account] += value
        return value_by_account

    def _dealer_bill_services(self):
        """Services and other costs: a DRAFT vendor bill for the vendor, on the car's stock input
        (interim) account, taxes by Odoo (the products' purchase taxes, or the expense account's for
        other costs, mapped by the vendor's fiscal position). Accounting enters the vendor's invoice
        reference and posts it: only then does the car's value rise, by the bill's untaxed amount of
        these lines."""
        self.ensure_one()
        services = self._dealer_billed_lines()
        if not services and self.currency_id.is_zero(self.other_cost):
            return self.env["account.move"]
        interim_account = self._dealer_product_accounts(self.vehicle_id.product_id)["stock_input"]
        line_vals = [
            {
                "product_id": line.product_id.id,
                "name": line.name,
                "quantity": line.quantity,
                "price_unit": line.unit_cost,
            }
            for line in services
        ]
        if not self.currency_id.is_zero(self.other_cost):
            line_vals.append(
                {"name": _("%(name)s: other costs", name=self.name), "quantity": 1, "price_unit": self.other_cost}
            )
        bill = (
            self.env["account.move"]
            .with_company(self.company_id)
            .create(
                {
                    "move_type": "in_invoice",
                    "partner_id": self.vendor_id.id,
                    "company_id": self.company_id.id,
                    "invoice_origin": self.name,
                    "invoice_line_ids": [
                        fields.Command.create({**vals, "dealer_reconditioning_id": self.id}) for vals in line_vals
                    ],
                }
            )
        )
        # Odoo computed the taxes as for any bill line (a product's purchase taxes, else those of the
        # journal's expense account, mapped by the fiscal position); moving the lines to the interim
        # account keeps them
        bill.invoice_line_ids.account_id = interim_account
        self._dealer_write({"invoice_id": bill.id})
        return bill

    def _dealer_revalue_car(self, value_by_account, bill_line=None):
        """Add ``{counterpart account: value}`` to the car's lot only: one Odoo lot revaluation per
        account (Dr the car's stock valuation / Cr that account, the one the cost was posted on)."""
        self.ensure_one()
        car = self.vehicle_id
        lot = car.lot_id
        product = car.product_id.with_company(self.company_id)
        accounts = self._dealer_product_accounts(product)
        layer_model = self.env["stock.valuation.layer"]
        kind = dict(self._fields["kind"]._description_selection(self.env))[self.kind]
        wizard_model = self.env["stock.valuation.layer.revaluation"].with_company(self.company_id)
        new_layers = layer_model
        for account, value in value_by_account.items():
            if self.currency_id.is_zero(value):
                continue
            last_layer = layer_model.search([("lot_id", "=", lot.id)], order="id desc", limit=1)
            wizard = wizard_model.create(
                {
                    "company_id": self.company_id.id,
                    "product_id": product.id,
                    "lot_id": lot.id,
                    "added_value": self.currency_id.round(value),
                    "account_id": account.id,
                    "account_journal_id": accounts["stock_journal"].id,
                    "date": bill_line.date if bill_line else self.date,
                    "reason": _("%(name)s (%(kind)s)", name=self.name, kind=kind)
                    + (f", {bill_line.move_id.name}" if bill_line else ""),
                }
            )
            wizard.action_validate_revaluation()
            layers = layer_model.search([("lot_id", "=", lot.id), ("id", ">", last_layer.id), ("quantity", "=", 0)])
            layers.write(
                {"dealer_reconditioning_id": self.id, "account_move_line_id": bill_line.id if bill_line else False}
            )
            if bill_line:  # with what it carried before, if the bill was reset and posted again
                self._dealer_reconcile(bill_line, bill_line.stock_valuation_layer_ids.account_move_id)
            new_layers |= layers
        return new_layers

    def _dealer_add_bill_line(self, bill_line, amount):
        """A posted bill line of this reconditioning (``amount``: what it adds, negative for a
        credit note) goes to the car: its lot is revalued against the line's account; a car that
        has left stock has its cost of goods sold raised instead, as Odoo does for a landed cost
        after the sale."""
        self.ensure_one()
        lot = self.vehicle_id.lot_id.with_company(self.company_id)
        if lot.quantity_svl > 0:
            self._dealer_revalue_car({bill_line.account_id: amount}, bill_line=bill_line)
            return
        accounts = self._dealer_product_accounts(self.vehicle_id.product_id)
        name = _(
            "%(name)s: %(bill)s, %(car)s has left stock",
            name=self.name,
            bill=bill_line.move_id.name,
            car=self.vehicle_id.display_name,
        )
        debit, credit = (
            (accounts["expense"], bill_line.account_id) if amount > 0 else (bill_line.account_id, accounts["expense"])
        )
        entry = (
            self.env["account.move"]
            .with_company(self.company_id)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": accounts["stock_journal"].id,
                    "company_id": self.company_id.id,
                    "date": bill_line.date,
                    "ref": name,
                    "line_ids": [
                        fields.Command.create(
                            {
                                "name": name,
                                "account_id": debit.id,
                                "debit": abs(amount),
                                "product_id": self.vehicle_id.product_id.id,
                            }
                        ),
                        fields.Command.create(
                            {
                                "name": name,
                                "account_id": credit.id,
                                "credit": abs(amount),
                                "product_id": self.vehicle_id.product_id.id,
                            }
                        ),
                    ],
                }
            )
        )
        entry._post()
        self._dealer_reconcile(bill_line, entry)
        self.message_post(body=name)

    @staticmethod
    def _dealer_reconcile(bill_line, entries):
        """The bill line and the entry that carried it away, on one reconcilable (interim) account:
        matched, so nothing stays open there."""
        if not bill_line or not bill_line.account_id.reconcile or bill_line.reconciled:
            return
        counterparts = entries.line_ids.filtered(
            lambda line: line.account_id == bill_line.account_id and not line.reconciled
        )
        if counterparts:
            (bill_line | counterparts).reconcile()
