from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CommittedCarCase


@tagged("post_install", "-at_install")
class TestBillingRace(CommittedCarCase):
    """A booking another request is billing right now is not billed a second time."""

    def setUp(self):
        super().setUp()
        now = fields.Datetime.now().replace(microsecond=0)
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            car, partner = self._committed_car(env, "Billing Race", "WVWZZZ1KZRW000060")
            product = env["product.product"].create({"name": "Billing Race Rent", "type": "service"})
            tariff = env["dealer.booking.tariff"].create(
                {"name": "Billing Race", "price_day": 50.0, "product_id": product.id}
            )
            booking = env["dealer.booking"].create(
                {
                    "booking_type": "rental",
                    "vehicle_id": car.id,
                    "partner_id": partner.id,
                    "tariff_id": tariff.id,
                    "date_start": now - timedelta(days=2),
                    "date_end": now,
                }
            )
            booking._dealer_write(
                {
                    "state": "returned",
                    "handover_date": now - timedelta(days=2),
                    "handover_odometer": 100.0,
                    "return_date": now - timedelta(hours=1),
                    "return_odometer": 300.0,
                }
            )
            self.ids = {
                "product": product.id,
                "template": product.product_tmpl_id.id,
                "tariff": tariff.id,
                "booking": booking.id,
            }
            cr.commit()  # pylint: disable=invalid-commit
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        ids = self.ids
        with self._cursor() as cr:
            self._cleanup_car(cr)  # with the booking
            cr.execute("DELETE FROM dealer_booking_tariff WHERE id = %s", [ids["tariff"]])
            cr.execute("DELETE FROM product_product WHERE id = %s", [ids["product"]])
            cr.execute("DELETE FROM product_template WHERE id = %s", [ids["template"]])
            cr.commit()  # pylint: disable=invalid-commit

    def test_booking_being_billed_by_someone_else_is_refused_without_an_order(self):
        """Both requests run in their own transactions (the test's stays untouched, so the cleanup
        never waits for it)."""
        booking_id = self.ids["booking"]
        with self._cursor() as other, self._cursor() as cr:
            other.execute("SET LOCAL lock_timeout = '5s'")
            cr.execute("SET LOCAL lock_timeout = '5s'")
            env = api.Environment(cr, SUPERUSER_ID, {})
            wizard = env["dealer.booking.bill"].create({"booking_id": booking_id})
            self.assertEqual(wizard.days, 2)
            # the other request's billing holds the booking row (compatible with the wizard's foreign key)
            other.execute("SELECT id FROM dealer_booking WHERE id = %s FOR NO KEY UPDATE", [booking_id])
            with mute_logger("odoo.sql_db"), self.assertRaisesRegex(UserError, "Someone else is working on"):
                wizard.action_create_order()
            booking = env["dealer.booking"].browse(booking_id)
            self.assertFalse(booking.billed)
            self.assertFalse(env["sale.order"].search_count([("origin", "=", booking.name)]))
            other.rollback()
            # the other request let go without billing: now it bills, once
            wizard.action_create_order()
            self.assertTrue(booking.billed)
            self.assertEqual(env["sale.order"].search_count([("origin", "=", booking.name)]), 1)
            cr.rollback()
