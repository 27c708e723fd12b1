from odoo import _, models
from odoo.exceptions import UserError


class DealerJob(models.Model):
    _inherit = "dealer.job"

    def _dealer_invoice(self):
        """Where car sales need approval, the job's car and invoice go out by the approval of its order."""
        waiting = self.sale_order_ids.filtered(
            lambda order: order.state == "sale"
            and order.company_id.dealer_sale_approval
            and order.dealer_sells_car
            and order.dealer_approval_state != "approved"
        )
        if waiting:
            raise UserError(
                _(
                    "The car of %(order)s leaves by the approval of the sale, which also posts the invoice: "
                    "a sale approver approves %(order)s.",
                    order=waiting[0].name,
                )
            )
        return super()._dealer_invoice()
