"""Approving a used-car sale delivers exactly its car and posts the invoice, to the cent."""

from ast import literal_eval

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common_sale import CAR_COST, CAR_PRICE, CarSaleCase


@tagged("post_install", "-at_install")
class TestSaleOrderSellsItsCar(CarSaleCase):
    def test_the_car_line_carries_the_car_its_product_and_asking_price(self):
        order = self.make_sale(confirm=False)
        line = order.order_line
        self.assertEqual(len(line), 1)
        self.assertEqual(
            (line.dealer_vehicle_id, line.product_id, line.price_unit),
            (self.car, self.car.product_id, CAR_PRICE),
        )
        self.assertEqual(line.tax_id, self.car.product_id.taxes_id.filtered(lambda t: t.company_id == self.company))

    def test_choosing_the_car_in_the_form_adds_one_car_line(self):
        form = Form(self.env["sale.order"].with_user(self.salesperson))
        form.partner_id = self.customer
        form.dealer_vehicle_id = self.car
        form.dealer_payment_method = "cash"
        order = form.save()
        self.assertEqual(len(order.order_line), 1)
        self.assertEqual((order.order_line.dealer_vehicle_id, order.order_line.price_unit), (self.car, CAR_PRICE))
        other = self.make_stock_car("WVWZZZ1KZSW600005", price=18000.0)
        with Form(order.with_user(self.salesperson)) as form:
            form.dealer_vehicle_id = other
        self.assertEqual(order.order_line.dealer_vehicle_id, other, "the other car replaces the first one")
        self.assertEqual(order.order_line.price_unit, 18000.0)


@tagged("post_install", "-at_install")
class TestSaleApprovalPostsToTheCent(CarSaleCase):
    def test_approval_delivers_the_serial_and_posts_receivable_revenue_tax_and_cogs(self):
        other_car = self.make_stock_car("WVWZZZ1KZSW600002", cost=12345.67)  # same model, another cost
        order = self.make_sale(lines=[{"product_id": self.agency_fee.id}])
        self.approve(order)

        self.assertEqual(order.dealer_approval_state, "approved")
        self.assertEqual(order.dealer_approved_by, self.approver)
        self.assertTrue(order.dealer_approved_date)
        delivery = order.picking_ids
        self.assertEqual(delivery.state, "done")
        self.assertEqual(delivery.move_line_ids.lot_id, self.car.lot_id, "exactly this car's serial")
        self.assertEqual((self.car.dealer_usage, self.car.owner_id), ("customer", self.customer))
        self.assertTrue(other_car.stock_location_id, "the other car of the model stays in stock")

        invoice = order.dealer_invoice_id
        self.assertEqual(invoice, order.invoice_ids)
        self.assertEqual((invoice.state, invoice.move_type), ("posted", "out_invoice"))
        # Odoo's own taxes of each line, as the order computed them
        expected_total = sum(
            line.tax_id.compute_all(line.price_unit, line.currency_id, line.product_uom_qty, line.product_id)[
                "total_included"
            ]
            for line in order.order_line
        )
        car_tax = self.car.product_id.taxes_id.filtered(lambda t: t.company_id == self.company)
        self.assertEqual(car_tax.amount, 15.0)
        car_line = order.order_line.filtered("dealer_vehicle_id")
        fee_line = order.order_line - car_line
        self.assertEqual(car_line.price_total, CAR_PRICE * 1.15)
        fee_tax = round(fee_line.price_total - fee_line.price_subtotal, 2)
        self.assertEqual(invoice.amount_total, round(expected_total, 2))
        self.assertEqual(invoice.amount_total, order.amount_total)

        accounts = self.car_accounts(self.car)
        receivable = self.customer.with_company(self.company).property_account_receivable_id
        tax_account = car_tax.invoice_repartition_line_ids.account_id
        fee_income = self.agency_fee.product_tmpl_id.with_company(self.company).get_product_accounts()["income"]
        expected = {receivable: round(expected_total, 2), tax_account: -CAR_PRICE * 0.15 - fee_tax}
        expected[accounts["income"]] = -CAR_PRICE
        expected[fee_income] = expected.get(fee_income, 0) - self.agency_fee.list_price
        expected[accounts["expense"]] = CAR_COST  # cost of goods sold: this car's FIFO value
        expected[accounts["stock_output"]] = -CAR_COST
        self.assertEqual(self.balances(invoice), expected)
        self.assertEqual(sum(invoice.line_ids.mapped("debit")), sum(invoice.line_ids.mapped("credit")))

        out_layer = self.env["stock.valuation.layer"].search([("stock_move_id", "in", delivery.move_ids.ids)])
        self.assertEqual((out_layer.lot_id, out_layer.value), (self.car.lot_id, -CAR_COST))
        self.assertEqual(
            self.balances(out_layer.account_move_id),
            {accounts["stock_output"]: CAR_COST, accounts["stock_valuation"]: -CAR_COST},
        )
        self.assertEqual(out_layer.account_move_id.state, "posted")
        self.assertEqual(order.dealer_car_cost, CAR_COST)
        self.assertEqual(self.car.lot_id.with_company(self.company).value_svl, 0)


@tagged("post_install", "-at_install")
class TestSaleApprovalIsNotDoneTwice(CarSaleCase):
    def test_second_approval_is_refused_and_posts_nothing(self):
        order = self.make_sale()
        self.approve(order)
        invoice = order.dealer_invoice_id
        moves_before = self.env["account.move"].search_count([])
        with self.assertRaisesRegex(UserError, "approved already"):
            self.approve(order)
        self.assertEqual(order.invoice_ids, invoice)
        self.assertEqual(self.env["account.move"].search_count([]), moves_before)
        self.assertEqual(len(order.picking_ids), 1)

    def test_unconfirmed_order_cannot_be_approved(self):
        order = self.make_sale(confirm=False)
        with self.assertRaisesRegex(UserError, "Confirm"):
            self.approve(order)

    def test_approval_is_not_written_directly(self):
        order = self.make_sale()
        for vals in ({"dealer_approval_state": "approved"}, {"dealer_invoice_id": False, "dealer_car_cost": 1}):
            with self.assertRaisesRegex(UserError, "never directly"):
                order.with_user(self.approver).write(vals)
        self.assertEqual(order.dealer_approval_state, "none")
        self.approve(order)
        with self.assertRaisesRegex(UserError, "never directly"):
            order.with_user(self.approver).write({"dealer_approval_state": "none"})
        self.assertEqual(order.dealer_approval_state, "approved")

    def test_car_sold_for_nothing_is_not_approved(self):
        order = self.make_sale()
        order.order_line.filtered("dealer_vehicle_id").price_unit = 0
        with self.assertRaisesRegex(UserError, "sold for nothing"):
            self.approve(order)
        self.assertEqual(order.dealer_approval_state, "none")
        self.assertFalse(order.invoice_ids)


@tagged("post_install", "-at_install")
class TestSaleApprovalNeedsTheCarInStock(CarSaleCase):
    def test_approval_of_a_car_gone_from_stock_is_refused(self):
        order = self.make_sale()
        quant = self.env["stock.quant"].search([("lot_id", "=", self.car.lot_id.id), ("quantity", ">", 0)])
        quant.with_context(inventory_mode=True).inventory_quantity = 0
        quant.action_apply_inventory()
        self.car.invalidate_recordset()
        with self.assertRaisesRegex(UserError, "not in stock"):
            self.approve(order)
        self.assertEqual(order.dealer_approval_state, "none")
        self.assertFalse(order.invoice_ids)

    def test_a_failing_invoice_leaves_the_car_undelivered(self):
        order = self.make_sale()
        self.env["account.journal"].search([("type", "=", "sale"), ("company_id", "=", self.company.id)]).active = False
        with self.assertRaises(UserError):
            self.approve(order)
        self.assertEqual(order.picking_ids.state, "assigned", "one transaction: the delivery is undone too")
        self.assertTrue(self.car.stock_location_id)
        self.assertEqual(order.dealer_approval_state, "none")


@tagged("post_install", "-at_install")
class TestCarInAnotherOpenSaleIsRefused(CarSaleCase):
    def test_second_sale_of_the_same_car_names_the_first_order(self):
        first = self.make_sale(confirm=False)
        with self.assertRaisesRegex(ValidationError, first.name):
            self.make_sale(confirm=False)
        self.assertIn(
            self.car, self.env["sale.order"].new({"company_id": self.company.id}).dealer_reserved_vehicle_ids._origin
        )

    def test_cancelled_sale_frees_the_car(self):
        first = self.make_sale(confirm=False)
        first.action_cancel()
        second = self.make_sale(confirm=False)
        self.assertEqual(second.dealer_vehicle_id, self.car)

    def test_car_out_of_stock_cannot_be_sold(self):
        order = self.make_sale()
        self.approve(order)
        with self.assertRaisesRegex(ValidationError, "not in stock"):
            self.make_sale(confirm=False)


@tagged("post_install", "-at_install")
class TestSaleUnapprovalReverses(CarSaleCase):
    def test_round_trip_posts_a_credit_note_and_returns_the_car_at_its_value(self):
        order = self.make_sale(lines=[{"product_id": self.agency_fee.id}])
        self.approve(order)
        invoice = order.dealer_invoice_id
        delivery = order.picking_ids
        self.assertNotEqual(self.partner_balance(self.customer), 0)
        posted_before = self.env["account.move.line"].search([("parent_state", "=", "posted")])
        posted_values = posted_before.read(["account_id", "debit", "credit", "move_id"])

        self.unapprove(order)

        self.assertEqual(posted_before.exists(), posted_before, "no posted journal item is deleted")
        self.assertEqual(posted_before.read(["account_id", "debit", "credit", "move_id"]), posted_values)

        self.assertEqual(order.dealer_approval_state, "none")
        self.assertFalse(order.dealer_approved_by)
        self.assertEqual(invoice.state, "posted", "the invoice is kept, never deleted or reset")
        credit_note = invoice.reversal_move_ids
        self.assertEqual((credit_note.state, credit_note.move_type), ("posted", "out_refund"))
        self.assertEqual(credit_note.amount_total, invoice.amount_total)
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertEqual(self.balances(invoice | credit_note), {})
        self.assertEqual(self.partner_balance(self.customer), 0)

        returned = order.picking_ids - delivery
        self.assertEqual(returned.state, "done")
        self.assertEqual(returned.move_line_ids.lot_id, self.car.lot_id)
        self.car.invalidate_recordset()
        self.assertEqual(self.car.stock_location_id, self.warehouse.lot_stock_id)
        self.assertEqual((self.car.dealer_usage, self.car.owner_id.id), ("stock", False))
        lot = self.car.lot_id.with_company(self.company)
        self.assertEqual((lot.quantity_svl, lot.value_svl), (1, CAR_COST), "back in stock at its own value")

        accounts = self.car_accounts(self.car)
        stock_moves = self.car_layers(self.car).account_move_id
        self.assertTrue(all(move.state == "posted" for move in stock_moves | invoice | credit_note))
        self.assertEqual(
            self.balances(stock_moves | invoice | credit_note),
            {accounts["stock_valuation"]: CAR_COST, accounts["stock_input"]: -CAR_COST},
            "only the purchase remains: stock valued, the vendor bill to come",
        )

    def test_approval_after_unapproval_delivers_the_car_again(self):
        order = self.make_sale()
        self.approve(order)
        self.unapprove(order)
        self.approve(order)
        self.assertEqual(order.dealer_approval_state, "approved")
        self.assertEqual(len(order.invoice_ids.filtered(lambda move: move.move_type == "out_invoice")), 2)
        self.assertFalse(self.car.stock_location_id)
        self.assertEqual(self.car.owner_id, self.customer)

    def test_unapproval_of_a_not_approved_sale_is_refused(self):
        order = self.make_sale()
        with self.assertRaisesRegex(UserError, "not approved"):
            self.unapprove(order)


@tagged("post_install", "-at_install")
class TestUnapprovalOfAPaidInvoiceIsRefused(CarSaleCase):
    def test_partly_paid_invoice_keeps_its_approval(self):
        order = self.make_sale()
        self.approve(order)
        invoice = order.dealer_invoice_id
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
            {"amount": 1000.0}
        )._create_payments()
        self.assertEqual(invoice.payment_state, "partial")
        with self.assertRaisesRegex(UserError, "paid or reconciled"):
            self.unapprove(order)
        self.assertEqual(order.dealer_approval_state, "approved")
        self.assertFalse(invoice.reversal_move_ids)
        self.assertFalse(self.car.stock_location_id)


@tagged("post_install", "-at_install")
class TestSaleApprovalRights(CarSaleCase):
    def test_salesperson_cannot_approve(self):
        order = self.make_sale()
        with self.assertRaisesRegex(AccessError, "Sale Approver"):
            self.approve(order, user=self.salesperson)
        self.assertEqual(order.dealer_approval_state, "none")

    def test_approver_without_invoicing_right_is_told_the_missing_right(self):
        approver = self.approver.copy({"login": "uc_approver_no_invoicing"})
        approver.groups_id -= self.env.ref("account.group_account_invoice")
        self.assertFalse(approver.has_group("account.group_account_invoice"))
        order = self.make_sale()
        with self.assertRaisesRegex(AccessError, "Invoicing"):
            self.approve(order, user=approver)
        self.assertFalse(order.invoice_ids)
        self.assertNotEqual(order.picking_ids.state, "done")

    def test_approver_without_inventory_right_is_told_the_missing_right(self):
        approver = self.approver.copy({"login": "uc_approver_no_stock"})
        approver.groups_id -= self.env.ref("stock.group_stock_user")
        order = self.make_sale()
        with self.assertRaisesRegex(AccessError, "Inventory"):
            self.approve(order, user=approver)

    def test_salesperson_cannot_unapprove(self):
        order = self.make_sale()
        self.approve(order)
        with self.assertRaises(AccessError):
            self.unapprove(order, user=self.salesperson)
        self.assertEqual(order.dealer_approval_state, "approved")


@tagged("post_install", "-at_install")
class TestGiftCountsInTheMarginAtCost(CarSaleCase):
    def test_gift_is_free_but_its_cost_lowers_the_margin(self):
        mats = self.env["product.product"].create(
            {"name": "Floor mats", "type": "consu", "list_price": 99.0, "standard_price": 150.0}
        )
        tow_bar = self.env["product.product"].create(
            {"name": "Tow bar", "type": "consu", "list_price": 300.0, "standard_price": 100.0}
        )
        order = self.make_sale(
            lines=[
                {"product_id": mats.id, "dealer_is_gift": True, "price_unit": 99.0},
                {"product_id": tow_bar.id},
            ],
            confirm=False,
        )
        gift = order.order_line.filtered("dealer_is_gift")
        self.assertEqual(gift.price_unit, 0.0, "a gift is given at price 0")
        self.assertEqual(order.amount_untaxed, CAR_PRICE + 300.0)
        self.assertEqual(order.dealer_margin, CAR_PRICE + 300.0 - CAR_COST - 150.0 - 100.0)
        with self.assertRaises(ValidationError):
            gift.price_unit = 10.0
        order.action_confirm()
        self.approve(order)
        self.assertEqual(order.dealer_margin, CAR_PRICE + 300.0 - CAR_COST - 150.0 - 100.0)


@tagged("post_install", "-at_install")
class TestSaleApprovalInASecondCompany(CarSaleCase):
    def test_approval_posts_in_the_second_company_with_its_own_accounts(self):
        company_b = self.setup_other_company()["company"]
        env_b = self.env(context=dict(self.env.context, allowed_company_ids=company_b.ids))
        from odoo.addons.dealer_jobs.tests.common import setup_vehicle_valuation

        setup_vehicle_valuation(env_b)
        car = self.make_stock_car("WVWZZZ1KZSW600009", cost=8000.0, env=env_b)
        self.assertEqual(car.company_id, company_b)
        self.approver.write({"company_ids": [(4, company_b.id)]})
        self.salesperson.write({"company_ids": [(4, company_b.id)]})
        order = self.make_sale(car=car)
        self.assertEqual(order.company_id, company_b)
        self.approve(order)
        invoice = order.dealer_invoice_id
        self.assertEqual((invoice.company_id, invoice.state), (company_b, "posted"))
        accounts = self.car_accounts(car)
        balances = self.balances(invoice)
        self.assertEqual(balances[accounts["expense"]], 8000.0)
        self.assertEqual(balances[accounts["stock_output"]], -8000.0)
        self.assertEqual(self.partner_balance(self.customer, company_b), invoice.amount_total)
        self.unapprove(order)
        self.assertEqual(self.partner_balance(self.customer, company_b), 0)
        self.assertEqual(car.lot_id.with_company(company_b).value_svl, 8000.0)


@tagged("post_install", "-at_install")
class TestCarSaleScreensOpenForEveryRole(CarSaleCase):
    def test_sale_form_and_car_sales_open_for_sales_users_salespeople_and_approvers(self):
        order = self.make_sale()
        plain_sales_user = self.env["res.users"].create(
            {
                "name": "Plain Sales User",
                "login": "uc_plain_sales",
                "company_id": self.company.id,
                "company_ids": [(6, 0, self.company.ids)],
                "groups_id": [(6, 0, self.env.ref("sales_team.group_sale_salesman_all_leads").ids)],
            }
        )
        for user in (plain_sales_user, self.salesperson, self.approver):
            Order = self.env["sale.order"].with_user(user)
            views = Order.get_views([(False, "form"), (False, "list"), (False, "search")])
            form_fields = views["models"]["sale.order"]["fields"]
            spec = {
                name: {"fields": {"display_name": {}}} if form_fields[name]["type"] == "many2one" else {}
                for name in form_fields
                if form_fields[name]["type"] not in ("one2many", "many2many")
            }
            Order.browse(order.id).web_read(spec)
            if user != plain_sales_user:
                action = self.env.ref("dealer_usedcar.action_dealer_car_sale")
                self.assertIn(order, Order.search(literal_eval(action.domain)))
        self.env["dealer.ownership.transfer"].with_user(self.salesperson).get_views(
            [(False, "form"), (False, "list"), (False, "search")]
        )
        self.env["res.config.settings"].get_views([(False, "form")])
