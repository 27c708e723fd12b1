import base64
import io
from datetime import timedelta

from PIL import Image

from odoo import SUPERUSER_ID, api, fields, sql_db
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.dealer_jobs.tests.common import DealerCase, valid_vin

__all__ = ["SIGNATURE", "SIGNATURE_2", "BookingCase", "CommittedCarCase", "valid_vin"]


def _signature_png(color="white"):
    """A small PNG as the signature widget stores it (base64)."""
    buffer = io.BytesIO()
    Image.new("RGB", (60, 20), color).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


SIGNATURE = _signature_png()
SIGNATURE_2 = _signature_png("black")


class BookingCase(DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.now = fields.Datetime.now().replace(microsecond=0)
        cls.car = cls.make_car(valid_vin("WVWZZZ1KZAW000001"), license_plate="M-VW 101", dealer_usage="fleet")
        cls.car_2 = cls.make_car(valid_vin("WVWZZZ1KZAW000002"), license_plate="M-VW 102", dealer_usage="fleet")
        cls.customer = cls.env["res.partner"].create({"name": "Erika Mustermann", "lang": "en_US"})
        cls.plate = cls.env["dealer.trade.plate"].create({"name": "m-06 123"})
        cls.manager = new_test_user(
            cls.env, login="booking_manager", groups="dealer_fleet.group_dealer_fleet_manager", name="Booking Manager"
        )

    @classmethod
    def book(cls, booking_type="test_drive", start=None, hours=2, **vals):
        start = start or cls.now - timedelta(minutes=30)
        return cls.env["dealer.booking"].create(
            {
                "booking_type": booking_type,
                "vehicle_id": cls.car.id,
                "partner_id": cls.customer.id,
                "date_start": start,
                "date_end": start + timedelta(hours=hours),
                **vals,
            }
        )

    def wizard(self, booking, mode="handover", **vals):
        return self.env["dealer.booking.handover"].create({"booking_id": booking.id, "mode": mode, **vals})

    def hand_over(self, booking, date=None, odometer=1000.0, **vals):
        if booking.state == "planned":
            booking.action_confirm()
        self.wizard(booking, date=date or self.now, odometer=odometer, **vals).action_apply()
        return booking

    def take_back(self, booking, date=None, odometer=1100.0, **vals):
        self.wizard(booking, "return", date=date or self.now, odometer=odometer, **vals).action_apply()
        return booking


class CommittedCarCase(TransactionCase):
    """Races need committed data that two real transactions see: ``_committed_car`` makes a fleet car
    and a customer in a cursor outside the test transaction and commits them; ``_cleanup_car``
    (called by the test's cleanup after its own rows) removes them and their bookings again."""

    def _cursor(self):
        """A real cursor outside the test transaction."""
        return sql_db.db_connect(self.env.cr.dbname).cursor()

    def _thread_env(self, cr):
        """An environment in another transaction or a worker thread: the test runner holds the
        registry lock, so hand the registry over instead of looking it up by name."""
        cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, {})

    def _committed_car(self, env, name, vin):
        brand = env["fleet.vehicle.model.brand"].create({"name": f"{name} Brand"})
        model = env["fleet.vehicle.model"].create({"name": name, "brand_id": brand.id})
        car = env["fleet.vehicle"].create({"model_id": model.id, "vin_sn": valid_vin(vin), "dealer_usage": "fleet"})
        partner = env["res.partner"].create({"name": f"{name} Customer"})
        self.car_ids = {"brand": brand.id, "model": model.id, "car": car.id, "partner": partner.id}
        return car, partner

    def _cleanup_car(self, cr):
        ids = self.car_ids
        cr.execute("SELECT id FROM dealer_booking WHERE vehicle_id = %s", [ids["car"]])
        bookings = tuple(row[0] for row in cr.fetchall()) or (0,)
        for model, res_ids in (
            ("dealer.booking", bookings),
            ("fleet.vehicle", (ids["car"],)),
            ("res.partner", (ids["partner"],)),
        ):
            cr.execute("DELETE FROM mail_message WHERE model = %s AND res_id IN %s", [model, res_ids])
            cr.execute("DELETE FROM mail_followers WHERE res_model = %s AND res_id IN %s", [model, res_ids])
        cr.execute("DELETE FROM dealer_sync_message WHERE booking_id IN %s", [bookings])
        cr.execute("DELETE FROM dealer_booking WHERE id IN %s", [bookings])
        for table in ("fleet_vehicle_odometer", "fleet_vehicle_assignation_log"):
            cr.execute(f"DELETE FROM {table} WHERE vehicle_id = %s", [ids["car"]])
        cr.execute("DELETE FROM fleet_vehicle WHERE id = %s", [ids["car"]])
        cr.execute("DELETE FROM fleet_vehicle_model WHERE id = %s", [ids["model"]])
        cr.execute("DELETE FROM fleet_vehicle_model_brand WHERE id = %s", [ids["brand"]])
        cr.execute("DELETE FROM res_partner WHERE id = %s", [ids["partner"]])
