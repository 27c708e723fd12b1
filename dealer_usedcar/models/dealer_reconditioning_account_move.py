from odoo import _, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    """The vendor bill of a reconditioning: posted by accounting with the vendor's reference, it
    adds its untaxed amount to the car's value (a credit note of it takes the amount back)."""

    _inherit = "account.move"

    def _dealer_reconditioning_lines(self):
        return self.filtered(lambda move: move.is_purchase_document()).line_ids.filtered(
            lambda line: line.dealer_reconditioning_id and line.display_type == "product"
        )

    def _post(self, soft=True):
        for bill in self.filtered(lambda move: move.move_type == "in_invoice" and not move.ref):
            if bill._dealer_reconditioning_lines():
                raise UserError(
                    _(
                        "%(bill)s pays the reconditioning of a car: enter the vendor's invoice reference "
                        "before posting it, so that the vendor's invoice is booked once.",
                        bill=bill.display_name,
                    )
                )
        posted = super()._post(soft)
        posted._dealer_value_reconditioning_lines()
        return posted

    def _dealer_value_reconditioning_lines(self):
        """Carry the posted amount of the reconditioning lines to their cars, once: each line
        remembers how much it carried, so posting again after a reset adds only a difference."""
        # posting needs Odoo's invoicing right (checked by _post) and then revalues the car, as Odoo's own
        # bill posting creates its price-difference layers (purchase_stock): layers are Inventory Administrators'
        lines = self._dealer_reconditioning_lines().sudo()  # sudo: the posted bill revalues the car
        if not lines:
            return
        lines.dealer_reconditioning_id._dealer_lock()
        for line in lines:
            amount = line.company_currency_id.round(line.balance - line.dealer_reconditioning_valued)
            if line.company_currency_id.is_zero(amount):
                continue
            line.dealer_reconditioning_id._dealer_add_bill_line(line, amount)
            line.dealer_reconditioning_valued = line.balance
