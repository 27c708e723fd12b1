import base64
import io
from datetime import timedelta

from PIL import Image

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.dealer_jobs.tests.common import DealerCase, valid_vin

__all__ = ["SIGNATURE", "SIGNATURE_2", "BookingCase", "valid_vin"]


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
