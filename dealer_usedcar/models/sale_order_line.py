from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    dealer_is_gift = fields.Boolean(
        string="Gift",
        help="Given to the customer with the car: the price is 0, but what it costs the dealer still "
        "counts in the car's margin.",
    )

    @api.depends("dealer_is_gift")
    def _compute_price_unit(self):
        gifts = self.filtered("dealer_is_gift")
        result = super(SaleOrderLine, self - gifts)._compute_price_unit()
        gifts.price_unit = 0.0
        return result

    @api.onchange("dealer_is_gift")
    def _onchange_dealer_is_gift(self):
        if self.dealer_is_gift:
            self.price_unit = 0.0

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("dealer_is_gift"):
                vals["price_unit"] = 0.0
        orders = self.env["sale.order"].browse(
            {vals["order_id"] for vals in vals_list if vals.get("dealer_vehicle_id") and vals.get("order_id")}
        )
        orders._dealer_car_locked()._dealer_refuse_car_change()  # no car comes onto a confirmed order
        for vals in vals_list:
            if vals.get("dealer_vehicle_id") and vals.get("order_id"):
                order = self.env["sale.order"].browse(vals["order_id"])
                self._dealer_check_car_in_one_open_sale(order, vals["dealer_vehicle_id"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("dealer_is_gift"):
            vals = dict(vals, price_unit=0.0)
        if "dealer_vehicle_id" in vals:
            self._dealer_check_car_kept(vals["dealer_vehicle_id"])
            for order in self.order_id:
                self._dealer_check_car_in_one_open_sale(order, vals["dealer_vehicle_id"])
        return super().write(vals)

    def _dealer_check_car_kept(self, car_id):
        """A confirmed order's line keeps its car (see ``sale.order._dealer_check_car_kept``)."""
        car_id = car_id.id if isinstance(car_id, models.BaseModel) else (car_id or False)
        self.filtered(
            lambda line: line.dealer_vehicle_id.id != car_id
        ).order_id._dealer_car_locked()._dealer_refuse_car_change()

    def _dealer_check_car_in_one_open_sale(self, order, car_id):
        """The friendly message in front of the database's guard (one open sale line per car): checked
        before the line is written, since the database refuses it at the next flush."""
        car = self.env["fleet.vehicle"].browse(car_id)
        if not car or order.state == "cancel" or order.dealer_version_of_id:
            return
        other = order._dealer_other_open_sale(car)
        if other:
            raise ValidationError(
                _(
                    "Car %(car)s is already being sold by the open order %(order)s: cancel that order first.",
                    car=car.display_name,
                    order=other.name,
                )
            )

    @api.constrains("dealer_is_gift", "price_unit")
    def _check_dealer_gift_price(self):
        for line in self.filtered(lambda line: line.dealer_is_gift and line.price_unit):
            raise ValidationError(
                _("%(product)s is a gift: its price is 0.", product=line.product_id.display_name or line.name)
            )
