from odoo import api, fields, models


class StockLot(models.Model):
    _inherit = "stock.lot"

    fleet_vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Vehicle",
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The car this serial number (VIN) stands for.",
    )

    _sql_constraints = [
        ("fleet_vehicle_uniq", "UNIQUE(fleet_vehicle_id)", "A car has one serial number only."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        lots = super().create(vals_list)
        # A serial of a vehicle model named like a car's VIN is that car's lot.
        templates = lots.product_id.product_tmpl_id
        vehicle_templates = (
            self.env["fleet.vehicle.model"].sudo().search([("product_tmpl_id", "in", templates.ids)]).product_tmpl_id
        )
        vehicle_lots = lots.filtered(
            lambda lot: not lot.fleet_vehicle_id and lot.product_id.product_tmpl_id in vehicle_templates
        )
        if vehicle_lots:
            cars = (
                self.env["fleet.vehicle"]
                .sudo()
                .search(
                    [
                        ("vin_sn", "in", vehicle_lots.mapped("name")),
                        ("model_id.product_tmpl_id", "in", vehicle_lots.product_id.product_tmpl_id.ids),
                        ("lot_id", "=", False),
                    ]
                )
            )
            cars._dealer_link_lots(vehicle_lots.sudo())
        for lot in lots.sudo().filtered("fleet_vehicle_id"):
            if lot.fleet_vehicle_id.lot_id != lot:
                lot.fleet_vehicle_id.lot_id = lot
        return lots
