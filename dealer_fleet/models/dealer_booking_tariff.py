from odoo import fields, models

BILLED_TYPES = [("replacement", "Replacement Car"), ("rental", "Rental")]


class DealerBookingTariff(models.Model):
    """What a replacement car or a rental costs: per day, with km included per day, per km beyond."""

    _name = "dealer.booking.tariff"
    _inherit = ["dealer.booking.price.mixin"]
    _description = "Booking Tariff"

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
    note = fields.Text(translate=True)

    _sql_constraints = [
        ("price_day_positive", "CHECK (price_day >= 0)", "A tariff's day price cannot be negative."),
        ("price_km_positive", "CHECK (price_km >= 0)", "A tariff's km price cannot be negative."),
        ("included_km_positive", "CHECK (included_km_day >= 0)", "Included km cannot be negative."),
    ]
