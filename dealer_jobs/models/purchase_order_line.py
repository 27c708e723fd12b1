from odoo import fields, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    dealer_vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Vehicle",
        index="btree_not_null",
        check_company=True,
        help="The car this line buys: its receipt takes the car's VIN as serial number.",
    )
    dealer_sale_line_ids = fields.One2many(
        "sale.order.line",
        "dealer_purchase_line_id",
        string="Sale Lines",
        readonly=True,
        help="The customer order lines this line buys the goods for (purchase cart).",
    )

    def _prepare_stock_moves(self, picking):
        vals_list = super()._prepare_stock_moves(picking)
        for vals in vals_list:
            vals["dealer_vehicle_id"] = self.dealer_vehicle_id.id
        return vals_list
