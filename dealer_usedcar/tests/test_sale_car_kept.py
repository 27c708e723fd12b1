"""Once the order is confirmed its car is not swapped: un-approval returns exactly the car delivered."""

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged

from .common_sale import CAR_COST, CarSaleCase


@tagged("post_install", "-at_install")
class TestCarOfAConfirmedSaleIsNotSwapped(CarSaleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_car = cls.make_stock_car("WVWZZZ1KZSW600011")

    def assert_swap_refused(self, order, user):
        car_line = order.order_line.filtered("dealer_vehicle_id")
        attempts = (
            lambda: order.with_user(user).write({"dealer_vehicle_id": self.other_car.id}),
            lambda: order.with_user(user).write({"dealer_vehicle_id": False}),
            lambda: car_line.with_user(user).write({"dealer_vehicle_id": self.other_car.id}),
            lambda: order.with_user(user).write(
                {"order_line": [Command.update(car_line.id, {"dealer_vehicle_id": self.other_car.id})]}
            ),
            lambda: order.with_user(user).write(
                {
                    "order_line": [
                        Command.create(
                            {"product_id": self.other_car.product_id.id, "dealer_vehicle_id": self.other_car.id}
                        )
                    ]
                }
            ),
            # no user and no context gets past it: superuser, action context
            lambda: order.sudo()._dealer_write({"dealer_vehicle_id": self.other_car.id}),
            lambda: car_line.sudo()._dealer_write({"dealer_vehicle_id": self.other_car.id}),
        )
        for attempt in attempts:
            with self.assertRaisesRegex(UserError, "cannot be changed once the order is confirmed"):
                attempt()
        self.assertEqual(order.dealer_vehicle_id, self.car)
        self.assertEqual(order.order_line.dealer_vehicle_id, self.car)

    def test_salesperson_cannot_swap_the_car_of_a_confirmed_sale(self):
        order = self.make_sale()
        self.assert_swap_refused(order, self.salesperson)
        order.with_user(self.salesperson).write({"dealer_vehicle_id": self.car.id})  # the same car: nothing changes

    def test_approver_cannot_swap_the_car_of_an_approved_sale_and_unapproval_returns_it(self):
        order = self.make_sale()
        self.assert_swap_refused(order, self.approver)
        self.approve(order)
        self.assert_swap_refused(order, self.approver)
        self.assert_swap_refused(order, self.salesperson)

        self.unapprove(order)
        self.car.invalidate_recordset()
        self.assertEqual(self.car.stock_location_id, self.warehouse.lot_stock_id, "the delivered car came back")
        self.assertEqual(self.car.lot_id.with_company(self.company).value_svl, CAR_COST)
        self.assertEqual(self.other_car.dealer_usage, "stock")

    def test_quotation_still_changes_its_car(self):
        order = self.make_sale(confirm=False)
        order.with_user(self.salesperson).write({"dealer_vehicle_id": self.other_car.id})
        self.assertEqual(order.order_line.dealer_vehicle_id, self.other_car)
