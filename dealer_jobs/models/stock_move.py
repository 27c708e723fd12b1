from odoo import _, fields, models


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

    def _prepare_procurement_values(self):
        values = super()._prepare_procurement_values()
        values["dealer_vehicle_id"] = self.dealer_vehicle_id.id  # each step of a delivery carries the car
        return values

    def _update_reserved_quantity(self, need, location_id, lot_id=None, package_id=None, owner_id=None, strict=True):
        """A car's move reserves exactly that car: its VIN lot, never another car of the model."""
        car_lot = self.dealer_vehicle_id.lot_id
        if car_lot and not lot_id and car_lot.product_id == self.product_id:
            lot_id = car_lot
        return super()._update_reserved_quantity(
            need, location_id, lot_id=lot_id, package_id=package_id, owner_id=owner_id, strict=strict
        )

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

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        moves._dealer_hand_over_cars()
        return moves

    def _dealer_hand_over_cars(self):
        """The car changes hands with its stock move: received into stock it is the dealer's stock
        car without owner; delivered to a customer or returned to its seller it is theirs. A
        return reverses it the same way. Each change is logged on the car."""
        for line in self.filtered(lambda move: move.state == "done").move_line_ids:
            car = line.lot_id.fleet_vehicle_id.sudo()  # sudo: the car follows its stock move, whoever validates it
            if not car:
                continue
            source, destination = line.location_id.usage, line.location_dest_id.usage
            partner = (line.move_id.picking_id.partner_id or line.move_id.partner_id).commercial_partner_id
            if destination == "internal" and source != "internal":
                vals = {"dealer_usage": "stock", "owner_id": False}
            elif destination in ("customer", "supplier") and source == "internal" and partner:
                vals = {"dealer_usage": "customer", "owner_id": partner.id}
            else:
                continue
            if car.dealer_usage == vals["dealer_usage"] and car.owner_id.id == vals["owner_id"]:
                continue
            car.write(vals)
            usage = dict(car._fields["dealer_usage"]._description_selection(self.env))[car.dealer_usage]
            transfer = line.move_id.picking_id.name or line.move_id.reference
            if car.owner_id:
                body = _(
                    "%(transfer)s: the car is now a %(usage)s of %(partner)s.",
                    transfer=transfer,
                    usage=usage,
                    partner=car.owner_id.display_name,
                )
            else:
                body = _("%(transfer)s: the car is now %(usage)s.", transfer=transfer, usage=usage)
            car.message_post(body=body)
