from odoo import api, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    @api.model
    def _dealer_vehicle_category(self):
        """The "Vehicles" category, valued per car: FIFO, and automated valuation as soon as the
        current company has its stock accounts (a company without a chart of accounts cannot)."""
        category = self.env.ref("dealer_jobs.product_category_vehicles").sudo().with_company(self.env.company)
        vals = {}
        if category.property_cost_method != "fifo":
            vals["property_cost_method"] = "fifo"
        if category.property_valuation != "real_time" and all(
            category[name]
            for name in (
                "property_stock_valuation_account_id",
                "property_stock_account_input_categ_id",
                "property_stock_account_output_categ_id",
                "property_stock_journal",
            )
        ):
            vals["property_valuation"] = "real_time"
        if vals:
            category.write(vals)
        return category.with_env(self.env)
