"""One rule for a car on a sale order, chosen as the car sold or on a line (as a job sells it): its
delivery waits for the approval, and one open sale per car, held by the database."""

import threading
import time

import psycopg2

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_jobs.tests.common import valid_vin

from .common_sale import CAR_PRICE, CarSaleCase

ROUNDS = 5


@tagged("post_install", "-at_install")
class TestACarOnALineWaitsForTheApproval(CarSaleCase):
    def make_line_sale(self, car=None, user=None):
        """An order selling the car on a line only, as a job's quotation does."""
        car = car or self.car
        return (
            self.env["sale.order"]
            .with_user(user or self.salesperson)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [
                        Command.create(
                            {"product_id": car.product_id.id, "price_unit": CAR_PRICE, "dealer_vehicle_id": car.id}
                        )
                    ],
                }
            )
            .with_user(self.env.user)
        )

    def test_the_cars_delivery_is_refused_without_the_approval(self):
        order = self.make_line_sale()
        self.assertFalse(order.dealer_vehicle_id)
        self.assertTrue(order.dealer_sells_car)
        order.action_confirm()
        delivery = order.picking_ids
        self.assertEqual(delivery.move_line_ids.lot_id, self.car.lot_id)
        for user in (self.approver, self.env.user):
            with self.assertRaisesRegex(UserError, "delivered by the approval"):
                delivery.with_user(user).button_validate()
        self.assertNotEqual(delivery.state, "done")
        self.assertEqual(self.car.dealer_usage, "stock")

        self.approve(order)
        self.assertEqual((order.dealer_approval_state, delivery.state), ("approved", "done"))
        self.assertEqual(self.car.owner_id, self.customer)
        self.assertEqual(order.dealer_invoice_id.state, "posted")
        self.assertEqual(self.partner_balance(self.customer), round(order.amount_total, 2))
        self.unapprove(order)
        self.assertTrue(self.car.stock_location_id)
        self.assertEqual(self.partner_balance(self.customer), 0)

    def test_a_company_without_car_sale_approval_delivers_the_car_with_its_delivery(self):
        self.company.dealer_sale_approval = False
        order = self.make_line_sale()
        order.action_confirm()
        order.picking_ids.button_validate()
        self.assertEqual(order.picking_ids.state, "done")
        self.assertEqual((self.car.dealer_usage, self.car.owner_id), ("customer", self.customer))
        self.assertEqual(order.dealer_approval_state, "none")

    def test_a_car_sold_on_a_line_is_not_sold_again_either_way(self):
        first = self.make_line_sale()
        with self.assertRaisesRegex(ValidationError, first.name):
            self.make_sale(confirm=False)
        with self.assertRaisesRegex(ValidationError, first.name):
            self.make_line_sale()
        first.action_cancel()
        second = self.make_sale(confirm=False)
        with self.assertRaisesRegex(ValidationError, second.name):
            self.make_line_sale()
        self.assertIn(self.car, self.env["sale.order"].new({}).dealer_reserved_vehicle_ids._origin)

    def test_the_database_holds_one_open_sale_line_per_car(self):
        first = self.make_line_sale()
        other = self.make_line_sale(car=self.make_stock_car("WVWZZZ1KZSW600021"))
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.ExclusionViolation):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "UPDATE sale_order_line SET dealer_vehicle_id = %s WHERE id = %s",
                    [self.car.id, other.order_line.id],
                )
        first.action_confirm()
        self.approve(first)  # delivered: the car's line is no longer open
        self.assertFalse(first.order_line.dealer_car_open)


@tagged("post_install", "-at_install")
class TestTwoSalesOfOneCarAtOnce(TransactionCase):
    """Two salespeople sell the same car at the same moment, each in their own transaction: exactly
    one sale is made, whichever commits first."""

    def _cursor(self):
        """A real cursor outside the test transaction: the race needs committed data, which the test
        removes again at its end (hence the commits)."""
        return sql_db.db_connect(self.env.cr.dbname).cursor()

    def setUp(self):
        super().setUp()
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            brand = env["fleet.vehicle.model.brand"].create({"name": "Race Sale Brand"})
            model = env["fleet.vehicle.model"].create({"name": "Race Sale", "brand_id": brand.id})
            cars = env["fleet.vehicle"].create(
                [{"model_id": model.id, "vin_sn": valid_vin(f"WVWZZZ1KZRW10{i:04d}")} for i in range(ROUNDS + 1)]
            )
            users = env["res.users"]
            for login in ("race_seller_a", "race_seller_b"):
                users |= new_test_user(env, login=login, groups="dealer_usedcar.group_dealer_usedcar_user")
            customer = env["res.partner"].create({"name": "Race Buyer"})
            self.ids = {"brand": brand.id, "model": model.id, "customer": customer.id}
            self.car_ids, self.user_ids = cars.ids, users.ids
            self.product_id = env.ref("dealer_usedcar.product_dealer_agency_fee").id
            cr.commit()  # pylint: disable=invalid-commit
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            orders = (
                env["sale.order"].with_context(active_test=False).search([("partner_id", "=", self.ids["customer"])])
            )
            orders.action_cancel()
            orders.unlink()
            cars = tuple(self.car_ids)
            for table in ("fleet_vehicle_odometer", "fleet_vehicle_assignation_log"):
                cr.execute(f"DELETE FROM {table} WHERE vehicle_id IN %s", [cars])
            cr.execute("DELETE FROM mail_message WHERE model = 'fleet.vehicle' AND res_id IN %s", [cars])
            cr.execute("DELETE FROM fleet_vehicle WHERE id IN %s", [cars])
            env["fleet.vehicle.model"].browse(self.ids["model"]).unlink()
            env["fleet.vehicle.model.brand"].browse(self.ids["brand"]).unlink()
            users = env["res.users"].browse(self.user_ids)
            partners = users.partner_id | env["res.partner"].browse(self.ids["customer"])
            users.unlink()
            partners.unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def _thread_env(self, cr, user_id):
        """An environment in a worker thread: the test runner holds the registry lock, so hand the
        registry over instead of looking it up by name."""
        cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, user_id, {})

    def _sell(self, user_id, car_id, outcome, before_commit=None):
        try:
            with self._cursor() as cr:
                env = self._thread_env(cr, user_id)
                try:
                    env["sale.order"].create(
                        {
                            "partner_id": self.ids["customer"],
                            "order_line": [
                                Command.create({"product_id": self.product_id, "dealer_vehicle_id": car_id})
                            ],
                        }
                    )
                    env.flush_all()
                    if before_commit:
                        before_commit()
                    cr.commit()  # pylint: disable=invalid-commit
                    outcome[user_id] = "won"
                except (ValidationError, psycopg2.IntegrityError, psycopg2.errors.SerializationFailure) as error:
                    cr.rollback()
                    outcome[user_id] = str(error)
        except Exception as error:  # reported by the assertion, never lost in the thread
            outcome[user_id] = f"crashed: {error!r}"

    def _sell_together(self, user_id, car_id, barrier, outcome):
        barrier.wait(timeout=10)
        self._sell(user_id, car_id, outcome)

    def _open_sales(self, car_id):
        with self._cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM sale_order_line l JOIN sale_order o ON o.id = l.order_id "
                "WHERE l.dealer_vehicle_id = %s AND o.state != 'cancel'",
                [car_id],
            )
            return cr.fetchone()[0]

    def test_the_second_sale_waits_for_the_first_and_is_refused_by_the_database(self):
        """Seller A has sold the car but not committed yet; seller B's order passes every check in
        Python (A's is not visible) and is stopped by the database once A commits."""
        seller_a, seller_b = self.user_ids
        car_id = self.car_ids[-1]
        outcome, a_flushed, b_started = {}, threading.Event(), threading.Event()

        def commit_late():
            a_flushed.set()
            b_started.wait(timeout=10)
            time.sleep(1)  # B is inside its insert by now, waiting for A

        def sell_b():
            a_flushed.wait(timeout=10)
            b_started.set()
            self._sell(seller_b, car_id, outcome)

        threads = [
            threading.Thread(target=self._sell, args=(seller_a, car_id, outcome, commit_late)),
            threading.Thread(target=sell_b),
        ]
        with mute_logger("odoo.sql_db"):  # the loser's refused INSERT is logged as a bad query
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        self.assertEqual(outcome.get(seller_a), "won", outcome)
        self.assertNotEqual(outcome.get(seller_b), "won", outcome)
        self.assertNotIn("crashed", outcome.get(seller_b, ""), outcome)
        self.assertEqual(self._open_sales(car_id), 1)

    def test_parallel_sales_of_the_same_car_one_wins(self):
        seller_a, seller_b = self.user_ids
        for round_, car_id in enumerate(self.car_ids[:ROUNDS]):
            barrier, outcome = threading.Barrier(2), {}

            threads = [
                threading.Thread(target=self._sell_together, args=(user_id, car_id, barrier, outcome))
                for user_id in (seller_a, seller_b)
            ]
            with mute_logger("odoo.sql_db"):
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=60)
            winners = [user_id for user_id in (seller_a, seller_b) if outcome.get(user_id) == "won"]
            self.assertEqual(len(winners), 1, f"round {round_}: {outcome}")
            self.assertEqual(self._open_sales(car_id), 1, f"round {round_}")


@tagged("post_install", "-at_install")
class TestAJobsCarLeavesByTheApproval(CarSaleCase):
    def test_the_jobs_invoice_step_points_to_the_approval_which_sells_the_job(self):
        job = self.env["dealer.job"].create(
            {
                "vehicle_id": self.car.id,
                "partner_id": self.customer.id,
                "line_ids": [Command.create({"name": "Car as seen", "quantity": 1, "price_unit": CAR_PRICE})],
            }
        )
        job._dealer_quotation()
        job._dealer_confirm_order()
        order = job.sale_order_ids
        self.assertTrue(order.dealer_sells_car)
        with self.assertRaisesRegex(UserError, "approval"):
            job._dealer_invoice()
        self.assertFalse(order.invoice_ids)
        self.approve(order)
        self.assertEqual(job.status, "sold")
        self.assertEqual(job._dealer_invoice(), order.dealer_invoice_id)
