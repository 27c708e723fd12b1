from odoo import _, api, fields, models
from odoo.exceptions import UserError


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    dealer_payment_method = fields.Selection(
        [
            ("cash", "Cash"),
            ("bank_transfer", "Bank Transfer"),
            ("financing", "Financing"),
            ("trade_in", "Trade-in Credit"),
        ],
        string="Payment Method",
        compute="_compute_dealer_payment_method",
        store=True,
        readonly=False,
        copy=False,
        tracking=True,
        help="How the seller of the car is paid, for statistics only. Required to buy a car; "
        "a trade-in job's purchase defaults to trade-in credit.",
    )
    dealer_warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Destination Warehouse",
        related="picking_type_id.warehouse_id",
        help="The warehouse the car enters: the one of the receipt's operation type.",
    )
    dealer_is_car_purchase = fields.Boolean(
        string="Car Purchase", compute="_compute_dealer_is_car_purchase", help="The order buys at least one car."
    )

    @api.depends("dealer_job_id")
    def _compute_dealer_payment_method(self):
        for order in self:
            if order.dealer_job_id and not order.dealer_payment_method:
                order.dealer_payment_method = "trade_in"

    @api.depends("order_line.dealer_vehicle_id")
    def _compute_dealer_is_car_purchase(self):
        for order in self:
            order.dealer_is_car_purchase = bool(order.order_line.dealer_vehicle_id)

    def button_confirm(self):
        self._dealer_check_car_purchase()
        return super().button_confirm()

    def _dealer_check_car_purchase(self):
        """Refuse to buy a car with incomplete data, or a car already in stock: one error that
        names each car and everything it misses."""
        errors = []
        for order in self.filtered(lambda o: o.state in ("draft", "sent", "to approve")):
            car_lines = order.order_line.filtered("dealer_vehicle_id")
            if not car_lines:
                continue
            errors += car_lines._dealer_car_line_errors()
            order_missing = []
            if not order.partner_id:
                order_missing.append(_("the seller"))
            if not order.dealer_warehouse_id:
                order_missing.append(_("the destination warehouse"))
            if not order.dealer_payment_method:
                order_missing.append(_("the payment method"))
            for car in car_lines.dealer_vehicle_id:
                missing = list(order_missing)
                if not car.vin_sn:
                    missing.append(_("the VIN"))
                if not car.engine_number:
                    missing.append(_("the engine number"))
                if not car.model_code:
                    missing.append(_("the model code"))
                if missing:
                    errors.append(
                        _(
                            "%(order)s: to buy the car %(car)s, enter %(missing)s.",
                            order=order.name,
                            car=car.display_name,
                            missing=", ".join(missing),
                        )
                    )
            errors += car_lines.dealer_vehicle_id._dealer_in_stock_errors(order.company_id)
        if errors:
            raise UserError("\n".join(errors))
