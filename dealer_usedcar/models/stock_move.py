from odoo import _, models
from odoo.exceptions import UserError


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        self._dealer_check_car_not_in_stock()
        self._dealer_check_car_delivery_approved()
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

    def _dealer_check_car_delivery_approved(self):
        """A car sold on an order (as its car sold or on a line, as a job sells it) goes to the
        customer only through the sale's approval, which also posts the invoice, in every company
        that asks for it (Car Sales Need Approval, on by default)."""
        if self.env["sale.order"]._dealer_delivering_by_approval():
            return
        cars_out = self.sudo().filtered(  # sudo: the guard reads the sale line's car whatever the user's sale rights
            lambda move: move.state != "done"
            and move.company_id.dealer_sale_approval
            and move.sale_line_id
            and move.location_dest_id.usage == "customer"
            and (move.dealer_vehicle_id or move.sale_line_id.dealer_vehicle_id)
        )
        if cars_out:
            move = cars_out[0]
            raise UserError(
                _(
                    "Car %(car)s of %(order)s is delivered by the approval of its sale: a sale approver "
                    "approves %(order)s, which delivers the car and posts the invoice.",
                    car=(move.dealer_vehicle_id or move.sale_line_id.dealer_vehicle_id).display_name,
                    order=move.sale_line_id.order_id.name,
                )
            )
