"""A reconditioned car through sale and un-approval: every account the reconditioning touched nets
to what plain Odoo leaves (parts out of stock, a vendor bill with input VAT, the car's value)."""

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common_sale import CAR_COST, CarSaleCase


@tagged("post_install", "-at_install")
class TestReconditionedCarAccounting(CarSaleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company_vals = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.workshop_manager = new_test_user(
            cls.env,
            login="uc_recon_workshop",
            name="Workshop Manager",
            groups="dealer_usedcar.group_dealer_usedcar_manager,stock.group_stock_manager,account.group_account_invoice",
            **company_vals,
        )
        cls.accountant = new_test_user(
            cls.env, login="uc_recon_books", name="Accountant", groups="account.group_account_invoice", **company_vals
        )
        parts_valuation, parts_input, parts_output = cls.env["account.account"].create(
            [
                {"name": "Parts valuation", "code": "RPVAL", "account_type": "asset_current"},
                {"name": "Parts input", "code": "RPIN", "account_type": "asset_current", "reconcile": True},
                {"name": "Parts output", "code": "RPOUT", "account_type": "asset_current", "reconcile": True},
            ]
        )
        cls.parts_valuation = parts_valuation
        category = cls.env["product.category"].create(
            {
                "name": "Parts",
                "property_cost_method": "fifo",
                "property_valuation": "real_time",
                "property_stock_valuation_account_id": parts_valuation.id,
                "property_stock_account_input_categ_id": parts_input.id,
                "property_stock_account_output_categ_id": parts_output.id,
                "property_stock_journal": cls.car_accounts(cls, cls.car)["stock_journal"].id,
            }
        )
        cls.part = cls.env["product.product"].create(
            {"name": "Brake disc", "is_storable": True, "categ_id": category.id, "standard_price": 120}
        )
        cls.env["stock.quant"].with_context(inventory_mode=True).create(
            {"product_id": cls.part.id, "location_id": cls.warehouse.lot_stock_id.id, "inventory_quantity": 10}
        ).action_apply_inventory()
        cls.vat_19 = cls.company_data["default_tax_purchase"].copy({"name": "19% Vorsteuer", "amount": 19})
        cls.service = cls.env["product.product"].create(
            {"name": "Brake service", "type": "service", "supplier_taxes_id": [Command.set(cls.vat_19.ids)]}
        )
        cls.workshop = cls.env["res.partner"].create({"name": "Bremsen Profi GmbH", "is_company": True})

    def test_part_and_billed_service_raise_the_car_and_every_account_nets_after_sale_and_unapproval(self):
        before = self.env["account.move"].search([], order="id desc", limit=1)
        reconditioning = self.env["dealer.reconditioning"].create(
            {
                "vehicle_id": self.car.id,
                "kind": "repair",
                "vendor_id": self.workshop.id,
                "line_ids": [
                    Command.create({"product_id": self.part.id, "quantity": 2}),
                    Command.create({"product_id": self.service.id, "quantity": 1, "unit_cost": 500}),
                ],
            }
        )
        reconditioning.with_user(self.workshop_manager).action_done()
        parts_value = -sum(reconditioning.move_ids.stock_valuation_layer_ids.mapped("value"))
        self.assertEqual(parts_value, 240)
        lot = self.car.lot_id.with_company(self.company)
        self.assertEqual(lot.value_svl, CAR_COST + parts_value, "the parts at once, the bill when posted")

        bill = reconditioning.invoice_id
        bill.write({"ref": "WS-2026-117", "invoice_date": fields.Date.today()})
        with self.assertRaises(AccessError):
            bill.with_user(self.salesperson).action_post()
        self.assertEqual(bill.state, "draft")
        bill.with_user(self.accountant).action_post()

        self.assertEqual(bill.state, "posted")
        self.assertEqual((bill.amount_untaxed, bill.amount_tax, bill.amount_total), (500, 95, 595))
        vat_account = self.vat_19.invoice_repartition_line_ids.account_id
        self.assertEqual(bill.line_ids.filtered("tax_line_id").account_id, vat_account)
        lot.invalidate_recordset()
        self.assertEqual(lot.value_svl, CAR_COST + parts_value + bill.amount_untaxed)

        order = self.make_sale()
        self.approve(order)
        cogs = order.dealer_invoice_id.line_ids.filtered(lambda line: line.display_type == "cogs" and line.debit)
        self.assertEqual(cogs.debit, CAR_COST + 740, "the car's cost of goods sold includes its reconditioning")
        self.unapprove(order)
        lot.invalidate_recordset()
        self.assertEqual((lot.quantity_svl, lot.value_svl), (1, CAR_COST + 740), "back in stock at its value")

        moves = self.env["account.move"].search([("id", ">", before.id), ("state", "=", "posted")])
        payable = bill.line_ids.filtered(lambda line: line.account_type == "liability_payable").account_id
        accounts = self.car_accounts(self.car)
        self.assertEqual(
            self.balances(moves),
            {
                accounts["stock_valuation"]: 740.0,  # the car, back in stock, worth its parts and bill more
                self.parts_valuation: -240.0,  # the parts it took
                payable: -595.0,  # the workshop's bill
                vat_account: 95.0,  # input VAT, recoverable
            },
            "stock input and output, the parts' counterpart, COGS, revenue and receivable net to zero",
        )
