from odoo import fields, models


class AccountMoveLine(models.Model):
    """A vendor bill line made by a reconditioning: its posted amount is what the car's value
    follows (``valued``: how much of it has been carried to the car so far)."""

    _inherit = "account.move.line"

    dealer_reconditioning_id = fields.Many2one(
        "dealer.reconditioning",
        string="Reconditioning",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The reconditioning of a car this bill line pays: posting it adds its untaxed amount to the car.",
    )
    dealer_reconditioning_valued = fields.Monetary(
        string="Added to the Car",
        currency_field="company_currency_id",
        readonly=True,
        copy=False,
        help="How much of this line has been added to the car's value (or, once sold, to its cost of goods sold).",
    )

    def _copy_data_extend_business_fields(self, values):
        # a credit note of the bill takes its amount back from the car
        result = super()._copy_data_extend_business_fields(values)
        values["dealer_reconditioning_id"] = self.dealer_reconditioning_id.id
        return result
