from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools import float_is_zero

# The purchase cart's bookkeeping on a sale line: what a purchase user may write on it
CART_FIELDS = {"dealer_cart_state", "dealer_purchase_line_id"}


class SaleOrderLine(models.Model):
    _name = "sale.order.line"
    _inherit = ["sale.order.line", "dealer.action.mixin"]

    dealer_vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Vehicle",
        index="btree_not_null",
        check_company=True,
        help="The car this line sells: its delivery takes exactly this car (its VIN serial number).",
    )
    dealer_cart_state = fields.Selection(
        [("none", "Not in Cart"), ("in_cart", "In Purchase Cart"), ("ordered", "Ordered")],
        string="Purchase Cart",
        default="none",
        required=True,
        copy=False,
        readonly=True,
        index=True,
    )
    dealer_purchase_line_id = fields.Many2one(
        "purchase.order.line",
        string="Purchase Line",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The vendor order line that buys the goods of this line.",
    )
    dealer_purchase_order_id = fields.Many2one(
        related="dealer_purchase_line_id.order_id", string="Purchase Order", readonly=True
    )
    dealer_car_open = fields.Boolean(
        string="Car in an Open Sale",
        compute="_compute_dealer_car_open",
        store=True,
        help="The line sells its car on a live order (not cancelled, not an earlier version) and the car "
        "is not delivered: a car is on one such line at most.",
    )

    _sql_constraints = [
        (
            "dealer_one_open_sale_per_car",
            "EXCLUDE (dealer_vehicle_id WITH =) WHERE (dealer_car_open)",
            "This car is already being sold by another open order: cancel that order first.",
        ),
    ]

    @api.depends("dealer_vehicle_id", "state", "qty_delivered", "order_id.dealer_version_of_id")
    def _compute_dealer_car_open(self):
        for line in self:
            line.dealer_car_open = bool(
                line.dealer_vehicle_id
                and line.state != "cancel"
                and not line.order_id.dealer_version_of_id
                and float_is_zero(line.qty_delivered, precision_rounding=line.product_uom.rounding or 0.01)
            )

    def _prepare_procurement_values(self, group_id=False):
        values = super()._prepare_procurement_values(group_id=group_id)
        values["dealer_vehicle_id"] = self.dealer_vehicle_id.id
        return values

    # ------------------------------------------------------------------
    # earlier versions are read-only
    def _dealer_snapshot_values(self):
        """The line as it is, with its price, discount and taxes (not recomputed)."""
        return [
            {
                "sequence": line.sequence,
                "display_type": line.display_type,
                "name": line.name,
                "product_id": line.product_id.id,
                "product_uom_qty": line.product_uom_qty,
                "product_uom": line.product_uom.id,
                "price_unit": line.price_unit,
                "technical_price_unit": line.technical_price_unit,
                "discount": line.discount,
                "tax_id": [Command.set(line.tax_id.ids)],
                "customer_lead": line.customer_lead,
                "analytic_distribution": line.analytic_distribution,
                "dealer_vehicle_id": line.dealer_vehicle_id.id,
            }
            for line in self.filtered(lambda line: not line.is_downpayment)
        ]

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env["sale.order"]._dealer_in_action():
            order_ids = {vals.get("order_id") for vals in vals_list if vals.get("order_id")}
            self.env["sale.order"].browse(order_ids)._dealer_check_not_snapshot()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env["sale.order"]._dealer_in_action():
            self.order_id._dealer_check_not_snapshot()
            if not CART_FIELDS.issuperset(vals):
                self._dealer_check_sales_write()
        return super().write(vals)

    def _dealer_check_sales_write(self):
        """Cart lines are shared with the purchase users: only the order's salesperson (or a
        sales manager) changes anything else on them."""
        if self.env.su or self.env.user.has_group("sales_team.group_sale_salesman_all_leads"):
            return
        foreign = self.filtered(
            lambda line: line.dealer_cart_state != "none" and line.order_id.user_id not in (self.env.user, False)
        )
        if foreign:
            raise AccessError(
                _(
                    "%(user)s may order the goods of %(order)s but not change its lines.",
                    user=self.env.user.name,
                    order=foreign[0].order_id.name,
                )
            )

    # ------------------------------------------------------------------
    # purchase cart
    def _dealer_seller(self):
        self.ensure_one()
        product = self.product_id.with_company(self.company_id)
        return product._select_seller(quantity=self.product_uom_qty, uom_id=self.product_uom)

    def _dealer_cart_refusal(self):
        """Why this line cannot be bought from a vendor, or False."""
        self.ensure_one()
        if self.display_type or not self.product_id:
            return _("free text, not a product")
        if not self.product_id.purchase_ok:
            return _("%(product)s cannot be purchased", product=self.product_id.display_name)
        if self.product_uom_qty <= 0:
            return _("no quantity to order")
        if not self._dealer_seller():
            return _("%(product)s has no vendor for this quantity", product=self.product_id.display_name)
        return False

    @api.model
    def _dealer_refusal_message(self, intro, refusals):
        listed = "\n".join(
            f"- {line.order_id.name}: {(line.name or '').splitlines()[0] if line.name else ''} ({reason})"
            for line, reason in refusals.items()
        )
        return f"{intro}\n{listed}"

    def _dealer_add_to_cart(self):
        lines = self.filtered(lambda line: line.dealer_cart_state == "none")
        refusals = {}
        for line in lines:
            if reason := line._dealer_cart_refusal():
                refusals[line] = reason
        eligible = lines.filtered(lambda line: line not in refusals)
        if refusals and not eligible:
            raise UserError(
                self._dealer_refusal_message(_("None of these lines can be ordered from a vendor:"), refusals)
            )
        eligible.dealer_cart_state = "in_cart"
        if refusals:
            message = self._dealer_refusal_message(
                _("%(count)s line(s) added to the purchase cart. Not added:", count=len(eligible)), refusals
            )
            kind = "warning"
        elif eligible:
            message, kind = _("%(count)s line(s) added to the purchase cart.", count=len(eligible)), "success"
        else:
            message, kind = _("Nothing to add: the lines are in the purchase cart or ordered already."), "info"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Purchase Cart"),
                "message": message,
                "type": kind,
                "sticky": bool(refusals),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_dealer_create_purchases(self):
        """One draft purchase order per vendor (and company) for the selected cart lines, equal
        products merged; each sale line keeps its purchase line. Lines ordered already are skipped."""
        if not self:
            raise UserError(_("Select the purchase cart lines to order."))
        if not self.env.user.has_group("purchase.group_purchase_user"):
            raise AccessError(_("Creating purchase orders needs the Purchase user right."))
        self._dealer_lock()
        lines = self.filtered(lambda line: line.dealer_cart_state != "ordered")
        refusals = {}
        for line in lines:
            if line.dealer_cart_state != "in_cart":
                refusals[line] = _("not in the purchase cart")
            elif reason := line._dealer_cart_refusal():
                refusals[line] = reason
        if refusals:
            raise UserError(self._dealer_refusal_message(_("These lines cannot be ordered:"), refusals))
        if not lines:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "title": _("Purchase Cart"),
                    "message": _("These lines are ordered already: nothing new to order."),
                    "type": "info",
                },
            }
        groups = defaultdict(lambda: defaultdict(lambda: self.env["sale.order.line"]))
        for line in lines:
            vendor = line._dealer_seller().partner_id
            groups[(line.company_id, vendor)][(line.product_id, line.dealer_vehicle_id)] |= line
        purchases = self.env["purchase.order"]
        for (company, vendor), products in groups.items():
            sale_lines = self.env["sale.order.line"].concat(*products.values())
            purchase = (
                self.env["purchase.order"]
                .with_company(company)
                .create(
                    {
                        "partner_id": vendor.id,
                        "company_id": company.id,
                        "origin": ", ".join(sale_lines.order_id.sorted("id").mapped("name")),
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "product_qty": sum(
                                        line.product_uom._compute_quantity(line.product_uom_qty, product.uom_po_id)
                                        for line in same
                                    ),
                                    "product_uom": product.uom_po_id.id,
                                    "dealer_vehicle_id": car.id,
                                }
                            )
                            for (product, car), same in products.items()
                        ],
                    }
                )
            )
            for purchase_line, same in zip(purchase.order_line.sorted("id"), products.values(), strict=True):
                same.write({"dealer_cart_state": "ordered", "dealer_purchase_line_id": purchase_line.id})
            purchases |= purchase
        return {
            "type": "ir.actions.act_window",
            "name": _("Purchase Orders"),
            "res_model": "purchase.order",
            "view_mode": "list,form",
            "domain": [("id", "in", purchases.ids)],
        }
