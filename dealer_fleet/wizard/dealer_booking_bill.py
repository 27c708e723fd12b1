import math

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_round
from odoo.tools.misc import format_datetime, formatLang

DAY_SECONDS = 24 * 60 * 60


class DealerBookingBill(models.TransientModel):
    """The calculation of a returned replacement car or rental, and the order that bills it.

    Days are started 24-hour periods from handover to return; the km beyond the tariff's included
    km per day are charged per km; insurance per day; surcharges fixed or as a percentage of the
    days, km and insurance. The lines go to a sale order (new, or an open one of the customer) or
    to the quotation of the customer's repair order; Odoo computes their taxes.
    """

    _name = "dealer.booking.bill"
    _description = "Bill a Replacement Car or Rental"
    _check_company_auto = True

    booking_id = fields.Many2one("dealer.booking", required=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one(related="booking_id.company_id")
    currency_id = fields.Many2one(related="booking_id.company_id.currency_id")
    partner_id = fields.Many2one(related="booking_id.partner_id")
    booking_type = fields.Selection(related="booking_id.booking_type")
    days = fields.Integer(
        string="Days of Use",
        compute="_compute_days",
        store=True,
        readonly=False,
        precompute=True,
        help="Started 24-hour periods from handover to return, at least one: "
        "24 hours are 1 day, 24 hours and 1 minute are 2 days.",
    )
    driven_km = fields.Float(
        string="Driven km", digits=(12, 0), compute="_compute_driven_km", store=True, readonly=False, precompute=True
    )
    tariff_id = fields.Many2one(
        "dealer.booking.tariff",
        compute="_compute_from_booking",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="['|', ('booking_type', '=', False), ('booking_type', '=', booking_type)]",
    )
    insurance_id = fields.Many2one(
        "dealer.booking.insurance",
        compute="_compute_from_booking",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
    )
    surcharge_ids = fields.Many2many(
        "dealer.booking.surcharge",
        string="Surcharges and Discounts",
        compute="_compute_from_booking",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
    )
    included_km = fields.Float(digits=(12, 0), compute="_compute_amounts")
    extra_km = fields.Float(digits=(12, 0), compute="_compute_amounts")
    amount_days = fields.Monetary(string="Days", compute="_compute_amounts")
    amount_km = fields.Monetary(string="Extra km", compute="_compute_amounts")
    amount_insurance = fields.Monetary(string="Insurance Amount", compute="_compute_amounts")
    amount_surcharges = fields.Monetary(string="Surcharges Amount", compute="_compute_amounts")
    amount_untaxed = fields.Monetary(string="Untaxed Total", compute="_compute_amounts")
    calculation = fields.Html(compute="_compute_amounts", sanitize=False)

    target = fields.Selection(
        [("sale", "Sale Order"), ("repair", "Repair Order")],
        string="Bill on",
        required=True,
        compute="_compute_target",
        store=True,
        readonly=False,
        precompute=True,
    )
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Add to Order",
        check_company=True,
        domain="[('partner_id', '=', partner_id), ('state', 'in', ('draft', 'sent')), ('company_id', '=', company_id)]",
        help="An open quotation of the customer; empty: a new order.",
    )
    repair_order_id = fields.Many2one(
        "repair.order",
        string="Repair Order",
        compute="_compute_target",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('partner_id', '=', partner_id), ('state', 'in', ('draft', 'confirmed')), "
        "('company_id', '=', company_id)]",
        help="The lines go to this repair order's quotation (made the Odoo way when it has none).",
    )
    copy_return_comment = fields.Boolean(
        string="Copy Return Remark", default=True, help="The remark taken at the return goes into the description."
    )
    return_comment = fields.Text(related="booking_id.return_comment")
    invoice_now = fields.Boolean(
        string="Invoice at Once",
        help="Confirm the new order and create its invoice; it is posted when you have the invoicing right, "
        "otherwise it stays a draft for accounting.",
    )

    # ------------------------------------------------------------------
    # computes
    @api.depends("booking_id")
    def _compute_days(self):
        for wizard in self:
            wizard.days = wizard._dealer_days_of_use(wizard.booking_id.handover_date, wizard.booking_id.return_date)

    @api.model
    def _dealer_days_of_use(self, start, end):
        """Started 24-hour periods, at least one."""
        if not (start and end):
            return 0
        return max(1, math.ceil((end - start).total_seconds() / DAY_SECONDS))

    @api.depends("booking_id")
    def _compute_driven_km(self):
        for wizard in self:
            wizard.driven_km = wizard.booking_id.driven_km

    @api.depends("booking_id")
    def _compute_from_booking(self):
        for wizard in self:
            booking = wizard.booking_id
            wizard.tariff_id = booking.tariff_id
            wizard.insurance_id = booking.insurance_id
            wizard.surcharge_ids = booking.surcharge_ids

    @api.depends("booking_id")
    def _compute_target(self):
        for wizard in self:
            repair = wizard.booking_id.repair_id
            # a user without Odoo's repair rights bills on a sale order
            if not repair.has_access("write") or repair.state not in ("draft", "confirmed"):
                repair = repair.browse()
            wizard.repair_order_id = repair
            wizard.target = "repair" if repair else "sale"

    @api.depends("days", "driven_km", "tariff_id", "insurance_id", "surcharge_ids", "copy_return_comment")
    def _compute_amounts(self):
        for wizard in self:
            lines = wizard._dealer_lines()
            tariff = wizard.tariff_id
            wizard.included_km = tariff.included_km_day * wizard.days
            wizard.extra_km = max(0.0, wizard.driven_km - wizard.included_km) if tariff else 0.0
            sums = dict.fromkeys(("days", "km", "insurance", "surcharge"), 0.0)
            for line in lines:
                sums[line["kind"]] += line["amount"]
            wizard.amount_days = sums["days"]
            wizard.amount_km = sums["km"]
            wizard.amount_insurance = sums["insurance"]
            wizard.amount_surcharges = sums["surcharge"]
            wizard.amount_untaxed = sum(sums.values())
            wizard.calculation = wizard._dealer_calculation_html(lines)

    # ------------------------------------------------------------------
    # the calculation
    def _money(self, amount):
        return formatLang(self.env, amount, currency_obj=self.currency_id)

    def _dealer_lines(self):
        """The bill, line by line: kind, product, description, quantity, unit price, amount (rounded)."""
        self.ensure_one()
        booking = self.booking_id
        currency = self.currency_id
        tariff, insurance = self.tariff_id, self.insurance_id
        lines = []

        def add(kind, product, name, quantity, price_unit):
            lines.append(
                {
                    "kind": kind,
                    "product": product,
                    "name": name,
                    "quantity": quantity,
                    "price_unit": price_unit,
                    "amount": currency.round(quantity * price_unit),
                }
            )

        if tariff:
            period = _(
                "%(booking)s, %(car)s: handed over %(start)s, returned %(end)s",
                booking=booking.name,
                car=" ".join(filter(None, [booking.vehicle_model_name, booking.vehicle_plate])),
                start=format_datetime(self.env, booking.handover_date, dt_format="short"),
                end=format_datetime(self.env, booking.return_date, dt_format="short"),
            )
            description = "\n".join(
                [
                    _(
                        "%(tariff)s: %(days)s day(s) at %(price)s",
                        tariff=tariff.name,
                        days=self.days,
                        price=self._money(tariff.price_day),
                    ),
                    period,
                ]
            )
            if self.copy_return_comment and booking.return_comment:
                description += "\n" + _("Return remark: %(remark)s", remark=booking.return_comment)
            add("days", tariff.product_id, description, self.days, tariff.price_day)
            included = tariff.included_km_day * self.days
            extra = float_round(max(0.0, self.driven_km - included), precision_digits=0)
            if extra and tariff.price_km:
                add(
                    "km",
                    tariff.product_id,
                    _(
                        "%(extra)s km over %(included)s km included (%(driven)s km driven) at %(price)s",
                        extra=int(extra),
                        included=int(included),
                        driven=int(self.driven_km),
                        price=self._money(tariff.price_km),
                    ),
                    extra,
                    tariff.price_km,
                )
        if insurance:
            add(
                "insurance",
                insurance.product_id,
                _(
                    "%(insurance)s: %(days)s day(s) at %(price)s, deductible %(deductible)s",
                    insurance=insurance.name,
                    days=self.days,
                    price=self._money(insurance.price_day),
                    deductible=self._money(insurance.deductible),
                ),
                self.days,
                insurance.price_day,
            )
        base = sum(line["amount"] for line in lines)
        for surcharge in self.surcharge_ids:
            if surcharge.kind == "percent":
                add(
                    "surcharge",
                    surcharge.product_id,
                    _(
                        "%(surcharge)s: %(percent)s %% of %(base)s",
                        surcharge=surcharge.name,
                        percent=formatLang(self.env, surcharge.percent),
                        base=self._money(base),
                    ),
                    1.0,
                    currency.round(base * surcharge.percent / 100.0),
                )
            else:
                add("surcharge", surcharge.product_id, surcharge.name, 1.0, surcharge.amount)
        return lines

    def _dealer_calculation_html(self, lines):
        rows = Markup("").join(
            Markup(
                "<tr><td style='white-space: pre-line'>%s</td><td class='text-end'>%s</td>"
                "<td class='text-end'>%s</td><td class='text-end'>%s</td></tr>"
            )
            % (
                line["name"],
                formatLang(self.env, line["quantity"], digits=0 if line["quantity"] == int(line["quantity"]) else 2),
                self._money(line["price_unit"]),
                self._money(line["amount"]),
            )
            for line in lines
        )
        return Markup(
            "<table class='table table-sm'><thead><tr><th>%s</th><th class='text-end'>%s</th>"
            "<th class='text-end'>%s</th><th class='text-end'>%s</th></tr></thead><tbody>%s</tbody>"
            "<tfoot><tr><th colspan='3'>%s</th><th class='text-end'>%s</th></tr></tfoot></table>"
        ) % (
            _("Description"),
            _("Quantity"),
            _("Unit Price"),
            _("Amount"),
            rows,
            _("Untaxed Total"),
            escape(self._money(sum(line["amount"] for line in lines))),
        )

    # ------------------------------------------------------------------
    # the order
    def action_create_order(self):
        """Bill the booking once: right, row lock, state, then the order lines (Odoo computes taxes)."""
        self.ensure_one()
        booking = self.booking_id
        booking._check_booking_right("bill")
        booking._dealer_lock()
        booking._dealer_check_billable()
        if self.days <= 0:
            raise UserError(_("Enter the days of use."))
        if self.driven_km < 0:
            raise UserError(_("The driven km cannot be negative."))
        if not self.tariff_id:
            raise UserError(_("Choose a tariff."))
        order, repair = self._dealer_target_order()
        # the descriptions in the customer's language, as the order prints them
        lines = self.with_context(lang=order.partner_id.lang or self.env.lang)._dealer_lines()
        cost_center = self.booking_id.analytic_account_id
        analytic = {"analytic_distribution": {str(cost_center.id): 100}} if cost_center else {}
        sequence = max(order.order_line.mapped("sequence"), default=10)
        order_lines = self.env["sale.order.line"].create(
            [
                {
                    "order_id": order.id,
                    "product_id": line["product"].id,
                    "name": line["name"],
                    "product_uom_qty": line["quantity"],
                    "price_unit": line["price_unit"],
                    "sequence": sequence + index,
                    **analytic,
                }
                for index, line in enumerate(lines, start=1)
            ]
        )
        booking._dealer_write(
            {
                "billed": True,
                "sale_order_id": order.id,
                "billing_repair_id": repair.id,
                "billed_amount": sum(order_lines.mapped("price_subtotal")),
            }
        )
        booking.message_post(
            body=_(
                "Billed on %(order)s: %(amount)s untaxed.",
                order=order.name,
                amount=self._money(booking.billed_amount),
            )
        )
        if self.invoice_now:
            return self._dealer_invoice(order)
        return booking.action_view_billing_order()

    def _dealer_check_access(self, model, operation, group_xmlid):
        if not self.env[model].has_access(operation):
            raise AccessError(
                _(
                    "Billing %(booking)s needs the right “%(group)s” (ask an administrator).",
                    booking=self.booking_id.name,
                    group=self.env.ref(group_xmlid).full_name,
                )
            )

    def _dealer_target_order(self):
        """The sale order that gets the lines, and the repair order it belongs to (if any)."""
        self._dealer_check_access("sale.order", "create", "sales_team.group_sale_salesman")
        partner = self.booking_id.partner_id
        if self.target == "repair":
            self._dealer_check_access("repair.order", "write", "stock.group_stock_user")
            repair = self.repair_order_id
            if not repair:
                raise UserError(_("Choose the repair order to bill on."))
            if self.invoice_now:
                raise UserError(
                    _("A repair order is invoiced with its repair: bill on a new sale order to invoice at once.")
                )
            if repair.partner_id.commercial_partner_id != partner.commercial_partner_id:
                raise UserError(
                    _("%(repair)s is not for %(customer)s.", repair=repair.name, customer=partner.display_name)
                )
            if repair.state not in ("draft", "confirmed"):
                raise UserError(_("%(repair)s is not open any more.", repair=repair.name))
            if not repair.sale_order_id:
                repair.action_create_sale_order()
            order = repair.sale_order_id
            if order.state == "cancel" or order.locked:
                raise UserError(
                    _("The quotation %(order)s of %(repair)s is closed.", order=order.name, repair=repair.name)
                )
            return order, repair
        order = self.sale_order_id
        if order:
            if self.invoice_now:
                raise UserError(
                    _(
                        "Invoicing at once confirms the order: bill on a new order, or invoice %(order)s when "
                        "it is complete.",
                        order=order.name,
                    )
                )
            if order.state not in ("draft", "sent"):
                raise UserError(_("%(order)s is not an open quotation any more.", order=order.name))
            if order.partner_id.commercial_partner_id != partner.commercial_partner_id:
                raise UserError(
                    _("%(order)s is not for %(customer)s.", order=order.name, customer=partner.display_name)
                )
            return order, self.env["repair.order"]
        booking = self.booking_id
        order = self.env["sale.order"].create(
            {"partner_id": partner.id, "company_id": booking.company_id.id, "origin": booking.name}
        )
        return order, self.env["repair.order"]

    def _dealer_invoice(self, order):
        """Confirm the new order and invoice it the Odoo way; posting needs Odoo's invoicing right."""
        order.action_confirm()
        invoices = order._create_invoices()
        if not invoices:
            raise UserError(
                _("%(order)s has nothing to invoice: is the tariff's product invoiced on order?", order=order.name)
            )
        if self.env.user.has_group("account.group_account_invoice"):
            invoices.action_post()
        else:
            self.booking_id.message_post(
                body=_(
                    "Invoice %(invoice)s stays a draft: posting needs the right “%(group)s”.",
                    invoice=invoices[0].display_name,
                    group=self.env.ref("account.group_account_invoice").full_name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": invoices[0].id,
            "views": [(False, "form")],
        }
