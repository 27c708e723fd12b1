"""Reconditioning: add-ons and repairs raise that car's own cost by posted costs only: parts issued
out of stock at their valuation, and the vendor's bill once accounting posts it."""

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.modules.module import get_manifest
from odoo.tests import new_test_user, tagged

from odoo.addons.dealer_jobs.tests.common import setup_vehicle_valuation

from .stock_in_common import UsedCarStockCase


class ReconditioningCase(UsedCarStockCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.expense_account = cls.company_data["default_account_expense"]
        cls.service = cls.env["product.product"].create(
            {
                "name": "Paint repair",
                "type": "service",
                "standard_price": 1500,
                "supplier_taxes_id": [Command.clear()],
                "property_account_expense_id": cls.expense_account.id,
            }
        )
        cls.workshop = cls.env["res.partner"].create({"name": "Lackiererei Glanz GmbH", "is_company": True})
        cls.parts_valuation, cls.parts_input, cls.parts_output = cls.env["account.account"].create(
            [
                {"name": "Parts valuation", "code": "PARTVAL", "account_type": "asset_current"},
                {"name": "Parts input", "code": "PARTIN", "account_type": "asset_current"},
                {"name": "Parts output", "code": "PARTOUT", "account_type": "asset_current"},
            ]
        )
        cls.parts_category = cls.env["product.category"].create(
            {
                "name": "Parts",
                "property_cost_method": "fifo",
                "property_valuation": "real_time",
                "property_stock_valuation_account_id": cls.parts_valuation.id,
                "property_stock_account_input_categ_id": cls.parts_input.id,
                "property_stock_account_output_categ_id": cls.parts_output.id,
                "property_stock_journal": cls.category.property_stock_journal.id,
            }
        )
        cls.part = cls.env["product.product"].create(
            {"name": "Winter tyre", "is_storable": True, "categ_id": cls.parts_category.id, "standard_price": 150}
        )
        cls.env["stock.quant"].with_context(inventory_mode=True).create(
            {"product_id": cls.part.id, "location_id": cls.warehouse.lot_stock_id.id, "inventory_quantity": 20}
        ).action_apply_inventory()
        cls.accountant = new_test_user(
            cls.env,
            login="uc_recon_accountant",
            groups="account.group_account_invoice",
            name="Anna Accountant",
            company_id=cls.company.id,
        )
        cls.car_1 = cls.make_car("WAUZZZ8V1KA200001")
        cls.car_2 = cls.make_car("WAUZZZ8V1KA200002")
        cls.buy_and_receive(cls.car_1 | cls.car_2, [10000, 12000])

    @classmethod
    def recondition(cls, car, lines, **vals):
        return cls.env["dealer.reconditioning"].create(
            {
                "vehicle_id": car.id,
                "line_ids": [
                    Command.create({"product_id": product.id, "quantity": quantity, "unit_cost": cost})
                    for product, quantity, cost in lines
                ],
                **vals,
            }
        )

    def post_bill(self, reconditioning, ref="RE-2026-0815", user=None):
        """Accounting enters the vendor's invoice reference and date and posts the draft bill."""
        bill = reconditioning.invoice_id.with_user(user or self.accountant)
        bill.write({"ref": ref, "invoice_date": fields.Date.today()})
        bill.action_post()
        return bill


@tagged("post_install", "-at_install")
class TestReconditioningRaisesOnlyThatCar(ReconditioningCase):
    def test_two_cars_of_one_model_keep_their_own_cost(self):
        self.assertEqual(self.car_1.product_id, self.car_2.product_id, "same model, same product")
        reconditioning = self.recondition(self.car_1, [(self.part, 4, 150)])
        self.assertEqual(reconditioning.amount_total, 600)
        reconditioning.action_done()
        self.assertEqual(reconditioning.state, "done")
        self.assertFalse(reconditioning.invoice_id, "parts only: nothing to bill")
        self.assertEqual(self.car_1.lot_id.value_svl, 10600)
        self.assertEqual(self.car_2.lot_id.value_svl, 12000)
        layers = reconditioning.valuation_layer_ids
        self.assertEqual((layers.lot_id, layers.value, layers.quantity), (self.car_1.lot_id, 600, 0))
        self.assertEqual(
            self.entry_lines(layers.account_move_id),
            {(self.stock_valuation_account, 600.0, 0.0), (self.parts_output, 0.0, 600.0)},
        )
        car_2_layers = self.env["stock.valuation.layer"].search([("lot_id", "=", self.car_2.lot_id.id)])
        self.assertEqual(car_2_layers.mapped("value"), [12000], "the other car has only its receipt")

    def test_done_twice_adds_the_cost_once(self):
        reconditioning = self.recondition(self.car_1, [(self.part, 1, 150)])
        reconditioning.action_done()
        reconditioning.action_done()
        self.assertEqual(self.car_1.lot_id.value_svl, 10150)
        self.assertEqual(len(reconditioning.valuation_layer_ids), 1)
        self.assertEqual(len(reconditioning.move_ids), 1)

    def test_a_typed_service_cost_does_not_raise_the_car(self):
        reconditioning = self.recondition(self.car_1, [(self.service, 1, 1500)], vendor_id=self.workshop.id)
        reconditioning.action_done()
        self.assertEqual(reconditioning.state, "done")
        self.assertEqual(reconditioning.invoice_id.state, "draft")
        self.assertEqual(self.car_1.lot_id.value_svl, 10000, "only the posted bill raises the car")
        self.assertFalse(reconditioning.valuation_layer_ids)

    def test_a_car_out_of_stock_is_not_reconditioned(self):
        car = self.make_car("WAUZZZ8V1KA200003")
        reconditioning = self.recondition(car, [(self.part, 1, 150)])
        with self.assertRaisesRegex(UserError, "not in stock"):
            reconditioning.action_done()
        self.assertEqual(reconditioning.state, "draft")

    def test_draft_is_cancelled_and_done_is_not(self):
        draft = self.recondition(self.car_1, [(self.part, 1, 150)])
        draft.action_cancel()
        self.assertEqual(draft.state, "cancelled")
        draft.action_done()
        self.assertEqual(draft.state, "cancelled", "a cancelled reconditioning is not done")
        done = self.recondition(self.car_1, [(self.part, 1, 150)])
        done.action_done()
        with self.assertRaisesRegex(UserError, "cannot be cancelled"):
            done.action_cancel()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            done.unlink()


@tagged("post_install", "-at_install")
class TestReconditioningPartsLeaveStock(ReconditioningCase):
    def test_parts_leave_the_cars_warehouse_at_their_fifo_cost(self):
        accounts = self.parts_valuation | self.parts_input | self.parts_output
        parts_category = self.parts_category
        part = self.env["product.product"].create(
            {"name": "Floor mats", "is_storable": True, "categ_id": parts_category.id, "standard_price": 40.25}
        )
        self.env["stock.quant"].with_context(inventory_mode=True).create(
            {"product_id": part.id, "location_id": self.warehouse.lot_stock_id.id, "inventory_quantity": 5}
        ).action_apply_inventory()
        reconditioning = self.recondition(self.car_1, [(part, 2, 40.25)])
        self.assertEqual(reconditioning.warehouse_id, self.warehouse)
        reconditioning.action_done()
        self.assertEqual(part.with_company(self.company).qty_available, 3)
        move = reconditioning.move_ids
        self.assertEqual((move.state, move.location_id), ("done", self.warehouse.lot_stock_id))
        self.assertEqual(move.stock_valuation_layer_ids.value, -80.5)
        self.assertEqual(
            self.entry_lines(move.stock_valuation_layer_ids.account_move_id),
            {(accounts[2], 80.5, 0.0), (accounts[0], 0.0, 80.5)},
        )
        self.assertEqual(self.car_1.lot_id.value_svl, 10080.5)
        self.assertEqual(
            self.entry_lines(reconditioning.valuation_layer_ids.account_move_id),
            {(self.stock_valuation_account, 80.5, 0.0), (accounts[2], 0.0, 80.5)},
        )

    def test_missing_parts_are_refused(self):
        part = self.env["product.product"].create({"name": "Alloy rim", "is_storable": True})
        reconditioning = self.recondition(self.car_1, [(part, 4, 120)])
        with self.assertRaisesRegex(UserError, "only 0.0 of 4.0 Alloy rim"):
            reconditioning.action_done()
        self.assertEqual(self.car_1.lot_id.value_svl, 10000)


@tagged("post_install", "-at_install")
class TestRepairIsBilledByItsVendor(ReconditioningCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # input VAT on its own account, like the company's purchase tax
        cls.vat_19 = cls.company_data["default_tax_purchase"].copy({"name": "19% Vorsteuer", "amount": 19})
        cls.service.supplier_taxes_id = cls.vat_19

    def test_done_drafts_the_bill_and_posting_it_raises_the_car_by_its_untaxed_amount(self):
        reconditioning = self.recondition(
            self.car_2, [(self.service, 1, 800)], kind="repair", vendor_id=self.workshop.id, other_cost=50.5
        )
        reconditioning.action_done()
        bill = reconditioning.invoice_id
        self.assertEqual((bill.move_type, bill.partner_id, bill.state), ("in_invoice", self.workshop, "draft"))
        self.assertFalse(bill.ref, "the vendor's invoice reference is entered by accounting")
        self.assertEqual(bill.invoice_line_ids.account_id, self.stock_input_account)
        service_line = bill.invoice_line_ids.filtered("product_id")
        self.assertEqual(service_line.tax_ids, self.vat_19, "the product's purchase taxes, by Odoo")
        self.assertEqual((bill.amount_untaxed, bill.amount_tax), (850.5, 152.0))
        vat_account = self.vat_19.invoice_repartition_line_ids.account_id
        self.assertTrue(vat_account)
        self.assertEqual(self.car_2.lot_id.value_svl, 12000, "a draft bill adds nothing")

        with self.assertRaisesRegex(UserError, "vendor's invoice reference"):
            bill.with_user(self.accountant).action_post()
        self.post_bill(reconditioning)  # an accountant without any inventory right

        self.assertEqual(bill.state, "posted")
        self.assertEqual(self.car_2.lot_id.value_svl, 12850.5, "the bill's untaxed amount, not its VAT")
        self.assertEqual(self.car_1.lot_id.value_svl, 10000)
        layers = reconditioning.valuation_layer_ids
        self.assertEqual(sorted(layers.mapped("value")), [50.5, 800.0])
        self.assertEqual(layers.account_move_line_id, bill.invoice_line_ids)
        self.assertEqual(
            self.entry_lines(layers.account_move_id),
            {
                (self.stock_valuation_account, 800.0, 0.0),
                (self.stock_input_account, 0.0, 800.0),
                (self.stock_valuation_account, 50.5, 0.0),
                (self.stock_input_account, 0.0, 50.5),
            },
        )
        interim = (bill | layers.account_move_id).line_ids.filtered(
            lambda line: line.account_id == self.stock_input_account
        )
        self.assertEqual(sum(interim.mapped("balance")), 0, "the interim account is left balanced")
        self.assertTrue(all(interim.mapped("reconciled")), "and matched")
        tax_line = bill.line_ids.filtered("tax_line_id")
        self.assertEqual((tax_line.account_id, tax_line.debit), (vat_account, 152.0), "input VAT, not car cost")

    def test_taxes_are_odoos_mapped_by_the_vendors_fiscal_position(self):
        vat_0 = self.vat_19.copy({"name": "0% Reverse charge", "amount": 0})
        self.workshop.property_account_position_id = self.env["account.fiscal.position"].create(
            {"name": "EU vendor", "tax_ids": [Command.create({"tax_src_id": self.vat_19.id, "tax_dest_id": vat_0.id})]}
        )
        reconditioning = self.recondition(
            self.car_2, [(self.service, 1, 800)], kind="repair", vendor_id=self.workshop.id
        )
        reconditioning.action_done()
        self.assertEqual(reconditioning.invoice_id.invoice_line_ids.tax_ids, vat_0)

    def test_other_costs_keep_the_input_vat_odoo_gives_a_bill_line(self):
        journal = self.company_data["default_journal_purchase"]
        journal.default_account_id.tax_ids = self.vat_19
        reconditioning = self.recondition(self.car_2, [], kind="repair", vendor_id=self.workshop.id, other_cost=300)
        reconditioning.action_done()
        bill = reconditioning.invoice_id
        self.assertEqual(bill.journal_id, journal)
        self.assertEqual(bill.invoice_line_ids.account_id, self.stock_input_account)
        self.assertEqual(bill.invoice_line_ids.tax_ids, self.vat_19, "not forced tax-free")
        self.assertEqual((bill.amount_untaxed, bill.amount_tax), (300, 57))
        self.post_bill(reconditioning)
        self.assertEqual(self.car_2.lot_id.value_svl, 12300)

    def test_posting_again_adds_only_a_difference(self):
        reconditioning = self.recondition(
            self.car_2, [(self.service, 1, 800)], kind="repair", vendor_id=self.workshop.id
        )
        reconditioning.action_done()
        bill = self.post_bill(reconditioning)
        with self.assertRaisesRegex(UserError, "must be in draft"):
            bill.action_post()
        bill.button_draft()
        bill.action_post()
        self.assertEqual(self.car_2.lot_id.value_svl, 12800, "posted twice, added once")
        bill.button_draft()
        bill.invoice_line_ids.price_unit = 900  # the vendor's invoice says 900
        bill.action_post()
        self.assertEqual(self.car_2.lot_id.value_svl, 12900)
        self.assertEqual(sorted(reconditioning.valuation_layer_ids.mapped("value")), [100.0, 800.0])
        self.assertTrue(bill.invoice_line_ids.full_reconcile_id, "the interim line is matched with both")

    def test_a_credit_note_of_the_bill_takes_the_amount_back(self):
        reconditioning = self.recondition(
            self.car_2, [(self.service, 1, 800)], kind="repair", vendor_id=self.workshop.id
        )
        reconditioning.action_done()
        bill = self.post_bill(reconditioning)
        bill.with_user(self.accountant)._reverse_moves([{"invoice_date": fields.Date.today()}], cancel=True)
        self.assertEqual(bill.payment_state, "reversed")
        self.assertEqual(self.car_2.lot_id.value_svl, 12000)

    def test_a_bill_posted_after_the_car_left_stock_raises_its_cost_of_goods_sold(self):
        reconditioning = self.recondition(
            self.car_2, [(self.service, 1, 800)], kind="repair", vendor_id=self.workshop.id
        )
        reconditioning.action_done()
        scrap = self.env["stock.scrap"].create(
            {
                "product_id": self.car_2.product_id.id,
                "lot_id": self.car_2.lot_id.id,
                "scrap_qty": 1,
                "location_id": self.warehouse.lot_stock_id.id,
            }
        )
        scrap.action_validate()
        self.assertEqual(self.car_2.lot_id.quantity_svl, 0)
        bill = self.post_bill(reconditioning)
        expense = self.car_2.product_id.product_tmpl_id.get_product_accounts()["expense"]
        entries = self.env["account.move"].search([("ref", "ilike", reconditioning.name), ("move_type", "=", "entry")])
        self.assertEqual(self.entry_lines(entries), {(expense, 800.0, 0.0), (self.stock_input_account, 0.0, 800.0)})
        self.assertTrue(bill.invoice_line_ids.reconciled)

    def test_a_repair_needs_its_vendor(self):
        reconditioning = self.recondition(self.car_2, [(self.service, 1, 800)], kind="repair")
        with self.assertRaisesRegex(UserError, "needs the vendor"):
            reconditioning.action_done()

    def test_services_of_an_addon_need_their_vendor(self):
        reconditioning = self.recondition(self.car_2, [(self.service, 1, 800)])
        with self.assertRaisesRegex(UserError, "choose the vendor"):
            reconditioning.action_done()
        reconditioning.write({"line_ids": [Command.clear()], "other_cost": 300})
        with self.assertRaisesRegex(UserError, "choose the vendor"):
            reconditioning.action_done()
        self.assertEqual(self.car_2.lot_id.value_svl, 12000)

    def test_salesperson_cannot_post_the_bill(self):
        reconditioning = self.recondition(
            self.car_2, [(self.service, 1, 800)], kind="repair", vendor_id=self.workshop.id
        )
        reconditioning.action_done()
        bill = reconditioning.invoice_id
        bill.ref = "RE-1"
        bill.invoice_date = fields.Date.today()
        with self.assertRaises(AccessError):
            bill.with_user(self.salesperson).action_post()
        self.assertEqual(bill.state, "draft")
        self.assertEqual(self.car_2.lot_id.value_svl, 12000)


@tagged("post_install", "-at_install")
class TestReconditioningStateByButtonsOnly(ReconditioningCase):
    def test_state_is_not_written_directly(self):
        rec = self.recondition(self.car_1, [(self.part, 1, 150)])
        with self.assertRaisesRegex(UserError, "never directly"):
            rec.state = "done"
        with self.assertRaisesRegex(UserError, "never directly"):
            self.recondition(self.car_2, [(self.part, 1, 150)], state="done")
        self.assertEqual(rec.state, "draft")
        self.assertEqual(self.car_1.lot_id.value_svl, 10000)


@tagged("post_install", "-at_install")
class TestReconditioningRights(ReconditioningCase):
    def test_salesperson_sees_own_reconditionings_and_manager_all(self):
        own = self.recondition(self.car_1, [(self.service, 1, 100)]).with_user(self.salesperson)
        own.sudo().user_id = self.salesperson  # sudo: test fixture, the salesperson's own record
        other = self.recondition(self.car_2, [(self.service, 1, 100)], user_id=self.colleague.id)
        model = self.env["dealer.reconditioning"]
        self.assertEqual(model.with_user(self.salesperson).search([]), own)
        with self.assertRaises(AccessError):
            other.with_user(self.salesperson).read(["name"])
        self.assertEqual(model.with_user(self.manager).search([]), own | other)

    def test_salesperson_cannot_complete_a_reconditioning(self):
        reconditioning = self.recondition(self.car_1, [(self.part, 1, 150)], user_id=self.salesperson.id)
        with self.assertRaisesRegex(AccessError, "Inventory / Administrator"):
            reconditioning.with_user(self.salesperson).action_done()
        self.assertEqual(self.car_1.lot_id.value_svl, 10000)

    def test_manager_with_inventory_rights_completes_it_and_accounting_posts_the_bill(self):
        reconditioning = self.recondition(
            self.car_1, [(self.part, 1, 150), (self.service, 1, 100)], kind="repair", vendor_id=self.workshop.id
        )
        reconditioning.with_user(self.manager).action_done()
        self.assertEqual(reconditioning.state, "done")
        self.assertEqual(reconditioning.invoice_id.state, "draft", "never posted on the manager's behalf")
        self.assertEqual(self.car_1.lot_id.value_svl, 10150)
        self.post_bill(reconditioning, user=self.manager)
        self.assertEqual(self.car_1.lot_id.value_svl, 10250)


@tagged("post_install", "-at_install")
class TestReconditioningInASecondCompany(ReconditioningCase):
    def test_second_company_values_its_own_car(self):
        company_2 = self.setup_other_company()["company"]
        self.env.user.company_ids |= company_2
        env_2 = self.env(context=dict(self.env.context, allowed_company_ids=[company_2.id, self.company.id]))
        valuation_2 = setup_vehicle_valuation(env_2(context=dict(env_2.context, allowed_company_ids=[company_2.id])))
        warehouse_2 = env_2["stock.warehouse"].search([("company_id", "=", company_2.id)], limit=1)
        car = env_2["fleet.vehicle"].create(
            {
                "model_id": self.model.id,
                "vin_sn": self.car_1.vin_sn,
                "engine_number": "ENG 2",
                "model_code": "B9",
                "company_id": company_2.id,
            }
        )
        self.buy_and_receive(car, [7000], warehouse=warehouse_2)
        self.assertEqual(car.lot_id.company_id, company_2, "its own lot")
        self.assertNotEqual(car.lot_id, self.car_1.lot_id)
        service = self.service.with_env(env_2)
        service.with_company(company_2).property_account_expense_id = env_2["account.account"].search(
            [("company_ids", "in", company_2.ids), ("account_type", "=", "expense")], limit=1
        )
        reconditioning = env_2["dealer.reconditioning"].create(
            {
                "vehicle_id": car.id,
                "company_id": company_2.id,
                "vendor_id": self.workshop.id,
                "line_ids": [Command.create({"product_id": service.id, "quantity": 1, "unit_cost": 300})],
            }
        )
        reconditioning.action_done()
        bill = reconditioning.invoice_id
        self.assertEqual(bill.company_id, company_2)
        bill.write({"ref": "RE-2", "invoice_date": fields.Date.today()})
        bill.action_post()
        self.assertEqual(car.lot_id.with_company(company_2).value_svl, 7300)
        self.assertEqual(self.car_1.lot_id.with_company(self.company).value_svl, 10000)
        layers = reconditioning.valuation_layer_ids
        self.assertEqual(layers.company_id, company_2)
        self.assertIn((valuation_2, 300.0, 0.0), self.entry_lines(layers.account_move_id))


@tagged("post_install", "-at_install")
class TestReconditioningNeedsNoLandedCosts(ReconditioningCase):
    def test_the_addon_does_not_depend_on_landed_costs(self):
        # the car's value rises by lot revaluation only (parts issued, vendor bill posted)
        self.assertNotIn("stock_landed_costs", get_manifest("dealer_usedcar")["depends"])
        reconditioning = self.recondition(self.car_1, [(self.part, 1, 150)])
        reconditioning.action_done()
        self.assertFalse(reconditioning.valuation_layer_ids.stock_move_id, "a revaluation, no landed-cost layer")
