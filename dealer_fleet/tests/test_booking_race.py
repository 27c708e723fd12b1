import threading
from datetime import timedelta

import psycopg2

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CommittedCarCase, valid_vin

ROUNDS = 50


@tagged("post_install", "-at_install")
class TestHandoverRace(CommittedCarCase):
    """Two advisors hand out the same car at the same second, in separate transactions that commit
    concurrently: exactly one handout wins, every round."""

    def setUp(self):
        super().setUp()
        now = fields.Datetime.now().replace(microsecond=0)
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            car, partner = self._committed_car(env, "Race", "WVWZZZ1KZRW000050")
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
            self.booking_ids = bookings.ids
            cr.commit()  # pylint: disable=invalid-commit
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self._cursor() as cr:
            self._cleanup_car(cr)
            cr.commit()  # pylint: disable=invalid-commit

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
