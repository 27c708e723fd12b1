from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.dealer_usedcar.tests.common_sale import CarSaleCase

DAYS_IN_STOCK = 100


class DealerReportsCase(CarSaleCase):
    """A small history made by the real flows, in the company of the tests:

    - car A: bought at 10,000, an add-on (2 tyres from stock at 150), a repair billed by a workshop
      (500, bill posted); sold at 20,000 with an agency fee (250) and a gift from stock (mats, 40);
      the sale approved;
    - car B: bought at 12,000, sold at 18,000, approved, un-approved and approved again;
    - car C: bought at 9,000, received 100 days ago (back-dated receipt), still in stock.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id |= cls.env.ref("stock.group_stock_manager")
        cls.expense_account = cls.company_data["default_account_expense"]
        cls.workshop = cls.env["res.partner"].create({"name": "Werkstatt Blech GmbH", "is_company": True})
        cls.repair_service = cls.env["product.product"].create(
            {
                "name": "Bodywork",
                "type": "service",
                "standard_price": 500,
                "supplier_taxes_id": [Command.clear()],
                "property_account_expense_id": cls.expense_account.id,
            }
        )
        parts_valuation, parts_input, parts_output = cls.env["account.account"].create(
            [
                {"name": "Parts valuation", "code": "RPTVAL", "account_type": "asset_current"},
                {"name": "Parts input", "code": "RPTIN", "account_type": "asset_current"},
                {"name": "Parts output", "code": "RPTOUT", "account_type": "asset_current"},
            ]
        )
        vehicles = cls.env.ref("dealer_jobs.product_category_vehicles").with_company(cls.company)
        cls.parts_category = cls.env["product.category"].create(
            {
                "name": "Parts",
                "property_cost_method": "fifo",
                "property_valuation": "real_time",
                "property_stock_valuation_account_id": parts_valuation.id,
                "property_stock_account_input_categ_id": parts_input.id,
                "property_stock_account_output_categ_id": parts_output.id,
                "property_stock_journal": vehicles.property_stock_journal.id,
            }
        )
        cls.tyre, cls.mats = cls.env["product.product"].create(
            [
                {"name": "Winter tyre", "is_storable": True, "categ_id": cls.parts_category.id, "standard_price": 150},
                {
                    "name": "Floor mats",
                    "is_storable": True,
                    "categ_id": cls.parts_category.id,
                    "standard_price": 40,
                    "invoice_policy": "order",
                },
            ]
        )
        for product in (cls.tyre, cls.mats):
            cls.env["stock.quant"].with_context(inventory_mode=True).create(
                {"product_id": product.id, "location_id": cls.warehouse.lot_stock_id.id, "inventory_quantity": 10}
            ).action_apply_inventory()

        # car A: bought, add-on, repair, sold with a fee and a gift
        cls.car_a = cls.car  # bought at CAR_COST (10,000) by CarSaleCase
        cls.addon = cls.recondition(cls.car_a, [(cls.tyre, 2, 150)])
        cls.addon.action_done()
        cls.repair = cls.recondition(
            cls.car_a, [(cls.repair_service, 1, 500)], kind="repair", vendor_id=cls.workshop.id
        )
        cls.repair.action_done()
        cls.repair.invoice_id.write({"ref": "WB-2026-001", "invoice_date": fields.Date.today()})
        cls.repair.invoice_id.action_post()
        cls.sale_a = cls.make_sale(
            cls,
            cls.car_a,
            lines=[
                {"product_id": cls.agency_fee.id, "product_uom_qty": 1, "price_unit": 250},
                {"product_id": cls.mats.id, "product_uom_qty": 1, "dealer_is_gift": True},
            ],
        )
        cls.approve(cls, cls.sale_a)

        # car B: sold, approved, un-approved, approved again
        cls.car_b = cls.make_stock_car("WVWZZZ1KZSW600002", cost=12000, price=18000)
        cls.sale_b = cls.make_sale(cls, cls.car_b)
        cls.approve(cls, cls.sale_b)
        cls.unapprove(cls, cls.sale_b)
        cls.approve(cls, cls.sale_b)

        # car C: in stock for 100 days
        cls.car_c = cls.make_stock_car("WVWZZZ1KZSW600003", cost=9000, price=14000)
        cls.backdate_receipt(cls.car_c, DAYS_IN_STOCK)

        cls.analyst = new_test_user(
            cls.env,
            login="rpt_analyst",
            name="Rita Analyst",
            groups="dealer_reports.group_dealer_reports",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.cost_reader = new_test_user(
            cls.env,
            login="rpt_cost_reader",
            name="Uwe Used-Car Manager",
            groups="dealer_reports.group_dealer_reports,dealer_usedcar.group_dealer_usedcar_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

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

    @classmethod
    def backdate_receipt(cls, car, days):
        """The car's receipt done ``days`` ago: its move, move line, valuation layer and quant."""
        when = fields.Datetime.now() - timedelta(days=days)
        layers = cls.env["stock.valuation.layer"].search([("lot_id", "=", car.lot_id.id)])
        moves = layers.stock_move_id.filtered(lambda move: move.location_id.usage == "supplier")
        cls.env.flush_all()
        cr = cls.env.cr
        cr.execute("UPDATE stock_move SET date = %s WHERE id IN %s", [when, tuple(moves.ids)])
        cr.execute("UPDATE stock_move_line SET date = %s WHERE move_id IN %s", [when, tuple(moves.ids)])
        cr.execute("UPDATE stock_quant SET in_date = %s WHERE lot_id = %s", [when, car.lot_id.id])
        cr.execute(
            "UPDATE stock_valuation_layer SET create_date = %s WHERE stock_move_id IN %s", [when, tuple(moves.ids)]
        )
        cls.env.invalidate_all()

    def ledger(self, car, user=None):
        model = self.env["dealer.report.vehicle.cost"]
        if user:
            model = model.with_user(user)
        model.invalidate_model()
        return model.search([("vehicle_id", "=", car.id)])
