"""A trade-in buys the car: purchase order, receipt under the VIN at the agreed price, credit note."""

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_jobs.tools.vin import with_check_digit

from .job_common import JobCase


@tagged("post_install", "-at_install")
class TestTradeInEntersStock(JobCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("dealer_jobs.phase_purchase_credit_note").send_on_activation = False
        cls.env.ref("dealer_jobs.phase_purchase_contract").send_on_activation = False
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.env.company.id)], limit=1)
        cls.storekeeper = new_test_user(
            cls.env, login="job_storekeeper", groups="stock.group_stock_user", name="Stan Store"
        )

    def test_receipt_puts_the_car_into_stock_under_its_vin_at_the_agreed_price(self):
        job = self.make_job(process="purchase", warehouse_id=self.warehouse.id)
        job.line_ids.price_unit = 18750.50
        self.activate(job, "dealer_jobs.phase_purchase_contract")
        purchase = job.purchase_order_ids
        receipt = purchase.picking_ids
        self.assertEqual(receipt.picking_type_id, self.warehouse.in_type_id)
        self.assertEqual(len(receipt.move_ids), 1, "one move per car")
        self.assertEqual(receipt.move_line_ids.lot_name, self.car.vin_sn, "the VIN is prefilled as serial")
        receipt.with_user(self.storekeeper).button_validate()
        self.assertEqual(receipt.state, "done")
        lot = self.car.lot_id
        self.assertEqual((lot.name, lot.fleet_vehicle_id), (self.car.vin_sn, self.car))
        self.assertEqual(lot.value_svl, 18750.50)
        self.assertEqual(self.car.stock_location_id, self.warehouse.lot_stock_id)
        self.assertEqual((self.car.dealer_usage, self.car.owner_id), ("stock", self.env["res.partner"]))
        self.assertIn(receipt.name, self.car.message_ids[0].body, "the change of hands is logged on the car")
        layer = self.env["stock.valuation.layer"].search([("lot_id", "=", lot.id)])
        self.assertEqual(layer.value, 18750.50)
        category = self.car.product_id.categ_id
        valuation_lines = layer.account_move_id.line_ids
        self.assertEqual(
            {(line.account_id, line.debit, line.credit) for line in valuation_lines},
            {
                (category.property_stock_valuation_account_id, 18750.50, 0.0),
                (category.property_stock_account_input_categ_id, 0.0, 18750.50),
            },
        )

    def test_a_returned_trade_in_is_the_sellers_car_again(self):
        self.car.write({"dealer_usage": "customer", "owner_id": self.customer.id})
        job = self.make_job(process="purchase")
        self.activate(job, "dealer_jobs.phase_purchase_contract")
        receipt = job.purchase_order_ids.picking_ids
        receipt.button_validate()
        self.assertEqual(self.car.dealer_usage, "stock")
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=receipt.id, active_model="stock.picking")
            .create({"picking_id": receipt.id})
        )
        wizard.product_return_moves.quantity = 1
        returned = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        returned.move_line_ids.lot_id = self.car.lot_id
        returned.button_validate()
        self.assertEqual((self.car.dealer_usage, self.car.owner_id), ("customer", self.customer))
        self.assertFalse(self.car.stock_location_id)

    def test_credit_note_is_the_purchase_bill_and_balances_the_stock_input(self):
        job = self.make_job(process="purchase")
        self.activate(job, "dealer_jobs.phase_purchase_credit_note")
        bill = job.invoice_ids
        self.assertEqual(bill.state, "posted")
        self.assertEqual(sum(bill.line_ids.mapped("debit")), sum(bill.line_ids.mapped("credit")))
        payable = bill.line_ids.filtered(lambda line: line.account_id.account_type == "liability_payable")
        self.assertEqual((payable.partner_id, payable.credit), (self.customer, job.amount_total))
        car_line = bill.invoice_line_ids
        self.assertEqual(car_line.account_id, self.car.product_id.categ_id.property_stock_account_input_categ_id)
        self.assertEqual(car_line.debit, 20000)
        taxes = bill.line_ids.filtered("tax_line_id")
        self.assertEqual(sum(taxes.mapped("debit")), job.amount_tax)

    def test_trade_in_of_a_second_company_is_bought_and_billed_in_that_company(self):
        company_b = self.setup_other_company()["company"]
        company_a = self.env.company
        self.env.user.company_ids |= company_b
        env = self.env(context=dict(self.env.context, allowed_company_ids=[company_a.id, company_b.id]))
        car = env["fleet.vehicle"].create(
            {
                "model_id": self.model.id,
                "vin_sn": self.car.vin_sn,
                "company_id": company_b.id,
                "engine_number": "EA888 600001",
                "model_code": "CP1",
            }
        )
        job = env["dealer.job"].create(
            {
                "vehicle_id": car.id,
                "partner_id": self.customer.id,
                "company_id": company_b.id,
                "process": "purchase",
                "line_ids": [(0, 0, {"name": "Trade-in", "price_unit": 10000})],
            }
        )
        job.phase_id = self.env.ref("dealer_jobs.phase_purchase_credit_note")
        job.action_activate_phase()
        purchase, bill = job.purchase_order_ids, job.invoice_ids
        self.assertEqual((purchase.company_id, bill.company_id), (company_b, company_b))
        self.assertEqual(purchase.picking_type_id.company_id, company_b)
        self.assertEqual(bill.state, "posted")
        self.assertEqual(bill.amount_total, job.amount_total)
        self.assertTrue(all(tax.company_id == company_b for tax in job.line_ids.tax_ids))
        receipt = purchase.picking_ids
        receipt.with_company(company_b).button_validate()  # in the receipt's company, as the storekeeper works
        self.assertEqual(car.lot_id.company_id, company_b)
        self.assertEqual(car.lot_id.with_company(company_b).value_svl, 10000)
        self.assertFalse(self.car.lot_id, "the same VIN in the first company is another car")

    def test_a_trade_in_without_its_car_line_is_refused_with_what_is_missing(self):
        job = self.make_job(process="purchase")
        job.line_ids.product_id = self.service
        with self.assertRaisesRegex(UserError, "exactly one line of quantity 1"):
            self.activate(job, "dealer_jobs.phase_purchase_contract")
        self.assertFalse(job.purchase_order_ids)


@tagged("post_install", "-at_install")
class TestJobDoubleClick(TransactionCase):
    """Two requests activating the same job at the same second: the row lock lets one through."""

    def _cursor(self):
        return sql_db.db_connect(self.env.cr.dbname).cursor()

    def test_second_click_while_the_first_works_is_refused(self):
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            brand = env["fleet.vehicle.model.brand"].create({"name": "Double Click"})
            model = env["fleet.vehicle.model"].create({"name": "Click", "brand_id": brand.id})
            car = env["fleet.vehicle"].create(
                {
                    "model_id": model.id,
                    "vin_sn": with_check_digit("WVWZZZ1KZSW666661"),
                    "engine_number": "E666661",
                    "model_code": "T1",
                }
            )
            partner = env["res.partner"].create({"name": "Double Clicker", "email": "click@example.com"})
            job = env["dealer.job"].create(
                {
                    "vehicle_id": car.id,
                    "partner_id": partner.id,
                    "process": "purchase",
                    "line_ids": [(0, 0, {"name": "Trade-in", "price_unit": 5000})],
                }
            )
            job.phase_id = env.ref("dealer_jobs.phase_purchase_contract")
            ids = {"job": job.id, "car": car.id, "model": model.id, "brand": brand.id, "partner": partner.id}
            ids["product"] = model.product_tmpl_id.id
            cr.commit()  # pylint: disable=invalid-commit
        try:
            with self._cursor() as cr_a, self._cursor() as cr_b:
                env_a = api.Environment(cr_a, SUPERUSER_ID, {})
                env_b = api.Environment(cr_b, SUPERUSER_ID, {})
                env_a["dealer.job"].browse(ids["job"])._dealer_lock()  # the first click is working
                with mute_logger("odoo.sql_db"), self.assertRaisesRegex(UserError, "Someone else is working on"):
                    env_b["dealer.job"].browse(ids["job"]).action_activate_phase()
                cr_b.rollback()
                cr_a.rollback()
            with self._cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                self.assertFalse(env["purchase.order"].search([("dealer_job_id", "=", ids["job"])]))
        finally:
            with self._cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["dealer.job"].browse(ids["job"]).unlink()
                env["fleet.vehicle"].browse(ids["car"]).unlink()
                env["fleet.vehicle.model"].browse(ids["model"]).unlink()
                env["product.template"].browse(ids["product"]).unlink()
                env["fleet.vehicle.model.brand"].browse(ids["brand"]).unlink()
                env["res.partner"].browse(ids["partner"]).unlink()
                cr.commit()  # pylint: disable=invalid-commit


@tagged("post_install", "-at_install")
class TestTradeInPurchaseRights(JobCase):
    """Salespeople buy the cars of their own jobs through the job, without Odoo's Purchase rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("dealer_jobs.phase_purchase_contract").send_on_activation = False
        cls.env.ref("dealer_jobs.phase_purchase_credit_note").send_on_activation = False
        cls.vendor = cls.env["res.partner"].create({"name": "Teilehandel"})
        cls.plain_purchase = cls.env["purchase.order"].create(
            {"partner_id": cls.vendor.id, "order_line": [(0, 0, {"product_id": cls.service.id, "product_qty": 1})]}
        )
        cls.buyer = new_test_user(
            cls.env,
            login="job_sales_buyer",
            groups="dealer_jobs.group_dealer_salesperson,purchase.group_purchase_user",
            name="Bea Buyer",
        )

    def test_salesperson_is_no_purchase_user_and_does_the_trade_in(self):
        self.assertFalse(self.salesperson.has_group("purchase.group_purchase_user"))
        job = self.make_job(process="purchase").with_user(self.salesperson)
        job.phase_id = self.env.ref("dealer_jobs.phase_purchase_contract")
        job.action_activate_phase()
        purchase = job.purchase_order_ids
        self.assertEqual(len(purchase), 1)
        self.assertEqual(purchase.state, "purchase")
        self.assertEqual(purchase.order_line.dealer_vehicle_id, self.car)
        self.assertEqual(purchase.env.user, self.salesperson)
        self.assertEqual(purchase.amount_untaxed, 20000)
        job.phase_id = self.env.ref("dealer_jobs.phase_purchase_credit_note")
        job.action_activate_phase()  # the draft credit note, posted by an invoicing user
        self.assertEqual(job.invoice_ids.state, "draft")
        self.assertEqual(job.invoice_ids.amount_untaxed, 20000)

    def test_salesperson_cannot_read_or_write_other_purchase_orders(self):
        colleagues = self.make_job(process="purchase", user_id=self.colleague.id)
        self.activate(colleagues, "dealer_jobs.phase_purchase_contract")
        for purchase in (colleagues.purchase_order_ids, self.plain_purchase):
            with self.assertRaises(AccessError):
                purchase.with_user(self.salesperson).read(["name"])
            with self.assertRaises(AccessError):
                purchase.with_user(self.salesperson).write({"notes": "mine"})
            with self.assertRaises(AccessError):
                purchase.order_line.with_user(self.salesperson).read(["price_unit"])
        self.assertFalse(self.env["purchase.order"].with_user(self.salesperson).search([]))
        self.activate(colleagues, "dealer_jobs.phase_purchase_credit_note")
        with self.assertRaises(AccessError):
            colleagues.invoice_ids.with_user(self.salesperson).read(["name"])
        # the sales manager sees the trade-ins of all jobs, not the other purchases
        manager_sees = self.env["purchase.order"].with_user(self.sales_manager).search([])
        self.assertIn(colleagues.purchase_order_ids, manager_sees)
        self.assertNotIn(self.plain_purchase, manager_sees)

    def test_a_salesperson_with_purchase_rights_keeps_every_purchase_order(self):
        self.assertIn(self.plain_purchase, self.env["purchase.order"].with_user(self.buyer).search([]))
