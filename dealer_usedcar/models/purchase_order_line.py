from odoo import _, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    def _dealer_car_line_errors(self):
        """What is wrong with these car lines as such: one car per line, quantity 1, each car once."""
        errors = []
        seen = set()
        for line in self.filtered("dealer_vehicle_id"):
            car = line.dealer_vehicle_id
            if line.product_uom_qty != 1:
                errors.append(
                    _(
                        "The line of the car %(car)s buys %(quantity)s units: a car line buys exactly one car "
                        "(quantity 1).",
                        car=car.display_name,
                        quantity=line.product_uom_qty,
                    )
                )
            if car in seen:
                errors.append(_("The car %(car)s is on several lines: one line per car.", car=car.display_name))
            seen.add(car)
        return errors
