"""Car deals clicked to their end in a real browser, in German: the salesperson's part, then
the back office (Inventory and Invoicing rights)."""

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.dealer_jobs.tools.vin import with_check_digit

from .common import deliver_cars_with_their_delivery


@tagged("post_install", "-at_install")
class TestDealTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("de_DE")
        cls.env["ir.module.module"]._load_module_terms(["base", "web", "mail", "dealer_jobs"], ["de_DE"])
        if "stock_move_sms_validation" in cls.env.company._fields:
            cls.env.company.stock_move_sms_validation = False  # no SMS question on validation
        deliver_cars_with_their_delivery(cls.env.company)
        cls.salesperson = new_test_user(
            cls.env,
            login="tour_verkauf",
            groups="dealer_jobs.group_dealer_salesperson",
            name="Vera Verkauf",
            lang="de_DE",
        )
        cls.back_office = new_test_user(
            cls.env,
            login="tour_buero",
            groups="dealer_jobs.group_dealer_sales_manager,stock.group_stock_user,account.group_account_invoice",
            name="Bruno Büro",
            lang="de_DE",
        )
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Tourmarke"})
        cls.model = cls.env["fleet.vehicle.model"].create({"name": "Tourkombi", "brand_id": brand.id})
        cls.customer = cls.env["res.partner"].create(
            {"name": "Karl Kunde", "email": "karl@example.com", "lang": "de_DE"}
        )
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.env.company.id)], limit=1)

    def _job(self, car, **vals):
        return self.env["dealer.job"].create(
            {"vehicle_id": car.id, "partner_id": self.customer.id, "user_id": self.salesperson.id, **vals}
        )

    def _tour(self, job, tour, user):
        self.start_tour(f"/odoo/action-dealer_jobs.action_dealer_job/{job.id}", tour, login=user.login)

    def test_a_sale_from_the_job_to_the_posted_invoice_and_the_car_in_the_buyers_hands(self):
        car = self.env["fleet.vehicle"].create(
            {
                "model_id": self.model.id,
                "vin_sn": with_check_digit("WVWZZZ1KZSW770001"),
                "dealer_usage": "stock",
                "engine_number": "E770001",
                "model_code": "T1",
            }
        )
        car._dealer_receive(self.warehouse, self.env["res.partner"].create({"name": "Import"}), price_unit=18000)
        car.dealer_list_price = 23900
        job = self._job(car, line_ids=[(0, 0, {"name": "Tourkombi wie besichtigt"})])

        self._tour(job, "dealer_sale_deal_salesperson", self.salesperson)
        self.assertEqual(job.status, "ordered")
        self.assertEqual(job._dealer_deliveries().move_line_ids.lot_id, car.lot_id)

        self._tour(job, "dealer_sale_deal_back_office", self.back_office)
        self.assertEqual(job.status, "sold")
        self.assertEqual(job.invoice_ids.state, "posted")
        self.assertEqual(job.invoice_ids.amount_total, job.amount_total)
        self.assertEqual((car.dealer_usage, car.owner_id), ("customer", self.customer))

    def test_a_trade_in_from_the_job_to_the_car_in_stock_at_its_price(self):
        owner_car = self.env["fleet.vehicle"].create(
            {
                "model_id": self.model.id,
                "vin_sn": with_check_digit("WVWZZZ1KZSW770002"),
                "engine_number": "E770002",
                "model_code": "T1",
                "dealer_usage": "customer",
                "owner_id": self.customer.id,
            }
        )
        job = self._job(
            owner_car, process="purchase", line_ids=[(0, 0, {"name": "Inzahlungnahme", "price_unit": 9500})]
        )

        self._tour(job, "dealer_trade_in_deal_salesperson", self.salesperson)
        self.assertEqual((job.status, job.waiting_for_posting), ("ordered", True))

        self._tour(job, "dealer_trade_in_deal_back_office", self.back_office)
        self.assertEqual(job.status, "sold")
        self.assertEqual((owner_car.dealer_usage, owner_car.owner_id), ("stock", self.env["res.partner"]))
        self.assertEqual(owner_car.lot_id.value_svl, 9500)
        self.assertTrue(owner_car.stock_warehouse_id)
