from datetime import datetime, time, timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.dealer_jobs.tests.common import valid_vin


@tagged("post_install", "-at_install")
class TestPlannerTour(HttpCase):
    """The planner in Chromium (static/tests/tours/dealer_planner_tour.js)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Tourmarke"})
        model = cls.env["fleet.vehicle.model"].create({"name": "Tourmodell", "brand_id": brand.id})
        cls.cars = {}
        for index, plate in enumerate(("PL-A 1", "PL-B 2", "PL-C 3", "PL-D 4"), start=1):
            cls.cars[plate] = cls.env["fleet.vehicle"].create(
                {
                    "model_id": model.id,
                    "vin_sn": valid_vin(f"WVWZZZ1KZAW00080{index}"),
                    "license_plate": plate,
                    "dealer_usage": "fleet",
                }
            )
        cls.customer = cls.env["res.partner"].create({"name": "Tour Kunde"})
        cls.env["res.partner"].create({"name": "Neukunde Tour"})
        cls.user = new_test_user(
            cls.env,
            login="planner_tour",
            groups="dealer_fleet.group_test_drive_manager,base.group_user",
            name="Planner Tour",
            tz="UTC",
        )
        now = fields.Datetime.now().replace(microsecond=0)
        # a Tuesday of this week: one day later is still this week
        monday = datetime.combine(now.date() - timedelta(days=now.weekday()), time(0, 0))
        cls.move_start = monday + timedelta(days=1, hours=10)
        cls.to_move = cls.book("TOUR-MOVE", "PL-A 1", cls.move_start, cls.move_start + timedelta(hours=2))
        out = cls.book("TOUR-HANDED", "PL-B 2", now - timedelta(minutes=30), now + timedelta(hours=4))
        out.action_confirm()
        cls.env["dealer.booking.handover"].create(
            {"booking_id": out.id, "mode": "handover", "date": now - timedelta(minutes=20), "odometer": 10}
        ).action_apply()
        cls.refused = cls.book("TOUR-OUT", "PL-C 3", now - timedelta(hours=1), now + timedelta(hours=1))

    @classmethod
    def book(cls, name, plate, start, end):
        return cls.env["dealer.booking"].create(
            {
                "name": name,
                "booking_type": "test_drive",
                "vehicle_id": cls.cars[plate].id,
                "partner_id": cls.customer.id,
                "date_start": start,
                "date_end": end,
            }
        )

    def test_planner_tour(self):
        self.start_tour(
            "/odoo/action-dealer_fleet.action_dealer_booking_planner_test_drive",
            "dealer_fleet_planner_tour",
            login="planner_tour",
        )
        self.assertEqual(self.to_move.date_start, self.move_start + timedelta(days=1), "the drag was saved")
        self.assertEqual(self.to_move.date_end, self.move_start + timedelta(days=1, hours=2))
        self.assertEqual(self.refused.vehicle_id, self.cars["PL-C 3"], "the refused drop changed nothing")
        new = self.env["dealer.booking"].search([("partner_id.name", "=", "Neukunde Tour")])
        self.assertEqual(len(new), 1)
        self.assertEqual(new.vehicle_id, self.cars["PL-D 4"])
        self.assertEqual(new.booking_type, "test_drive")
        self.assertEqual(new.date_end - new.date_start, timedelta(hours=1))
        self.assertEqual(new.create_uid, self.user)
