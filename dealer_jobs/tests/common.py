from odoo.tests import TransactionCase, new_test_user

from odoo.addons.dealer_jobs.tools.vin import with_check_digit as valid_vin  # noqa: F401 (used by the tests)
from odoo.addons.stock_account.tests.test_stockvaluation import _create_accounting_data


class DealerCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.dealer_vin_check_digit = True
        cls.brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Testmarke"})
        cls.model = cls.env["fleet.vehicle.model"].create(
            {"name": "Kombi", "brand_id": cls.brand.id, "vehicle_type": "car"}
        )
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.dealer_user = new_test_user(
            cls.env, login="dealer_user", groups="dealer_jobs.group_dealer_user", name="Dealer User"
        )
        cls.dealer_manager = new_test_user(
            cls.env, login="dealer_manager", groups="dealer_jobs.group_dealer_manager", name="Dealer Manager"
        )

    @classmethod
    def _setup_vehicle_valuation(cls):
        """Accounts for the automated valuation of the Vehicles category in the test company."""
        stock_input, stock_output, stock_valuation, _expense, stock_journal = _create_accounting_data(cls.env)
        category = cls.env.ref("dealer_jobs.product_category_vehicles")
        category.write(
            {
                "property_valuation": "real_time",
                "property_stock_account_input_categ_id": stock_input.id,
                "property_stock_account_output_categ_id": stock_output.id,
                "property_stock_valuation_account_id": stock_valuation.id,
                "property_stock_journal": stock_journal.id,
            }
        )
        return stock_valuation

    @classmethod
    def make_car(cls, vin, **vals):
        return cls.env["fleet.vehicle"].create({"model_id": cls.model.id, "vin_sn": vin, **vals})
