from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.dealer_jobs.tools.vin import with_check_digit as valid_vin


@tagged("post_install", "-at_install")
class TestVehicleMultiCompany(AccountTestInvoicingCommon):
    """Cars of several companies: valuation per car and serial numbers hold in each company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_data_2 = cls.setup_other_company()
        cls.company_a = cls.company_data["company"]
        cls.company_b = cls.company_data_2["company"]
        cls.category = cls.env.ref("dealer_jobs.product_category_vehicles")
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Mehrfirma"})
        cls.model = cls.env["fleet.vehicle.model"].create(
            {"name": "Kombi", "brand_id": brand.id, "vehicle_type": "car"}
        )

    def company_env(self, company):
        """The environment of a user working in ``company`` only."""
        return self.env(context=dict(self.env.context, allowed_company_ids=company.ids))

    def make_car(self, company, vin):
        return self.company_env(company)["fleet.vehicle"].create(
            {
                "model_id": self.model.id,
                "vin_sn": vin,
                "dealer_usage": "stock",
                "engine_number": vin[-6:],
                "model_code": "T1",
            }
        )

    def receive(self, car, price):
        warehouse = car.env["stock.warehouse"].search([("company_id", "=", car.company_id.id)], limit=1)
        return car._dealer_receive(warehouse, self.partner_a, price_unit=price)

    def assert_valued_per_car(self, company):
        category = self.category.with_company(company)
        self.assertEqual(category.property_cost_method, "fifo")
        self.assertEqual(category.property_valuation, "real_time")
        self.assertTrue(category.property_stock_valuation_account_id)
        self.assertEqual(category.property_stock_valuation_account_id.company_ids, company)

    def valuation_balance(self, company):
        account = self.category.with_company(company).property_stock_valuation_account_id
        lines = self.env["account.move.line"].search(
            [("account_id", "=", account.id), ("company_id", "=", company.id), ("parent_state", "=", "posted")]
        )
        return sum(lines.mapped("balance"))

    def test_vehicles_are_valued_fifo_and_automatically_in_every_company(self):
        self.assert_valued_per_car(self.company_a)
        self.assert_valued_per_car(self.company_b)

    def test_cars_received_in_the_second_company_keep_their_own_cost(self):
        self.model.with_env(self.company_env(self.company_a))._dealer_get_product()  # made in the first company
        first = self.make_car(self.company_b, valid_vin("WVWZZZ1KZSW300001"))
        second = self.make_car(self.company_b, valid_vin("WVWZZZ1KZSW300002"))
        self.receive(first, 10000)
        self.receive(second, 12000)
        self.assertEqual(first.company_id, self.company_b)
        self.assertEqual(first.lot_id.company_id, self.company_b)
        self.assertEqual(first.lot_id.value_svl, 10000)
        self.assertEqual(second.lot_id.value_svl, 12000)
        self.assertEqual(self.valuation_balance(self.company_b), 22000)

    def test_same_vin_in_two_companies_gets_one_lot_in_each(self):
        vin = valid_vin("WVWZZZ1KZSW300003")
        car_a = self.make_car(self.company_a, vin)
        car_b = self.make_car(self.company_b, vin)
        self.receive(car_a, 20000)
        self.receive(car_b, 21000)
        lots = self.env["stock.lot"].search([("name", "=", vin)])
        self.assertEqual(len(lots), 2)
        self.assertEqual(car_a.lot_id | car_b.lot_id, lots)
        self.assertEqual(car_a.lot_id.company_id, self.company_a)
        self.assertEqual(car_b.lot_id.company_id, self.company_b)
        self.assertEqual(car_a.lot_id.fleet_vehicle_id, car_a)
        self.assertEqual(car_b.lot_id.fleet_vehicle_id, car_b)
        self.assertEqual(car_a.lot_id.value_svl, 20000)
        self.assertEqual(car_b.lot_id.value_svl, 21000)
        self.assertEqual(car_a.stock_warehouse_id.company_id, self.company_a)
        self.assertEqual(car_b.stock_warehouse_id.company_id, self.company_b)

    def test_a_serial_entered_in_a_company_stands_for_the_car_of_that_company(self):
        vin = valid_vin("WVWZZZ1KZSW300004")
        car_a = self.make_car(self.company_a, vin)
        car_b = self.make_car(self.company_b, vin)
        product = self.model._dealer_get_product()
        lot = self.company_env(self.company_b)["stock.lot"].create({"name": vin, "product_id": product.id})
        self.assertEqual(lot.company_id, self.company_b)
        self.assertEqual(lot.fleet_vehicle_id, car_b)
        self.assertEqual(car_b.lot_id, lot)
        self.assertFalse(car_a.lot_id)

    def test_a_company_created_after_cars_were_valued_values_its_cars_per_car_too(self):
        car_a = self.make_car(self.company_a, valid_vin("WVWZZZ1KZSW300005"))
        self.receive(car_a, 9000)  # the category now has valued lots in the first company
        company_c = self.setup_other_company(name="company_3")["company"]
        self.assert_valued_per_car(company_c)
        car_c = self.make_car(company_c, valid_vin("WVWZZZ1KZSW300006"))
        self.receive(car_c, 15000)
        self.assertEqual(car_c.lot_id.company_id, company_c)
        self.assertEqual(car_c.lot_id.value_svl, 15000)
        self.assertEqual(self.valuation_balance(company_c), 15000)

    def test_setup_without_companies_sets_up_every_company(self):
        self.category.with_env(self.company_env(self.company_b)).write(
            {"property_cost_method": "average", "property_valuation": "manual_periodic"}
        )
        self.assertEqual(self.category.with_company(self.company_b).property_cost_method, "average")
        self.env["product.category"]._dealer_setup_vehicle_valuation()
        self.assert_valued_per_car(self.company_a)
        self.assert_valued_per_car(self.company_b)

    def test_vehicle_product_is_shared_with_the_default_taxes_of_each_company(self):
        product = self.model.with_env(self.company_env(self.company_a))._dealer_get_product()
        self.assertFalse(product.company_id)
        taxes = product.sudo().taxes_id
        self.assertIn(self.company_data["default_tax_sale"], taxes)
        self.assertIn(self.company_data_2["default_tax_sale"], taxes)

    def test_same_vin_twice_in_one_company_is_refused_naming_the_car(self):
        vin = valid_vin("WVWZZZ1KZSW300007")
        car = self.make_car(self.company_a, vin)
        self.make_car(self.company_b, vin)  # another company may have the same VIN
        with self.assertRaises(ValidationError) as error:
            self.make_car(self.company_a, vin)
        self.assertEqual(
            error.exception.args[0], f"VIN {vin} is already used by the car {car.display_name} in this company."
        )
