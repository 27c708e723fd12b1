from odoo import fields, models


class DealerBookingInsurance(models.Model):
    """Comprehensive cover sold with a replacement car or a rental: a price per day and a deductible."""

    _name = "dealer.booking.insurance"
    _description = "Booking Insurance"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    price_day = fields.Monetary(string="Price per Day", required=True, help="Untaxed, per started 24 hours.")
    deductible = fields.Monetary(help="What the customer pays per damage; printed in the line's description.")
    product_id = fields.Many2one(
        "product.product",
        string="Service Product",
        required=True,
        check_company=True,
        domain="[('type', '=', 'service'), ('sale_ok', '=', True)]",
    )

    _sql_constraints = [
        ("price_day_positive", "CHECK (price_day >= 0)", "An insurance's day price cannot be negative."),
        ("deductible_positive", "CHECK (deductible >= 0)", "A deductible cannot be negative."),
    ]
