from odoo import fields, models


class DealerBookingPriceMixin(models.AbstractModel):
    """What a booking's bill is made of (tariff, insurance, surcharge): a named price per company,
    billed as a service product whose taxes and income account apply."""

    _name = "dealer.booking.price.mixin"
    _description = "Booking Price"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_id = fields.Many2one(
        "product.product",
        string="Service Product",
        required=True,
        check_company=True,
        domain="[('type', '=', 'service'), ('sale_ok', '=', True)]",
        help="The order lines carry this product: its taxes and income account apply.",
    )
