"""A sale job delivers exactly its car, and the car changes hands with the delivery."""

from odoo.tests import tagged

from odoo.addons.dealer_jobs.tools.vin import with_check_digit

from .common import deliver_cars_with_their_delivery
from .job_common import JobCase


@tagged("post_install", "-at_install")
class TestJobSaleDelivery(JobCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        deliver_cars_with_their_delivery(cls.env.company)
        for xmlid in ("dealer_jobs.phase_sale_offer", "dealer_jobs.phase_sale_invoice"):
            cls.env.ref(xmlid).send_on_activation = False
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.env.company.id)], limit=1)
        cls.importer = cls.env["res.partner"].create({"name": "Importeur"})
        cls.other_car = cls.env["fleet.vehicle"].create(
            {
                "model_id": cls.model.id,
                "vin_sn": with_check_digit("WVWZZZ1KZSW500002"),
                "dealer_usage": "stock",
                "engine_number": "EA888 500002",
                "model_code": "CP1",
            }
        )
        # two cars of one model in stock at different costs; the job sells the second one received
        cls.other_car._dealer_receive(cls.warehouse, cls.importer, price_unit=15000)
        cls.car.dealer_usage = "stock"
        cls.car._dealer_receive(cls.warehouse, cls.importer, price_unit=17000)

    def test_the_car_line_asks_the_cars_own_price_and_keeps_the_description(self):
        self.model.dealer_list_price = 24900
        self.assertEqual(self.car.product_id.lst_price, 24900, "the model's product carries its catalogue price")
        self.car.dealer_list_price = 22450
        job = self.make_job(line_ids=[(0, 0, {"name": "Coupé, as seen"})])
        line = job.line_ids
        self.assertEqual((line.product_id, line.price_unit, line.name), (self.car.product_id, 22450, "Coupé, as seen"))
        self.assertEqual(line.tax_ids, self.car.product_id.taxes_id.filtered(lambda t: t.company_id == job.company_id))
        new_car = self.env["fleet.vehicle"].create(
            {"model_id": self.model.id, "vin_sn": with_check_digit("WVWZZZ1KZSW500003")}
        )
        self.assertEqual(new_car.dealer_list_price, 24900, "a new car asks the model's catalogue price")

    def test_delivery_takes_exactly_the_jobs_car_and_hands_it_to_the_buyer(self):
        job = self.make_job(line_ids=[(0, 0, {"name": "Coupé, as seen", "price_unit": 21000})])
        self.assertEqual(job.line_ids.product_id, self.car.product_id)
        for xmlid in ("dealer_jobs.phase_sale_offer", "dealer_jobs.phase_sale_order"):
            self.activate(job, xmlid)
        self.assertEqual(job.sale_order_ids.order_line.dealer_vehicle_id, self.car)
        action = job.with_user(self.salesperson).action_view_deliveries()
        self.assertEqual(action["tag"], "display_notification", "a salesperson is told the warehouse delivers")
        action = self.activate(job, "dealer_jobs.phase_sale_delivery")
        delivery = self.env["stock.picking"].browse(action["res_id"])
        self.assertEqual(job.delivery_count, 1)
        self.assertEqual(delivery.move_line_ids.lot_id, self.car.lot_id, "reserved: this car, not the other one")
        delivery.button_validate()  # no serial typed
        self.assertEqual(delivery.state, "done")
        self.assertEqual((self.car.dealer_usage, self.car.owner_id), ("customer", self.customer))
        self.assertFalse(self.car.stock_location_id)
        self.assertEqual(self.other_car.dealer_usage, "stock")
        out_layer = self.env["stock.valuation.layer"].search([("stock_move_id", "in", delivery.move_ids.ids)])
        self.assertEqual(out_layer.value, -17000, "the cost of exactly this car leaves stock")

        self.activate(job, "dealer_jobs.phase_sale_invoice")
        invoice = job.invoice_ids
        self.assertEqual(invoice.amount_total, job.amount_total)
        action = job.action_post_documents()
        self.assertEqual(job.status, "sold")
        self.assertEqual(action["res_model"], "account.move.send.wizard", "Odoo's own Send & Print follows")
