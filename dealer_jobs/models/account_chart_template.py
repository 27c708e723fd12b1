from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _post_load_data(self, template_code, company, template_data):
        res = super()._post_load_data(template_code, company, template_data)
        # The company has its stock accounts and journal now: its cars are valued automatically.
        self.env["product.category"]._dealer_setup_vehicle_valuation(company or self.env.company)
        return res
