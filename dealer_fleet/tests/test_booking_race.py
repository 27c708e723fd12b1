import threading
from datetime import timedelta

import psycopg2

from odoo import SUPERUSER_ID, api, fields, sql_db
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_jobs.tests.common import valid_vin

ROUNDS = 50


@tagged("post_install", "-at_install")
class TestHandoverRace(TransactionCase):
    """Two advisors hand out the same car at the same second, in separate transactions that commit
    concurrently: exactly one handout wins, every round."""

    def _cursor(self):
        """A real cursor outside the test transaction: the race needs committed data, which the test
        removes again at its end (hence the commits)."""
        return sql_db.db_connect(self.env.cr.dbname).cursor()

    def setUp(self):
        super().setUp()
        now = fields.Datetime.now().replace(microsecond=0)
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            brand = env["fleet.vehicle.model.brand"].create({"name": "Race Brand"})
            model = env["fleet.vehicle.model"].create({"name": "Race", "brand_id": brand.id})
            car = env["fleet.vehicle"].create(
                {"model_id": model.id, "vin_sn": valid_vin("WVWZZZ1KZRW000050"), "dealer_usage": "fleet"}
            )
            partner = env["res.partner"].create({"name": "Race Customer"})
            bookings = env["dealer.booking"].create(
                [
                    {
                        "booking_type": "test_drive",
                        "vehicle_id": car.id,
                        "partner_id": partner.id,
                        "date_start": now - timedelta(hours=1),
                        "date_end": now + timedelta(hours=2),
                    }
                    for _round in range(2 * ROUNDS)
                ]
            )
            bookings.action_confirm()
            self.ids = {"brand": brand.id, "model": model.id, "car": car.id, "partner": partner.id}
            self.booking_ids = bookings.ids
            cr.commit()  # pylint: disable=invalid-commit
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self._cursor() as cr:
            ids = tuple(self.booking_ids)
            cr.execute("DELETE FROM mail_message WHERE model = 'dealer.booking' AND res_id IN %s", [ids])
            cr.execute("DELETE FROM dealer_booking WHERE id IN %s", [ids])
            for table in ("fleet_vehicle_odometer", "fleet_vehicle_assignation_log"):
                cr.execute(f"DELETE FROM {table} WHERE vehicle_id = %s", [self.ids["car"]])
            cr.execute("DELETE FROM fleet_vehicle WHERE id = %s", [self.ids["car"]])
            cr.execute("DELETE FROM fleet_vehicle_model WHERE id = %s", [self.ids["model"]])
            cr.execute("DELETE FROM fleet_vehicle_model_brand WHERE id = %s", [self.ids["brand"]])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [self.ids["partner"]])
            cr.commit()  # pylint: disable=invalid-commit

    def _thread_env(self, cr):
        """An environment in a worker thread: the test runner holds the registry lock, so hand the
        registry over instead of looking it up by name."""
        cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, {})

    def _hand_over(self, booking_id, barrier, outcome):
        try:
            with self._cursor() as cr:
                env = self._thread_env(cr)
                wizard = env["dealer.booking.handover"].create(
                    {"booking_id": booking_id, "date": fields.Datetime.now(), "odometer": 100}
                )
                barrier.wait(timeout=10)
                try:
                    wizard.action_apply()
                    cr.commit()  # pylint: disable=invalid-commit
                    outcome[booking_id] = "won"
                except (ValidationError, UserError, psycopg2.errors.SerializationFailure) as error:
                    cr.rollback()
                    outcome[booking_id] = str(error)
        except Exception as error:
            outcome[booking_id] = f"crashed: {error!r}"

    def _take_back(self, booking_id):
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            booking = env["dealer.booking"].browse(booking_id)
            env["dealer.booking.handover"].create(
                {"booking_id": booking_id, "mode": "return", "date": booking.handover_date, "odometer": 100}
            ).action_apply()
            cr.commit()  # pylint: disable=invalid-commit

    def _race(self, vin):
        for round_ in range(ROUNDS):
            pair = self.booking_ids[2 * round_ : 2 * round_ + 2]
            barrier, outcome = threading.Barrier(2), {}
            threads = [
                threading.Thread(target=self._hand_over, args=(booking_id, barrier, outcome)) for booking_id in pair
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            winners = [booking_id for booking_id in pair if outcome.get(booking_id) == "won"]
            self.assertEqual(len(winners), 1, f"round {round_}: {outcome}")
            loser = next(booking_id for booking_id in pair if booking_id not in winners)
            self.assertIn(vin, outcome[loser], f"round {round_}: the loser gets a clear message")
            self._take_back(winners[0])

    def test_parallel_handouts_of_the_same_car_one_wins(self):
        vin = valid_vin("WVWZZZ1KZRW000050")
        with mute_logger("odoo.sql_db"):  # the loser's refused UPDATE is logged as a bad query
            self._race(vin)
        with self._cursor() as cr:
            cr.execute(
                "SELECT state, count(*) FROM dealer_booking WHERE id IN %s GROUP BY state ORDER BY state",
                [tuple(self.booking_ids)],
            )
            self.assertEqual(cr.fetchall(), [("confirmed", ROUNDS), ("returned", ROUNDS)])
