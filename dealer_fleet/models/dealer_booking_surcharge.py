from odoo import fields, models


class DealerBookingSurcharge(models.Model):
    """A fixed or percentage surcharge on a bill (cleaning, delivery, …); negative for a discount.

    A percentage applies to the days, extra km and insurance of the bill (not to other surcharges).
    """

    _name = "dealer.booking.surcharge"
    _inherit = ["dealer.booking.price.mixin"]
    _description = "Booking Surcharge or Discount"

    kind = fields.Selection(
        [("fixed", "Fixed Amount"), ("percent", "Percentage")], required=True, default="fixed", string="Kind"
    )
    amount = fields.Monetary(help="Untaxed; negative for a discount.")
    percent = fields.Float(
        string="Percentage",
        digits=(5, 2),
        help="Of the days, extra km and insurance of the bill; negative for a discount.",
    )
