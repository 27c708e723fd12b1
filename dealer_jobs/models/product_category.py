import logging

from odoo import api, models

from odoo.addons.stock_account.models.product import ProductCategory as StockAccountProductCategory

_logger = logging.getLogger(__name__)


class ProductCategory(models.Model):
    _inherit = "product.category"

    @api.model
    def _dealer_vehicle_category(self):
        """The "Vehicles" category (its valuation per car is set at installation, for each new
        company and each chart of accounts loaded)."""
        return self.env.ref("dealer_jobs.product_category_vehicles")

    def _dealer_vehicle_valuation_vals(self):
        """Values missing on the category, in the company of its environment, to value cars one by
        one: FIFO, and automated valuation as soon as the company has its stock accounts and journal
        (a company without a chart of accounts has none)."""
        self.ensure_one()
        vals = {}
        if self.property_cost_method != "fifo":
            vals["property_cost_method"] = "fifo"
        valuation_account = self.property_stock_valuation_account_id
        input_account = self.property_stock_account_input_categ_id
        output_account = self.property_stock_account_output_categ_id
        if (
            self.property_valuation != "real_time"
            and valuation_account
            and input_account
            and output_account
            and self.property_stock_journal
            # stock_account refuses automated valuation with these accounts mixed up
            and valuation_account not in input_account | output_account
        ):
            vals["property_valuation"] = "real_time"
        return vals

    @api.model
    def _dealer_setup_vehicle_valuation(self, companies=None):
        """Value cars one by one in ``companies`` (default: all companies).

        Configuration, never run by a user's action: called at installation, when a company is
        created and when a chart of accounts is loaded. A company that already valued cars keeps
        its method: Odoo cannot revalue the stock of products valued per lot.
        """
        category = self.env.ref("dealer_jobs.product_category_vehicles", raise_if_not_found=False)
        if not category:
            return
        if companies is None:
            companies = self.env["res.company"].sudo().with_context(active_test=False).search([])  # sudo: all of them
        category = category.sudo()  # sudo: configuration of the addon, whoever installs it or creates a company
        for company in companies:
            company_category = category.with_company(company)
            vals = company_category._dealer_vehicle_valuation_vals()
            if not vals:
                continue
            layers = category.env["stock.valuation.layer"].search_count(
                [("company_id", "=", company.id), ("product_id.categ_id", "=", category.id)], limit=1
            )
            if layers:
                _logger.warning(
                    "Company %s has valued cars already: the valuation of the category %s stays as it is, %s not set.",
                    company.name,
                    category.display_name,
                    vals,
                )
                continue
            # stock_account refuses any valuation change on a category whose lot-valued products
            # have valuation layers in any company (as superuser it sees them all). This company
            # has no layer of the category, hence no stock to revalue: its own value is written
            # past that refusal. Configuration time only (install, new company, new chart).
            super(StockAccountProductCategory, company_category).write(vals)
