from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.dealer_jobs.tools.vin import with_check_digit


class JobCase(AccountTestInvoicingCommon):
    """Jobs in a company with a chart of accounts, with a salesperson, a colleague and a manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the accounting test user also runs the dealership
        cls.env.user.groups_id |= cls.env.ref("dealer_jobs.group_dealer_manager")
        cls.env.company.dealer_vin_check_digit = True
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Jobmarke"})
        cls.model = cls.env["fleet.vehicle.model"].create({"name": "Coupé", "brand_id": brand.id})
        cls.car = cls.env["fleet.vehicle"].create(
            {
                "model_id": cls.model.id,
                "vin_sn": with_check_digit("WVWZZZ1KZSW500001"),
                "license_plate": "M-JB 1",
                "engine_number": "EA888 500001",
                "model_code": "CP1",
                "dealer_equipment": "Panorama roof",
                "dealer_damage": "Scratch on the rear bumper",
            }
        )
        cls.customer = cls.env["res.partner"].create({"name": "Erika Mustermann", "email": "erika@example.com"})
        cls.salesperson = new_test_user(
            cls.env, login="job_sales", groups="dealer_jobs.group_dealer_salesperson", name="Sam Sales"
        )
        cls.colleague = new_test_user(
            cls.env, login="job_colleague", groups="dealer_jobs.group_dealer_salesperson", name="Cora Colleague"
        )
        cls.sales_manager = new_test_user(
            cls.env, login="job_manager", groups="dealer_jobs.group_dealer_sales_manager", name="Mia Manager"
        )
        cls.service = cls.env["product.product"].create(
            {"name": "Car (service billing)", "type": "service", "list_price": 20000, "invoice_policy": "order"}
        )

    @classmethod
    def make_job(cls, **vals):
        """A sale job bills a service item of 20,000; a trade-in job buys the car for 20,000
        (its first item defaults to the car's model product)."""
        if vals.get("process") == "purchase" or vals.get("is_trade_in"):
            line = {"name": "Trade-in price", "quantity": 1, "price_unit": 20000}
        else:
            line = {"product_id": cls.service.id, "quantity": 1, "price_unit": 20000}
        return cls.env["dealer.job"].create(
            {
                "vehicle_id": cls.car.id,
                "partner_id": cls.customer.id,
                "user_id": cls.salesperson.id,
                "line_ids": [(0, 0, line)],
                **vals,
            }
        )

    def activate(self, job, xmlid):
        job.phase_id = self.env.ref(xmlid)
        return job.action_activate_phase()
