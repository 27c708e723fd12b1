"""Configuration is written when the addon is installed, a company is created or a car model is
created, never while users work: no product made in a compute, no valuation written on the way."""

from odoo import Command
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from .common import DealerCase, setup_vehicle_valuation, valid_vin
from .job_common import JobCase


@tagged("post_install", "-at_install")
class TestModelProduct(JobCase):
    def test_a_new_model_has_its_stock_product_valued_per_car(self):
        model = self.env["fleet.vehicle.model"].create({"name": "Roadster", "brand_id": self.model.brand_id.id})
        template = model.product_tmpl_id
        self.assertTrue(template)
        self.assertEqual((template.is_storable, template.tracking, template.lot_valuated), (True, "serial", True))
        self.assertEqual((template.cost_method, template.valuation), ("fifo", "real_time"))

    def test_a_job_line_creates_no_product_at_compute_time(self):
        car_product = self.model.product_tmpl_id.product_variant_id
        templates = self.env["product.template"].with_context(active_test=False).search_count([])
        job = self.make_job(line_ids=[Command.create({"quantity": 1, "price_unit": 20000})])
        self.assertEqual(job.line_ids.product_id, car_product)
        self.model.sudo().product_tmpl_id = False  # a model without product (its product unlinked)
        other = self.make_job(line_ids=[Command.create({"name": "Car", "quantity": 1, "price_unit": 20000})])
        self.assertFalse(other.line_ids.product_id, "no product is made while the job is typed")
        self.assertEqual(self.env["product.template"].with_context(active_test=False).search_count([]), templates)


@tagged("post_install", "-at_install")
class TestCompanyValuation(AccountTestInvoicingCommon):
    def test_a_second_company_values_its_cars_per_car(self):
        category = self.env.ref("dealer_jobs.product_category_vehicles")
        company = self.env["res.company"].create({"name": "Zweigstelle Ost"})
        self.assertEqual(category.with_company(company).property_cost_method, "fifo", "set when the company is made")
        self.env["account.chart.template"].try_loading("generic_coa", company=company, install_demo=False)
        category = category.with_company(company)
        self.assertEqual((category.property_cost_method, category.property_valuation), ("fifo", "real_time"))
        self.assertTrue(category.property_stock_valuation_account_id)


@tagged("post_install", "-at_install")
class TestSettingsKeepCarValuation(DealerCase):
    """Odoo's settings keep the automated valuation the cars need: saving them (as Odoo does when a
    second warehouse is made) does not try to switch the valued cars to manual valuation."""

    def test_saving_settings_after_cars_were_valued_keeps_their_valuation(self):
        setup_vehicle_valuation(self.env)
        car = self.make_car(valid_vin("WVWZZZ1KZSW000091"), dealer_usage="stock", net_car_value=15000)
        car._dealer_receive(self.warehouse, self.seller)
        self.assertEqual(car.lot_id.value_svl, 15000)
        # a user holding Odoo's automatic accounting group, as Odoo's own stock tests make theirs
        self.env.user.groups_id |= self.env.ref("stock_account.group_stock_accounting_automatic")
        self.env["res.config.settings"].create({}).execute()
        self.env["stock.warehouse"].create({"name": "Zweites Lager", "code": "ZWL"})  # saves settings too
        category = self.env.ref("dealer_jobs.product_category_vehicles")
        self.assertEqual(category.property_valuation, "real_time")
