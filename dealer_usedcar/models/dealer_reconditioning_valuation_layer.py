from odoo import fields, models


class StockValuationLayer(models.Model):
    _inherit = "stock.valuation.layer"

    dealer_reconditioning_id = fields.Many2one(
        "dealer.reconditioning",
        string="Reconditioning",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The reconditioning whose parts or vendor bill added this value to the car.",
    )
