from odoo import _, models


class DealerReportVehicleCostXlsx(models.AbstractModel):
    _name = "report.dealer_reports.vehicle_cost_xlsx"
    _inherit = "report.dealer_reports.xlsx"
    _description = "Vehicle Cost Ledger XLSX"
    _dealer_columns = (
        ("vin", False),
        ("vehicle_id", False),
        ("model_id", False),
        ("partner_id", False),
        ("state", False),
        ("date_in", False),
        ("date_sold", False),
        ("cost_purchase", True),
        ("cost_addons", True),
        ("cost_repairs", True),
        ("cost_other", True),
        ("stock_value", True),
        ("revenue", True),
        ("fees", True),
        ("gifts", True),
        ("cogs", True),
        ("margin", True),
    )

    def _dealer_sheet_title(self):
        return _("Vehicle Cost Ledger")
