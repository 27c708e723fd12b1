"""Money, state and rights of jobs that an accountant can trust."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .job_common import JobCase


@tagged("post_install", "-at_install")
class TestJobTaxes(JobCase):
    """A job's totals are those of the order it makes, by Odoo's own tax computation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("dealer_jobs.phase_sale_offer").send_on_activation = False
        cls.tax_15 = cls.tax_sale_a  # 15 % sale tax of the test chart
        cls.taxed = cls.env["product.product"].create(
            {
                "name": "Winter wheels",
                "type": "service",
                "list_price": 20000,
                "invoice_policy": "order",
                "taxes_id": [Command.set(cls.tax_15.ids)],
            }
        )

    def _job(self, partner=None, **line):
        return self.make_job(
            partner_id=(partner or self.customer).id,
            line_ids=[Command.create({"product_id": self.taxed.id, **line})],
        )

    def _plain_order(self, partner):
        order = Form(self.env["sale.order"])
        order.partner_id = partner
        with order.order_line.new() as line:
            line.product_id = self.taxed
        return order.save()

    def test_job_line_takes_the_products_taxes_and_the_quotation_keeps_them(self):
        job = self._job()
        self.assertEqual(job.line_ids.tax_ids, self.tax_15)
        self.assertEqual((job.amount_untaxed, job.amount_tax, job.amount_total), (20000, 3000, 23000))
        self.activate(job, "dealer_jobs.phase_sale_offer")
        quotation = job.sale_order_ids
        plain = self._plain_order(self.customer)
        self.assertEqual(quotation.order_line.tax_id, self.tax_15)
        self.assertEqual(
            (quotation.amount_untaxed, quotation.amount_tax, quotation.amount_total),
            (plain.amount_untaxed, plain.amount_tax, plain.amount_total),
        )
        self.assertEqual(quotation.amount_total, job.amount_total)
        self.assertEqual(job.tax_totals["total_amount_currency"], 23000)

    def test_fiscal_position_of_the_customer_maps_the_taxes_as_on_a_plain_order(self):
        self.partner_a.property_account_position_id = self.fiscal_pos_a  # 15 % A -> tax B
        job = self._job(self.partner_a)
        self.assertEqual(job.fiscal_position_id, self.fiscal_pos_a)
        self.assertEqual(job.line_ids.tax_ids, self.tax_sale_b)
        self.activate(job, "dealer_jobs.phase_sale_offer")
        quotation = job.sale_order_ids
        plain = self._plain_order(self.partner_a)
        self.assertEqual(quotation.fiscal_position_id, self.fiscal_pos_a)
        self.assertEqual(quotation.order_line.tax_id, plain.order_line.tax_id)
        self.assertEqual((quotation.amount_total, job.amount_total), (plain.amount_total, plain.amount_total))

    def test_taxes_the_user_changed_on_the_item_reach_the_quotation(self):
        job = self._job(price_unit=999.99, quantity=3)
        job.line_ids.tax_ids = self.tax_sale_b
        self.activate(job, "dealer_jobs.phase_sale_offer")
        quotation = job.sale_order_ids
        self.assertEqual(quotation.order_line.tax_id, self.tax_sale_b)
        self.assertEqual(
            (quotation.amount_untaxed, quotation.amount_tax, quotation.amount_total),
            (job.amount_untaxed, job.amount_tax, job.amount_total),
        )

    def test_trade_in_item_takes_the_vendor_taxes_and_the_bill_equals_the_job(self):
        self.car.model_id._dealer_get_product().supplier_taxes_id = self.tax_purchase_a
        job = self.make_job(process="purchase")
        self.assertEqual(job.line_ids.product_id, self.car.product_id, "the first item is the car")
        self.assertEqual(job.line_ids.tax_ids, self.tax_purchase_a)
        self.activate(job, "dealer_jobs.phase_purchase_credit_note")
        purchase, bill = job.purchase_order_ids, job.invoice_ids
        self.assertEqual(purchase.order_line.taxes_id, self.tax_purchase_a)
        self.assertEqual(purchase.amount_total, job.amount_total)
        self.assertEqual(bill.amount_total, job.amount_total)
        self.assertEqual(job.amount_total, 23000)


@tagged("post_install", "-at_install")
class TestJobCreditNoteOnce(JobCase):
    """A trade-in has one purchase, one credit note, one posting, however often it is clicked."""

    def test_activating_the_credit_note_twice_makes_one_bill(self):
        job = self.make_job(process="purchase")
        self.activate(job, "dealer_jobs.phase_purchase_credit_note")
        self.assertEqual(job.status, "sold")
        with self.assertRaisesRegex(UserError, "is Sold"):
            job.action_activate_phase()
        with self.assertRaisesRegex(UserError, "is Sold"):
            job.action_reopen()
        with self.assertRaisesRegex(UserError, "is Sold"):
            job.action_mark_lost()
        self.assertEqual(len(job.invoice_ids), 1)
        self.assertEqual(len(job.purchase_order_ids), 1)

    def test_a_draft_credit_note_is_reused_not_doubled(self):
        job = self.make_job(process="purchase", user_id=self.salesperson.id).with_user(self.salesperson)
        job.phase_id = self.env.ref("dealer_jobs.phase_purchase_credit_note")
        job.action_activate_phase()
        job.action_activate_phase()
        job.action_mark_lost()
        job.action_reopen()
        job.action_activate_phase()
        self.assertEqual(len(job.sudo().invoice_ids), 1)
        self.assertEqual(job.sudo().invoice_ids.state, "draft")

    def test_cancelled_credit_note_can_be_made_again(self):
        job = self.make_job(process="purchase")
        self.activate(job, "dealer_jobs.phase_purchase_credit_note")
        job.invoice_ids.button_draft()
        job.invoice_ids.button_cancel()
        self.assertEqual(job.status, "ordered", "the status follows the documents")
        job.action_activate_phase()
        self.assertEqual(sorted(job.invoice_ids.mapped("state")), ["cancel", "posted"])
        self.assertEqual(len(job.purchase_order_ids), 1)


@tagged("post_install", "-at_install")
class TestJobPostingRights(JobCase):
    """Posting needs Odoo's invoicing right; a salesperson makes drafts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env,
            login="job_accountant",
            groups="account.group_account_invoice",
            name="Anna Accountant",
            company_id=cls.env.company.id,
        )

    def test_salesperson_activation_leaves_a_draft_bill_and_an_activity_for_the_accountants(self):
        job = self.make_job(process="purchase").with_user(self.salesperson)
        job.phase_id = self.env.ref("dealer_jobs.phase_purchase_credit_note")
        action = job.action_activate_phase()
        self.assertEqual(action["res_model"], "mail.compose.message")
        bill = job.sudo().invoice_ids
        self.assertEqual((bill.move_type, bill.state), ("in_invoice", "draft"))
        self.assertFalse(
            self.env["account.move.line"].search(
                [("partner_id", "=", self.customer.id), ("parent_state", "=", "posted")]
            )
        )
        self.assertEqual((job.status, job.waiting_for_posting), ("ordered", True))
        self.assertIn(self.accountant, bill.activity_ids.user_id)
        self.assertNotIn(self.salesperson, bill.activity_ids.user_id)
        attachment = self.env["ir.attachment"].search([("res_model", "=", "dealer.job"), ("res_id", "=", job.id)])
        self.assertIn(b"Draft Credit Note", attachment.raw)

        with self.assertRaises(AccessError):
            job.action_post_documents()
        with self.assertRaises(AccessError):
            bill.with_user(self.salesperson).action_post()
        self.assertEqual(bill.state, "draft")

        bill.with_user(self.accountant).action_post()
        self.assertEqual(bill.state, "posted")
        self.assertEqual((job.status, job.waiting_for_posting), ("sold", False))
        self.assertNotIn(b"Draft Credit Note", attachment.raw, "the job's PDF is printed again once posted")
        self.assertIn(bill.dealer_credit_note_number.encode(), attachment.raw)

    def test_job_right_names_what_is_missing(self):
        job = self.make_job(process="purchase")
        group = self.env.ref("account.group_account_invoice")
        with self.assertRaisesRegex(AccessError, group.full_name):
            job.with_user(self.salesperson)._check_job_right("post")
        with self.assertRaises(ValueError):
            job._check_job_right("anything")
        job.with_user(self.salesperson)._check_job_right("purchase")  # salespeople buy trade-ins


@tagged("post_install", "-at_install")
class TestJobDeletionGuard(JobCase):
    def test_sales_manager_cannot_delete_a_job_whose_bill_is_posted(self):
        job = self.make_job(process="purchase")
        self.activate(job, "dealer_jobs.phase_purchase_credit_note")
        bill = job.invoice_ids
        self.assertFalse(self.sales_manager.has_group("account.group_account_invoice"))
        with self.assertRaisesRegex(UserError, "archive it instead"):
            job.with_user(self.sales_manager).unlink()
        self.assertEqual(bill.dealer_job_id, job)
        with self.assertRaisesRegex(UserError, "stays"):
            bill.dealer_job_id = False


@tagged("post_install", "-at_install")
class TestJobProcess(JobCase):
    def test_job_takes_vehicle_and_customer_from_the_context(self):
        job = (
            self.env["dealer.job"]
            .with_context(default_vehicle_id=self.car.id, default_partner_id=self.customer.id)
            .create({})
        )
        self.assertEqual((job.vehicle_id, job.partner_id), (self.car, self.customer))

    def test_process_cannot_switch_once_documents_exist(self):
        job = self.make_job(process="purchase")
        self.activate(job, "dealer_jobs.phase_purchase_contract")
        with self.assertRaisesRegex(UserError, "start a new job"):
            job.is_trade_in = False
        self.assertEqual(job.process, "purchase")

    def test_status_is_never_written_directly(self):
        job = self.make_job()
        for vals in ({"status": "sold"}, {"progress": "ordered"}, {"lost": True}):
            with self.assertRaisesRegex(UserError, "never directly"):
                job.write(vals)
        with self.assertRaisesRegex(UserError, "never directly"):
            self.make_job(status="sold")
        self.assertEqual(job.status, "new")


@tagged("post_install", "-at_install")
class TestJobDeposit(JobCase):
    """The job's invoice deducts a posted down payment as Odoo's invoicing wizard does."""

    def test_the_deposit_is_deducted_and_the_customer_owes_the_order_total_to_the_cent(self):
        self.env.ref("dealer_jobs.phase_sale_offer").send_on_activation = False
        product = self.env["product.product"].create(
            {
                "name": "Car (service billing, taxed)",
                "type": "service",
                "list_price": 20000,
                "invoice_policy": "order",
                "taxes_id": [Command.set(self.tax_sale_a.ids)],  # 15 %
            }
        )
        job = self.make_job(line_ids=[Command.create({"product_id": product.id, "quantity": 1})])
        self.activate(job, "dealer_jobs.phase_sale_offer")
        self.activate(job, "dealer_jobs.phase_sale_order")
        order = job.sale_order_ids
        self.assertEqual((order.state, order.amount_total), ("sale", 23000))
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=order.ids)
            .create({"advance_payment_method": "fixed", "fixed_amount": 2000})
        )
        wizard.create_invoices()
        deposit = order.invoice_ids
        deposit.action_post()
        self.assertEqual(deposit.amount_total, 2000)
        self.assertEqual(job.status, "ordered", "a deposit does not sell the car")

        self.activate(job, "dealer_jobs.phase_sale_invoice")
        final = order.invoice_ids - deposit
        self.assertEqual(len(final), 1)
        final.action_post()
        self.assertEqual(final.amount_total, 21000, "the posted deposit is deducted")
        self.assertEqual(deposit.amount_total + final.amount_total, order.amount_total)
        receivable = self.env["account.move.line"].search(
            [
                ("partner_id", "=", self.customer.id),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
            ]
        )
        self.assertEqual(self.env.company.currency_id.round(sum(receivable.mapped("balance"))), 23000.0)
        self.assertEqual(order.invoice_status, "invoiced")
        self.assertEqual(job.status, "sold")


@tagged("post_install", "-at_install")
class TestJobCurrency(JobCase):
    """The car's asking price (company currency) reaches an order in another currency converted."""

    def test_the_asking_price_is_converted_into_the_currency_of_the_customers_pricelist(self):
        self.env.ref("dealer_jobs.phase_sale_offer").send_on_activation = False
        other = self.setup_other_currency("EUR", rates=[("2000-01-01", 2.0)])
        self.customer.property_product_pricelist = self.env["product.pricelist"].create(
            {"name": "Export (EUR)", "currency_id": other.id, "company_id": self.env.company.id}
        )
        self.car.dealer_list_price = 20000
        job = self.make_job(line_ids=[Command.create({"quantity": 1})])
        self.assertEqual(job.line_ids.product_id, self.car.product_id)
        self.assertEqual((job.line_ids.price_unit, job.currency_id), (20000, self.env.company.currency_id))
        self.activate(job, "dealer_jobs.phase_sale_offer")
        order = job.sale_order_ids
        self.assertEqual(order.currency_id, other)
        self.assertEqual(order.order_line.price_unit, 40000, "20,000 in the company currency at rate 2")
        self.assertEqual(order.order_line.dealer_vehicle_id, self.car)
