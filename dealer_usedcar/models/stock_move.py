from odoo import models
from odoo.exceptions import UserError


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        self._dealer_check_car_not_in_stock()
        return super()._action_done(cancel_backorder=cancel_backorder)

    def _dealer_check_car_not_in_stock(self):
        """A car received from outside (seller, customer) must not be in stock already."""
        errors = []
        incoming = self.filtered(
            lambda move: move.dealer_vehicle_id
            and move.state != "done"
            and move.location_dest_id.usage == "internal"
            and move.location_id.usage != "internal"
        )
        for company in incoming.company_id:
            cars = incoming.filtered(lambda move, company=company: move.company_id == company).dealer_vehicle_id
            errors += cars._dealer_in_stock_errors(company)
        if errors:
            raise UserError("\n".join(errors))
