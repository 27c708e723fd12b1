from odoo import models


class SaleReport(models.Model):
    _inherit = "sale.report"

    def _where_sale(self):
        # earlier versions of a quotation are copies, not sales: only the live order counts
        return f"{super()._where_sale()} AND s.dealer_version_of_id IS NULL"
