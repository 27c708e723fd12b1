from odoo import fields, models


class DealerBookingSurcharge(models.Model):
    """A fixed or percentage surcharge on a bill (cleaning, delivery, …); negative for a discount.

    A percentage applies to the days, extra km and insurance of the bill (not to other surcharges).
    """

    _name = "dealer.booking.surcharge"
    _description = "Booking Surcharge or Discount"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    kind = fields.Selection(
        [("fixed", "Fixed Amount"), ("percent", "Percentage")], required=True, default="fixed", string="Kind"
    )
    amount = fields.Monetary(help="Untaxed; negative for a discount.")
    percent = fields.Float(
        string="Percentage",
        digits=(5, 2),
        help="Of the days, extra km and insurance of the bill; negative for a discount.",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Service Product",
        required=True,
        check_company=True,
        domain="[('type', '=', 'service'), ('sale_ok', '=', True)]",
    )
