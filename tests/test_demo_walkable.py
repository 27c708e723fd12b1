"""The demo database can be walked: each demo job's next step succeeds (pytest-odoo on the
test database, which holds the demo data)."""

from odoo.tests import TransactionCase

from .common import RootTestMixin


class TestDemoWalkable(RootTestMixin, TransactionCase):
    def job(self, xmlid):
        return self.env.ref(f"dealer_jobs.{xmlid}")

    def test_demo_trade_ins_buy_the_car_from_its_owner(self):
        for xmlid in ("job_6", "job_7"):
            job = self.job(xmlid)
            self.assertEqual(job.process, "purchase")
            self.assertEqual(job.vehicle_id.owner_id, job.partner_id, xmlid)

    def test_new_and_trade_in_jobs_call_the_customer_next(self):
        for xmlid in ("job_1", "job_7"):
            action = self.job(xmlid).action_next_phase()
            self.assertEqual(action["res_model"], "dealer.job.callback", xmlid)

    def test_the_job_after_its_call_makes_its_quotation(self):
        job = self.job("job_2")
        job.action_next_phase()
        self.assertEqual(job.phase_kind, "offer")
        self.assertEqual(job.sale_order_ids.order_line.dealer_vehicle_id, job.vehicle_id)

    def test_the_offered_job_is_ordered(self):
        job = self.job("job_3")
        job.action_next_phase()
        self.assertEqual((job.phase_kind, job.status, job.sale_order_ids.state), ("order", "ordered", "sale"))

    def test_ordered_jobs_deliver_exactly_their_car_by_the_approval(self):
        # the demo company asks for the approval of car sales (dealer_usedcar): it delivers and invoices
        self.assertTrue(self.env.company.dealer_sale_approval)
        for xmlid in ("job_4", "job_5"):
            job = self.job(xmlid)
            action = job.action_next_phase()
            delivery = self.env["stock.picking"].browse(action["res_id"])
            self.assertEqual(delivery.move_line_ids.lot_id, job.vehicle_id.lot_id, xmlid)
            job.sale_order_ids.action_dealer_approve()
            self.assertEqual(delivery.state, "done", xmlid)
            self.assertEqual(job.vehicle_id.owner_id, job.partner_id, xmlid)
            self.assertEqual(job.status, "sold", xmlid)
            self.assertEqual(job.invoice_ids.amount_total, job.amount_total, xmlid)

    def test_the_offered_trade_in_is_bought_with_its_contract(self):
        job = self.job("job_6")
        job.action_next_phase()
        self.assertEqual(job.phase_kind, "contract")
        self.assertEqual(job.purchase_order_ids.state, "purchase")

    def test_the_lost_job_can_be_reopened(self):
        job = self.job("job_8")
        self.assertEqual(job.status, "lost")
        job.action_reopen()
        self.assertEqual(job.status, "offered")

    def test_the_demo_company_keeps_one_warehouse_and_its_used_car_lot_inside_it(self):
        # Odoo's own tests expect one warehouse per company (orderpoints, repair rules)
        main = self.env.ref("base.main_company")
        warehouse = self.env.ref("stock.warehouse0")
        self.assertEqual(self.env["stock.warehouse"].search([("company_id", "=", main.id)]), warehouse)
        lot = self.env.ref("dealer_jobs.location_used_car_lot")
        self.assertEqual((lot.usage, lot.location_id), ("internal", warehouse.lot_stock_id))
        for xmlid in ("vehicle_7", "vehicle_8", "vehicle_9", "vehicle_10"):
            car = self.env.ref(f"dealer_jobs.{xmlid}")
            self.assertEqual(car.stock_location_id, lot, xmlid)
            self.assertEqual(car.stock_warehouse_id, warehouse, xmlid)
