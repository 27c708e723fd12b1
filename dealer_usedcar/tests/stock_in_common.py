from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.dealer_jobs.tests.common import setup_vehicle_valuation, valid_vin


class UsedCarStockCase(AccountTestInvoicingCommon):
    """A company with a chart of accounts and automated per-car valuation, a seller of each kind,
    and helpers to buy and receive cars the used-car way."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id |= (
            cls.env.ref("dealer_usedcar.group_dealer_usedcar_manager")
            | cls.env.ref("stock.group_stock_manager")
            | cls.env.ref("dealer_jobs.group_dealer_manager")  # vehicle models: no used-car group implies it
        )
        cls.company = cls.env.company
        cls.company.dealer_vin_check_digit = True
        cls.stock_valuation_account = setup_vehicle_valuation(cls.env)
        cls.category = cls.env.ref("dealer_jobs.product_category_vehicles").with_company(cls.company)
        cls.stock_input_account = cls.category.property_stock_account_input_categ_id
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Gebrauchtmarke"})
        cls.model = cls.env["fleet.vehicle.model"].create(
            {"name": "Limousine", "brand_id": cls.brand.id, "vehicle_type": "car"}
        )
        cls.private_seller = cls.env["res.partner"].create({"name": "Petra Privat"})
        cls.dealer_seller = cls.env["res.partner"].create({"name": "Autohaus Händler GmbH", "is_company": True})
        cls.salesperson = new_test_user(
            cls.env,
            login="uc_stock_sales",
            groups="dealer_usedcar.group_dealer_usedcar_user",
            name="Uwe Used",
            company_id=cls.company.id,
        )
        cls.colleague = new_test_user(
            cls.env,
            login="uc_stock_colleague",
            groups="dealer_usedcar.group_dealer_usedcar_user",
            name="Cleo Colleague",
            company_id=cls.company.id,
        )
        cls.manager = new_test_user(
            cls.env,
            login="uc_stock_manager",
            groups="dealer_usedcar.group_dealer_usedcar_manager,stock.group_stock_manager,account.group_account_invoice",
            name="Mona Manager",
            company_id=cls.company.id,
        )

    @classmethod
    def make_car(cls, vin, **vals):
        defaults = {
            "model_id": cls.model.id,
            "vin_sn": valid_vin(vin),
            "engine_number": f"ENG {vin[-6:]}",
            "model_code": "B9",
            "dealer_usage": "customer",
            "owner_id": cls.private_seller.id,
        }
        return cls.env["fleet.vehicle"].create({**defaults, **vals})

    @classmethod
    def buy(cls, cars, prices, seller=None, payment="bank_transfer", warehouse=None, confirm=True):
        """A purchase order buying ``cars`` at ``prices`` (one line per car)."""
        warehouse = warehouse or cls.warehouse
        order = (
            cls.env["purchase.order"]
            .with_company(warehouse.company_id)
            .create(
                {
                    "partner_id": (seller or cls.private_seller).id,
                    "company_id": warehouse.company_id.id,
                    "picking_type_id": warehouse.in_type_id.id,
                    "dealer_payment_method": payment,
                    "order_line": [
                        Command.create({**car._dealer_purchase_line_vals(price), "taxes_id": [Command.clear()]})
                        for car, price in zip(cars, prices, strict=True)
                    ],
                }
            )
        )
        if confirm:
            order.button_confirm()
        return order

    @classmethod
    def receive(cls, order):
        receipt = order.picking_ids.filtered(lambda picking: picking.state not in ("done", "cancel"))
        receipt.button_validate()
        return receipt

    @classmethod
    def buy_and_receive(cls, cars, prices, **kwargs):
        order = cls.buy(cars, prices, **kwargs)
        cls.receive(order)
        cars.invalidate_recordset(["stock_location_id", "stock_warehouse_id"])
        return order

    def entry_lines(self, entries):
        """``{(account, debit, credit)}`` of journal entries, checking that they balance."""
        lines = entries.line_ids
        self.assertEqual(sum(lines.mapped("debit")), sum(lines.mapped("credit")), "debits equal credits")
        return {(line.account_id, line.debit, line.credit) for line in lines}
