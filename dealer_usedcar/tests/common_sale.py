from collections import defaultdict

from odoo.fields import Command
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.dealer_jobs.tests.common import setup_vehicle_valuation, valid_vin

CAR_COST = 10000.0
CAR_PRICE = 20000.0


class CarSaleCase(AccountTestInvoicingCommon):
    """Cars bought into stock at a known cost, a customer, a salesperson and an approver."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        # the test user (Odoo's accountman) also manages used cars: reads transfers, surveys of sales
        # and administers the dealer suite (vehicle models): no used-car group implies that
        cls.env.user.groups_id += cls.env.ref("dealer_usedcar.group_dealer_usedcar_manager") | cls.env.ref(
            "dealer_jobs.group_dealer_manager"
        )
        setup_vehicle_valuation(cls.env)
        cls.brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Gebrauchtmarke"})
        cls.model = cls.env["fleet.vehicle.model"].create(
            {"name": "Limousine", "brand_id": cls.brand.id, "vehicle_type": "car"}
        )
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.seller = cls.env["res.partner"].create({"name": "Privatverkäufer"})
        cls.customer = cls.env["res.partner"].create({"name": "Käuferin Kunde", "email": "kundin@example.com"})
        company_vals = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.salesperson = new_test_user(
            cls.env,
            login="uc_salesperson",
            name="Used-Car Salesperson",
            groups="dealer_usedcar.group_dealer_usedcar_user",
            **company_vals,
        )
        cls.approver = new_test_user(
            cls.env,
            login="uc_approver",
            name="Sale Approver",
            groups="dealer_usedcar.group_sale_approver,account.group_account_invoice,stock.group_stock_user",
            **company_vals,
        )
        cls.agency_fee = cls.env.ref("dealer_usedcar.product_dealer_agency_fee")
        cls.car = cls.make_stock_car("WVWZZZ1KZSW600001")

    @classmethod
    def make_stock_car(cls, vin, cost=CAR_COST, price=CAR_PRICE, env=None):
        env = env or cls.env
        car = env["fleet.vehicle"].create(
            {
                "model_id": cls.model.id,
                "vin_sn": valid_vin(vin),
                "engine_number": f"E{vin[-6:]}",
                "model_code": "L1",
                "dealer_usage": "stock",
                "dealer_list_price": price,
            }
        )
        warehouse = env["stock.warehouse"].search([("company_id", "=", car.company_id.id)], limit=1)
        car._dealer_receive(warehouse, cls.seller, price_unit=cost)
        return car

    def make_sale(self, car=None, lines=(), confirm=True, user=None):
        user = user or self.salesperson
        car = car or self.car
        order = (
            self.env["sale.order"]
            .with_user(user)
            .with_company(car.company_id)
            .create(
                {
                    "partner_id": self.customer.id,
                    "dealer_vehicle_id": car.id,
                    "dealer_payment_method": "financing",
                    "order_line": [Command.create(vals) for vals in lines],
                }
            )
        )
        if confirm:
            order.action_confirm()
        return order.with_user(self.env.user)

    def approve(self, order, user=None):
        return order.with_user(user or self.approver).with_company(order.company_id).action_dealer_approve()

    def unapprove(self, order, user=None):
        return order.with_user(user or self.approver).with_company(order.company_id).action_dealer_unapprove()

    @staticmethod
    def balances(moves):
        """{account: balance} of the moves' lines, rounded to the cent, zero balances left out."""
        result = defaultdict(float)
        for line in moves.line_ids:
            result[line.account_id] += line.balance
        return {account: round(balance, 2) for account, balance in result.items() if round(balance, 2)}

    def car_accounts(self, car):
        return car.product_id.product_tmpl_id.with_company(car.company_id).get_product_accounts()

    def car_layers(self, car):
        return self.env["stock.valuation.layer"].search([("lot_id", "=", car.lot_id.id)], order="id")

    def partner_balance(self, partner, company=None):
        lines = self.env["account.move.line"].search(
            [
                ("partner_id", "=", partner.id),
                ("account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("company_id", "=", (company or self.company).id),
            ]
        )
        return round(sum(lines.mapped("balance")), 2)
