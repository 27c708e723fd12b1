from odoo import _, models


class DealerReportStockAgeXlsx(models.AbstractModel):
    _name = "report.dealer_reports.stock_age_xlsx"
    _inherit = "report.dealer_reports.xlsx"
    _description = "Stock Age XLSX"
    _dealer_columns = (
        ("vin", False),
        ("vehicle_id", False),
        ("model_id", False),
        ("warehouse_id", False),
        ("date_in", False),
        ("date_out", False),
        ("days_in_stock", False),
        ("age_bucket", False),
        ("car_count", True),
        ("list_price", True),
        ("stock_value", True),
    )

    def _dealer_sheet_title(self):
        return _("Stock Age")
