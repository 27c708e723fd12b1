from odoo import models


class StockRule(models.Model):
    _inherit = "stock.rule"

    def _get_custom_move_fields(self):
        return [*super()._get_custom_move_fields(), "dealer_vehicle_id"]
