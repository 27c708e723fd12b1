from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    dealer_vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Vehicle",
        index="btree_not_null",
        help="The car this move carries: its serial number is the car's VIN.",
    )

    def _prepare_merge_moves_distinct_fields(self):
        return [*super()._prepare_merge_moves_distinct_fields(), "dealer_vehicle_id"]  # one move per car

    def _prepare_move_line_vals(self, quantity=None, reserved_quant=None):
        """A car's receipt needs no serial typed: the VIN is the lot (the existing one when the
        car was here before)."""
        vals = super()._prepare_move_line_vals(quantity=quantity, reserved_quant=reserved_quant)
        car = self.dealer_vehicle_id
        if car.vin_sn and self.picking_code == "incoming" and self.product_id.tracking == "serial":
            lot = self.env["stock.lot"].search(
                [
                    ("name", "=", car.vin_sn),
                    ("product_id", "=", self.product_id.id),
                    ("company_id", "in", (self.company_id.id, False)),
                ],
                limit=1,
            )
            if lot:
                vals.update(lot_id=lot.id, lot_name=False)
            else:
                vals["lot_name"] = car.vin_sn
        return vals
