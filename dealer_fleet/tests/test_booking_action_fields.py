from datetime import timedelta

from odoo.tests import new_test_user

from odoo.addons.dealer_jobs.tests.common import ActionFieldsGuardMixin

from .common import BookingCase


class TestBookingActionFields(ActionFieldsGuardMixin, BookingCase):
    def test_state_and_handover_data_are_the_actions_only(self):
        own_user = new_test_user(self.env, login="td_own", groups="dealer_fleet.group_test_drive_user_own")
        start = self.now + timedelta(days=1)
        self.assertActionFieldsGuarded(
            "dealer.booking",
            own_user | self.manager,
            {
                "booking_type": "test_drive",
                "vehicle_id": self.car.id,
                "partner_id": self.customer.id,
                "date_start": start,
                "date_end": start + timedelta(hours=2),
            },
            {
                "state": "handed_out",
                "handover_odometer": 50000.0,
                "handover_date": start,
                "return_odometer": 10.0,
                "vehicle_vin": "WVWZZZ1KZAW999999",
            },
        )
