from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    dealer_vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Vehicle",
        index="btree_not_null",
        check_company=True,
        help="The car this line sells: its delivery takes exactly this car (its VIN serial number).",
    )

    def _prepare_procurement_values(self, group_id=False):
        values = super()._prepare_procurement_values(group_id=group_id)
        values["dealer_vehicle_id"] = self.dealer_vehicle_id.id
        return values
