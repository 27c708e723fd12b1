from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

# the rights an approval needs besides the approver group: (group xmlid, name the user sees)
APPROVAL_RIGHTS = (
    ("dealer_usedcar.group_sale_approver", "Dealer Used Cars: Sale Approver"),
    ("account.group_account_invoice", "Invoicing: Billing"),
    ("stock.group_stock_user", "Inventory: User"),
)
OPEN_SALE_STATES = ("draft", "sent", "sale")
# the context value under which the approval validates a car's delivery: no client can send it
_APPROVAL_DELIVERY = object()


class SaleOrder(models.Model):
    _inherit = "sale.order"
    # written only by Approve / Un-approve (dealer.action.mixin)
    _dealer_action_fields = frozenset(
        {"dealer_approval_state", "dealer_approved_by", "dealer_approved_date", "dealer_invoice_id", "dealer_car_cost"}
    )

    dealer_vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Car Sold",
        index="btree_not_null",
        copy=False,
        check_company=True,
        tracking=True,
        domain="[('dealer_usage', '=', 'stock'), ('stock_location_id', '!=', False), "
        "('id', 'not in', dealer_reserved_vehicle_ids), ('company_id', 'in', (company_id, False))]",
        help="The used car this order sells: a car in stock that no other open order sells.",
    )
    dealer_reserved_vehicle_ids = fields.Many2many(
        "fleet.vehicle",
        string="Cars in Other Open Sales",
        compute="_compute_dealer_reserved_vehicle_ids",
    )
    dealer_sells_car = fields.Boolean(
        string="Sells a Car",
        compute="_compute_dealer_sells_car",
        help="A car is on the order (chosen as the car sold or on a line, as a job sells it): its delivery "
        "waits for the approval.",
    )
    dealer_payment_method = fields.Selection(
        [("cash", "Cash"), ("bank_transfer", "Bank Transfer"), ("financing", "Financing"), ("leasing", "Leasing")],
        string="Payment Method",
        tracking=True,
        help="How the customer pays the car (statistics only).",
    )
    dealer_approval_state = fields.Selection(
        [("none", "Not Approved"), ("approved", "Approved")],
        string="Approval",
        default="none",
        required=True,
        copy=False,
        readonly=True,
        tracking=True,
        index=True,
    )
    dealer_approved_by = fields.Many2one("res.users", string="Approved by", copy=False, readonly=True)
    dealer_approved_date = fields.Datetime(string="Approved on", copy=False, readonly=True)
    dealer_invoice_id = fields.Many2one(
        "account.move",
        string="Approval Invoice",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The customer invoice posted by the approval.",
    )
    dealer_car_cost = fields.Monetary(
        string="Car Cost at Approval",
        currency_field="dealer_company_currency_id",
        copy=False,
        readonly=True,
        help="The car's stock value (its FIFO value) when the sale was approved: its cost of goods sold.",
    )
    dealer_company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    dealer_margin = fields.Monetary(
        string="Car Margin",
        currency_field="dealer_company_currency_id",
        compute="_compute_dealer_margin",
        groups="dealer_usedcar.group_sale_approver",
        help="Revenue without taxes minus the car's cost (its stock value) minus the cost of the add-ons "
        "and gifts sold with it.",
    )
    dealer_survey_input_ids = fields.One2many(
        "survey.user_input", "dealer_sale_id", string="Surveys", groups="dealer_usedcar.group_dealer_usedcar_user"
    )
    dealer_survey_input_count = fields.Integer(
        string="Survey Count",
        compute="_compute_dealer_survey_input_count",
        groups="dealer_usedcar.group_dealer_usedcar_user",
    )

    # ------------------------------------------------------------------
    # computes
    @api.depends("company_id", "dealer_vehicle_id")
    def _compute_dealer_reserved_vehicle_ids(self):
        open_lines = (
            self.env["sale.order.line"]
            .sudo()  # sudo: cars in colleagues' open orders are taken too; only the cars are read, for the domain
            .search(
                [
                    ("dealer_car_open", "=", True),
                    ("company_id", "in", self.company_id.ids or self.env.company.ids),
                ]
            )
        )
        for order in self:
            cars = open_lines.filtered(lambda line, order=order: line.order_id != order._origin).dealer_vehicle_id
            order.dealer_reserved_vehicle_ids = self.env["fleet.vehicle"].browse(cars.ids)

    @api.depends("dealer_vehicle_id", "order_line.dealer_vehicle_id")
    def _compute_dealer_sells_car(self):
        for order in self:
            order.dealer_sells_car = bool(order._dealer_cars())

    @api.depends(
        "amount_untaxed",
        "currency_id",
        "dealer_vehicle_id",
        "order_line.dealer_vehicle_id",
        "dealer_car_cost",
        "dealer_approval_state",
        "order_line.product_uom_qty",
        "order_line.product_id",
    )
    def _compute_dealer_margin(self):
        for order in self:
            company = order.company_id or self.env.company
            revenue = order.currency_id._convert(
                order.amount_untaxed, company.currency_id, company, order.date_order or fields.Date.today()
            )
            order.dealer_margin = revenue - order._dealer_car_cost() - order._dealer_extra_cost()

    def _dealer_car_cost(self):
        """The car's cost: posted at approval, else its stock value now."""
        self.ensure_one()
        if self.dealer_approval_state == "approved":
            return self.dealer_car_cost
        lot = self._dealer_cars()[:1].lot_id.with_company(self.company_id or self.env.company)
        return lot.value_svl if lot.quantity_svl > 0 else 0.0

    def _dealer_extra_cost(self):
        """What the other goods sold with the car (add-ons, gifts at price 0) cost the dealer."""
        self.ensure_one()
        cost = 0.0
        for line in self.order_line.filtered(lambda line: line.product_id and not line.dealer_vehicle_id):
            product = line.product_id.with_company(self.company_id or self.env.company)
            quantity = line.product_uom._compute_quantity(line.product_uom_qty, product.uom_id)
            cost += product.standard_price * quantity
        return cost

    def _compute_dealer_survey_input_count(self):
        counts = dict(
            self.env["survey.user_input"]._read_group(
                [("dealer_sale_id", "in", self.ids)], groupby=["dealer_sale_id"], aggregates=["__count"]
            )
        )
        for order in self:
            order.dealer_survey_input_count = counts.get(order, 0)

    # ------------------------------------------------------------------
    # the car and its line
    def _dealer_cars(self):
        """The cars the orders sell, whichever way they are on it: the car sold or a line's car (a job)."""
        return self.dealer_vehicle_id | self.order_line.dealer_vehicle_id

    def _dealer_other_open_sale(self, car=None):
        """Another open order selling this order's car: a live order with the car on a line, the car not
        delivered (an approved car left stock). The database holds one such line per car."""
        self.ensure_one()
        car = car or self._dealer_cars()[:1]
        return (
            self.env["sale.order.line"]
            .sudo()  # sudo: the other order may be a colleague's the user cannot read; only its name is shown
            .search(
                [("dealer_vehicle_id", "=", car.id), ("dealer_car_open", "=", True), ("order_id", "!=", self.id)],
                limit=1,
            )
            .order_id
        )

    @api.constrains("dealer_vehicle_id", "state")
    def _check_dealer_vehicle(self):
        for order in self.filtered(lambda order: order.dealer_vehicle_id and order.state in OPEN_SALE_STATES):
            car = order.dealer_vehicle_id
            other = order._dealer_other_open_sale()
            if other:
                raise ValidationError(
                    _(
                        "Car %(car)s is already being sold by the open order %(order)s: cancel that order first.",
                        car=car.display_name,
                        order=other.name,
                    )
                )
            if order.dealer_approval_state == "none" and (car.dealer_usage != "stock" or not car.stock_location_id):
                raise ValidationError(
                    _("Car %(car)s is not in stock: only cars in stock can be sold.", car=car.display_name)
                )

    def _dealer_car_line_vals(self):
        self.ensure_one()
        car = self.dealer_vehicle_id
        product = car.product_id or car.model_id._dealer_get_product()
        return {
            "product_id": product.id,
            "name": car.display_name if not car.vin_sn else f"{car.display_name}\n{_('VIN')}: {car.vin_sn}",
            "product_uom_qty": 1,
            "price_unit": car.dealer_list_price,
            "dealer_vehicle_id": car.id,
        }

    def _dealer_sync_car_line(self):
        """The order sells its car on one line: the car's model product at its asking price."""
        for order in self.filtered(lambda order: order.state in ("draft", "sent")):
            car_lines = order.order_line.filtered("dealer_vehicle_id")
            stale = car_lines - car_lines.filtered_domain([("dealer_vehicle_id", "=", order.dealer_vehicle_id.id)])
            commands = [Command.unlink(line.id) for line in stale]
            if order.dealer_vehicle_id and not (car_lines - stale):
                commands.append(Command.create(order._dealer_car_line_vals()))
            if commands:
                order.order_line = commands

    @api.onchange("dealer_vehicle_id")
    def _onchange_dealer_vehicle_id(self):
        car_lines = self.order_line.filtered("dealer_vehicle_id")
        stale = car_lines.filtered(lambda line: line.dealer_vehicle_id != self.dealer_vehicle_id)
        if stale:
            self.order_line -= stale
        if self.dealer_vehicle_id and not (car_lines - stale):
            self.order_line += self.env["sale.order.line"].new(self._dealer_car_line_vals())

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders.filtered("dealer_vehicle_id")._dealer_sync_car_line()
        return orders

    def write(self, vals):
        if "dealer_vehicle_id" in vals:
            self._dealer_check_car_kept(vals["dealer_vehicle_id"])
        result = super().write(vals)
        if "dealer_vehicle_id" in vals:
            self._dealer_sync_car_line()
        return result

    def _dealer_car_locked(self):
        """The orders whose car is delivered and invoiced by the approval: confirmed or approved."""
        return self.filtered(lambda order: order.state == "sale" or order.dealer_approval_state == "approved")

    def _dealer_check_car_kept(self, car_id):
        """The car sold is an action-only field once the order is confirmed, for every user and in
        every context: swapping it would leave the delivered car and its cost behind at un-approval."""
        car_id = car_id.id if isinstance(car_id, models.BaseModel) else (car_id or False)
        self._dealer_car_locked().filtered(
            lambda order: order.dealer_vehicle_id.id != car_id
        )._dealer_refuse_car_change()

    def _dealer_refuse_car_change(self):
        if self:
            raise UserError(
                _(
                    "The car sold on %(order)s cannot be changed once the order is confirmed: cancel the order "
                    "and set it back to quotation to sell another car.",
                    order=self[0].name,
                )
            )

    # ------------------------------------------------------------------
    # approval
    def _dealer_check_approval_rights(self):
        """Approving delivers the car and posts the invoice: the approver group and Odoo's own
        invoicing and inventory rights, each named when missing (never worked around)."""
        if self.env.su:
            return
        for xmlid, right in APPROVAL_RIGHTS:
            if not self.env.user.has_group(xmlid):
                raise AccessError(
                    _(
                        "%(user)s cannot approve or un-approve car sales: the right %(right)s is missing. "
                        "An administrator grants it in Settings > Users.",
                        user=self.env.user.name,
                        right=right,
                    )
                )

    def action_dealer_approve(self):
        """Deliver the car (exactly its serial) and post the customer invoice, in one transaction."""
        self._dealer_check_approval_rights()
        self._dealer_lock()
        for order in self:
            order._dealer_check_approvable()
        for order in self:
            order._dealer_approve()
        return True

    def _dealer_check_approvable(self):
        self.ensure_one()
        if self.dealer_approval_state == "approved":
            raise UserError(_("%(order)s is approved already: nothing was done twice.", order=self.name))
        if self.state != "sale":
            raise UserError(_("Confirm %(order)s before approving it.", order=self.name))
        cars = self._dealer_cars()
        if not cars:
            raise UserError(_("%(order)s sells no car: choose the car sold before approving.", order=self.name))
        if len(cars) > 1:
            raise UserError(
                _(
                    "%(order)s sells several cars (%(cars)s): sell each car on its own order.",
                    order=self.name,
                    cars=", ".join(cars.mapped("display_name")),
                )
            )
        car = cars
        car_line = self.order_line.filtered(lambda line: line.dealer_vehicle_id == car)
        if not car_line:
            raise UserError(_("%(order)s has no line for the car %(car)s.", order=self.name, car=car.display_name))
        if self.currency_id.compare_amounts(sum(car_line.mapped("price_subtotal")), 0) <= 0:
            raise UserError(
                _(
                    "The car %(car)s is sold for nothing on %(order)s: enter its price (or the car's asking "
                    "price) before approving.",
                    car=car.display_name,
                    order=self.name,
                )
            )
        car.invalidate_recordset(["stock_location_id", "stock_warehouse_id"])  # computed from the quants
        if not car.lot_id or not car.stock_location_id:
            raise UserError(
                _(
                    "Car %(car)s is not in stock: it cannot be delivered, %(order)s is not approved.",
                    car=car.display_name,
                    order=self.name,
                )
            )
        warehouse_stock = self.warehouse_id.lot_stock_id
        if warehouse_stock and not car.stock_location_id._child_of(warehouse_stock):
            raise UserError(
                _(
                    "Car %(car)s is at %(location)s, not in the warehouse %(warehouse)s of %(order)s: "
                    "move it there or change the order's warehouse.",
                    car=car.display_name,
                    location=car.stock_location_id.display_name,
                    warehouse=self.warehouse_id.name,
                    order=self.name,
                )
            )
        other = self._dealer_other_open_sale(car)
        if other:
            raise UserError(
                _(
                    "Car %(car)s is also being sold by the open order %(order)s.",
                    car=car.display_name,
                    order=other.name,
                )
            )

    def _dealer_approve(self):
        self.ensure_one()
        car = self._dealer_cars()
        lot = car.lot_id.with_company(self.company_id)
        car_cost = lot.value_svl
        self._dealer_deliver_car()
        invoice = self._dealer_approval_invoice(car)
        self._dealer_write(
            {
                "dealer_approval_state": "approved",
                "dealer_approved_by": self.env.user.id,
                "dealer_approved_date": fields.Datetime.now(),
                "dealer_invoice_id": invoice.id,
                "dealer_car_cost": car_cost,
            }
        )
        self._dealer_transfers()._dealer_reopen()
        self.message_post(
            body=_(
                "Sale approved: car %(car)s delivered, invoice %(invoice)s posted.",
                car=car.display_name,
                invoice=invoice.name,
            )
        )
        self._dealer_send_survey()

    def _dealer_approval_invoice(self, car):
        """The posted customer invoice of the approval: Odoo's regular invoice, made as its invoicing
        wizard does (final: posted down payments are deducted); an order billed already (its car's
        product invoiced on order, before the delivery) keeps that invoice, posted, never a second."""
        self.ensure_one()
        if self._get_invoiceable_lines(final=True).filtered(lambda line: not line.display_type):
            invoice = self._create_invoices(final=True)
        else:
            car_line = self.order_line.filtered(lambda line: line.dealer_vehicle_id == car)
            invoice = car_line.invoice_lines.move_id.filtered(
                lambda move: move.move_type == "out_invoice"
                and move.state in ("draft", "posted")
                and move.payment_state != "reversed"
            ).sorted("id")[-1:]
            if not invoice:
                raise UserError(self._nothing_to_invoice_error_message())
        if invoice.state == "draft":
            invoice.action_post()
        return invoice

    def _dealer_open_deliveries(self):
        return self.picking_ids.filtered(
            lambda picking: picking.picking_type_code == "outgoing" and picking.state not in ("done", "cancel")
        )

    def _dealer_deliver_car(self):
        """Validate the delivery carrying the car with exactly the car's serial."""
        self.ensure_one()
        car = self._dealer_cars()
        car_line = self.order_line.filtered(lambda line: line.dealer_vehicle_id == car)
        if not car_line.move_ids.filtered(lambda move: move.state not in ("done", "cancel")):
            # un-approved before: the car came back by a return, deliver it again
            car_line._action_launch_stock_rule()
        car_moves = car_line.move_ids.filtered(lambda move: move.state not in ("done", "cancel"))
        pickings = car_moves.picking_id
        if not car_moves or not pickings:
            raise UserError(_("%(order)s has no delivery for the car %(car)s.", order=self.name, car=car.display_name))
        pickings.action_assign()
        for move in car_moves:
            self._dealer_set_move_lot(move, car)
        for picking in pickings.sorted("id"):
            picking.move_ids.filtered(lambda move: move.state not in ("done", "cancel") and move.quantity).picked = True
            result = picking.with_context(
                skip_backorder=True, skip_sms=True, dealer_approval_delivery=_APPROVAL_DELIVERY
            ).button_validate()
            if picking.state != "done":
                raise UserError(
                    _(
                        "The delivery %(picking)s of %(order)s could not be validated (%(result)s).",
                        picking=picking.name,
                        order=self.name,
                        result=(isinstance(result, dict) and result.get("name")) or "",
                    )
                )
        car.invalidate_recordset(["stock_location_id", "stock_warehouse_id"])  # computed from the quants
        if car.stock_location_id:
            raise UserError(_("Car %(car)s is still in stock after its delivery.", car=car.display_name))

    @api.model
    def _dealer_delivering_by_approval(self):
        """Whether this environment is the approval validating a car's delivery (not a user)."""
        return self.env.context.get("dealer_approval_delivery") is _APPROVAL_DELIVERY

    @api.model
    def _dealer_set_move_lot(self, move, car):
        """The move carries exactly the car: one move line of the car's serial, set explicitly
        (a reservation may have taken another car of the same model)."""
        lines = move.move_line_ids
        if len(lines) == 1 and lines.lot_id == car.lot_id and lines.quantity == 1:
            return
        if not lines:
            vals = move._prepare_move_line_vals(quantity=1)
            if move.location_id.usage == "internal":
                vals["location_id"] = car.stock_location_id.id
            vals.update(lot_id=car.lot_id.id, lot_name=False, quantity=1)
            self.env["stock.move.line"].create(vals)
            return
        (lines - lines[:1]).unlink()
        vals = {"lot_id": car.lot_id.id, "quantity": 1}
        if move.location_id.usage == "internal" and car.stock_location_id:
            vals["location_id"] = car.stock_location_id.id
        lines[:1].write(vals)

    def action_dealer_unapprove(self):
        """Reverse the approval: a posted credit note and the car returned to stock. Nothing posted
        is deleted or changed."""
        self._dealer_check_approval_rights()
        self._dealer_lock()
        for order in self:
            order._dealer_check_unapprovable()
        for order in self:
            order._dealer_unapprove()
        return True

    def _dealer_transfers(self):
        return self.env["dealer.ownership.transfer"].search([("sale_id", "in", self.ids)])

    def _dealer_check_unapprovable(self):
        self.ensure_one()
        if self.dealer_approval_state != "approved":
            raise UserError(_("%(order)s is not approved: there is nothing to reverse.", order=self.name))
        done = (
            self.env["dealer.ownership.transfer"]
            .sudo()  # sudo: the guard sees every transfer of the sale, whoever the approver is
            .search([("sale_id", "=", self.id), ("state", "=", "done")], limit=1)
        )
        if done:
            raise UserError(
                _(
                    "The ownership of the car of %(order)s is transferred already (%(transfer)s): the sale is "
                    "not un-approved.",
                    order=self.name,
                    transfer=done.name,
                )
            )
        invoice = self.dealer_invoice_id
        receivable = invoice.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
        if invoice.payment_state != "not_paid" or receivable.filtered(
            lambda line: line.reconciled or line.matched_debit_ids or line.matched_credit_ids
        ):
            raise UserError(
                _(
                    "The invoice %(invoice)s of %(order)s is (partly) paid or reconciled: un-reconcile "
                    "the payment first, an approval with a paid invoice is not reversed.",
                    invoice=invoice.name,
                    order=self.name,
                )
            )

    def _dealer_unapprove(self):
        self.ensure_one()
        invoice = self.dealer_invoice_id
        credit_note = invoice._reverse_moves(
            [
                {
                    "ref": _("Reversal of %(invoice)s (sale approval withdrawn)", invoice=invoice.name),
                    "invoice_date": fields.Date.context_today(self),
                }
            ],
            cancel=True,
        )
        if credit_note.state != "posted":
            credit_note.action_post()
        returns = self._dealer_return_car()
        self._dealer_transfers()._dealer_cancel()
        self._dealer_write(
            {
                "dealer_approval_state": "none",
                "dealer_approved_by": False,
                "dealer_approved_date": False,
                "dealer_invoice_id": False,
                "dealer_car_cost": 0.0,
            }
        )
        self.message_post(
            body=_(
                "Approval withdrawn: credit note %(credit_note)s posted, car returned with %(returns)s.",
                credit_note=credit_note.name,
                returns=", ".join(returns.mapped("name")),
            )
        )
        return credit_note

    def _dealer_return_car(self):
        """Odoo's return of the done deliveries of the car, validated with the car's serial."""
        self.ensure_one()
        car = self._dealer_cars()
        car_line = self.order_line.filtered(lambda line: line.dealer_vehicle_id == car)
        done_moves = car_line.move_ids.filtered(
            lambda move: move.state == "done" and move.picking_code == "outgoing" and move.lot_ids == car.lot_id
        )
        delivered = done_moves.filtered(
            lambda move: not move.returned_move_ids.filtered(lambda ret: ret.state != "cancel")
        )
        returns = self.env["stock.picking"]
        for picking in delivered.picking_id:
            wizard = (
                self.env["stock.return.picking"]
                .with_context(active_id=picking.id, active_model="stock.picking", active_ids=picking.ids)
                .create({"picking_id": picking.id})
            )
            for line in wizard.product_return_moves:
                line.write({"quantity": line.move_id.quantity if line.move_id in delivered else 0, "to_refund": True})
            wizard.product_return_moves.filtered(lambda line: not line.quantity).unlink()
            returns |= wizard._create_return()
        for move in returns.move_ids.filtered(lambda move: move.product_id == car.product_id):
            self._dealer_set_move_lot(move, car)
        for picking in returns:
            picking.move_ids.filtered(lambda move: move.state not in ("done", "cancel") and move.quantity).picked = True
            picking.with_context(skip_backorder=True, skip_sms=True).button_validate()
            if picking.state != "done":
                raise UserError(_("The return %(picking)s could not be validated.", picking=picking.name))
        car.invalidate_recordset(["stock_location_id", "stock_warehouse_id"])  # computed from the quants
        return returns

    # ------------------------------------------------------------------
    # after-sales survey
    def _dealer_send_survey(self):
        """Invite the customer to the company's after-sales survey, the answer linked to the sale."""
        self.ensure_one()
        survey = self.company_id.dealer_survey_id
        partner = self.partner_id
        if not survey or not partner.email:
            return self.env["survey.user_input"]
        answer = survey._create_answer(partner=partner, check_attempts=False, dealer_sale_id=self.id)
        template = self.env.ref("dealer_usedcar.mail_template_dealer_survey_invite", raise_if_not_found=False)
        if template:
            template.send_mail(answer.id, email_layout_xmlid="mail.mail_notification_light")
        self.message_post(
            body=_("After-sales survey %(survey)s sent to %(partner)s.", survey=survey.title, partner=partner.name)
        )
        return answer

    def action_dealer_view_surveys(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Surveys of %(order)s", order=self.name),
            "res_model": "survey.user_input",
            "view_mode": "list,form",
            "domain": [("dealer_sale_id", "=", self.id)],
            "context": {"create": False},
        }
