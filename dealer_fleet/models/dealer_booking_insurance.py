from odoo import fields, models


class DealerBookingInsurance(models.Model):
    """Comprehensive cover sold with a replacement car or a rental: a price per day and a deductible."""

    _name = "dealer.booking.insurance"
    _inherit = ["dealer.booking.price.mixin"]
    _description = "Booking Insurance"

    price_day = fields.Monetary(string="Price per Day", required=True, help="Untaxed, per started 24 hours.")
    deductible = fields.Monetary(help="What the customer pays per damage; printed in the line's description.")

    _sql_constraints = [
        ("price_day_positive", "CHECK (price_day >= 0)", "An insurance's day price cannot be negative."),
        ("deductible_positive", "CHECK (deductible >= 0)", "A deductible cannot be negative."),
    ]
