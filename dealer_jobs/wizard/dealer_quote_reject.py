from odoo import fields, models


class DealerQuoteReject(models.TransientModel):
    _name = "dealer.quote.reject"
    _description = "Reject Quotation"

    order_ids = fields.Many2many("sale.order", string="Quotations", required=True)
    lost_reason_id = fields.Many2one("crm.lost.reason", string="Lost Reason", required=True)
    note = fields.Char(help="Anything the customer said, logged on the quotation.")

    def action_reject(self):
        self.ensure_one()
        return self.order_ids.action_dealer_reject(lost_reason_id=self.lost_reason_id.id, note=self.note)
