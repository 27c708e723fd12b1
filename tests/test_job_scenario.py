"""Cross-addon scenario: a web inquiry becomes a job, is offered, ordered and invoiced;
a trade-in of the same customer is credited. Runs on the test database (pytest-odoo)."""

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.dealer_jobs.tools.vin import with_check_digit

from .common import RootTestMixin


class TestJobScenario(RootTestMixin, AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id |= cls.env.ref("dealer_jobs.group_dealer_manager")
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Szenario Jobs"})
        cls.model = cls.env["fleet.vehicle.model"].create({"name": "Kombi", "brand_id": brand.id})
        cls.customer = cls.env["res.partner"].create({"name": "Li Wei", "email": "li.wei@example.com"})
        cls.service = cls.env["product.product"].create(
            {"name": "Vehicle price", "type": "service", "invoice_policy": "order", "list_price": 30000}
        )
        for xmlid in ("dealer_jobs.phase_sale_offer", "dealer_jobs.phase_purchase_credit_note"):
            cls.env.ref(xmlid).send_on_activation = False

    def _car(self, serial):
        return self.env["fleet.vehicle"].create(
            {
                "model_id": self.model.id,
                "vin_sn": with_check_digit(f"WVWZZZ1KZSW{serial:06d}"),
                # what buying a car into stock needs (dealer_usedcar requires it at stock-in)
                "engine_number": f"CJX {serial:06d}",
                "model_code": "KO1",
            }
        )

    def test_inquiry_to_invoiced_sale_and_credited_trade_in(self):
        car = self._car(880001)
        lead = self.env["crm.lead"].create(
            {"name": "Web inquiry", "type": "opportunity", "partner_id": self.customer.id, "dealer_vehicle_id": car.id}
        )
        job = self.env["dealer.job"].browse(lead.action_dealer_create_job()["res_id"])
        self.assertEqual(job.origin, "internet")
        job.line_ids = [(0, 0, {"product_id": self.service.id})]

        job.action_next_phase()  # callback: the wizard opens, nothing is logged yet
        self.env["dealer.job.callback"].create({"job_id": job.id, "outcome": "reached"}).action_log()
        job.action_next_phase()  # offer
        job.action_next_phase()  # order
        self.assertIs(job.action_next_phase(), True, "delivery: a service has nothing to deliver")
        job.action_next_phase()  # invoice
        self.assertEqual(job.status, "ordered", "sold once the invoice is posted")
        invoice = job.invoice_ids
        invoice.action_post()
        self.assertEqual(job.status, "sold")
        self.assertEqual(invoice.amount_untaxed, 30000)
        self.assertEqual(invoice.amount_total, job.amount_total)
        self.assertEqual(invoice.partner_id, self.customer)
        self.assertEqual(job.document_count, 1, "the offer PDF is attached")

        trade_in = self.env["dealer.job"].create(
            {
                "vehicle_id": self._car(880002).id,
                "partner_id": self.customer.id,
                "is_trade_in": True,
                "line_ids": [(0, 0, {"name": "Trade-in", "quantity": 1, "price_unit": 8000})],
            }
        )
        self.assertEqual(trade_in.process, "purchase")
        trade_in.phase_id = self.env.ref("dealer_jobs.phase_purchase_credit_note")
        trade_in.action_activate_phase()
        bill = trade_in.invoice_ids
        self.assertEqual((bill.move_type, bill.state, bill.amount_untaxed), ("in_invoice", "posted", 8000))
        self.assertEqual(bill.amount_total, trade_in.amount_total)
        payable = bill.line_ids.filtered(lambda line: line.account_id.account_type == "liability_payable")
        self.assertEqual((payable.partner_id, payable.credit), (self.customer, trade_in.amount_total))
        self.assertEqual(trade_in.status, "sold")

        receipt = trade_in.purchase_order_ids.picking_ids
        receipt.button_validate()  # the VIN is prefilled: nobody types a serial
        traded_car = trade_in.vehicle_id
        self.assertEqual(traded_car.lot_id.name, traded_car.vin_sn)
        self.assertEqual(traded_car.lot_id.value_svl, 8000)
        self.assertTrue(traded_car.stock_warehouse_id)
