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

    def _prepare_stock_moves(self, picking):
        vals_list = super()._prepare_stock_moves(picking)
        for vals in vals_list:
            vals["dealer_vehicle_id"] = self.dealer_vehicle_id.id
        return vals_list
