from odoo import fields, models

BILLED_TYPES = [("replacement", "Replacement Car"), ("rental", "Rental")]


class DealerBookingTariff(models.Model):
    """What a replacement car or a rental costs: per day, with km included per day, per km beyond."""

    _name = "dealer.booking.tariff"
    _description = "Booking Tariff"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    booking_type = fields.Selection(
        BILLED_TYPES,
        string="Booking Type",
        help="The bookings this tariff is for; empty: replacement cars and rentals.",
    )
    price_day = fields.Monetary(string="Price per Day", required=True, help="Untaxed, per started 24 hours.")
    price_km = fields.Float(
        string="Price per Extra km", digits="Product Price", help="Untaxed, per km driven beyond the included km."
    )
    included_km_day = fields.Float(string="Included km per Day", digits=(12, 0))
    product_id = fields.Many2one(
        "product.product",
        string="Service Product",
        required=True,
        check_company=True,
        domain="[('type', '=', 'service'), ('sale_ok', '=', True)]",
        help="The order lines carry this product: its taxes and income account apply.",
    )
    note = fields.Text(translate=True)

    _sql_constraints = [
        ("price_day_positive", "CHECK (price_day >= 0)", "A tariff's day price cannot be negative."),
        ("price_km_positive", "CHECK (price_km >= 0)", "A tariff's km price cannot be negative."),
        ("included_km_positive", "CHECK (included_km_day >= 0)", "Included km cannot be negative."),
    ]
