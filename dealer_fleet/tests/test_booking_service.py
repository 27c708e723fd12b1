from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import BookingCase, valid_vin


@tagged("post_install", "-at_install")
class TestServiceAppointment(BookingCase):
    """A replacement car planned from a repair order follows the repair's confirmation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create({"name": "Kundenauto", "type": "consu"})
        cls.advisor = cls.env["hr.employee"].create({"name": "Serviceberater", "user_id": cls.manager.id})
        cls.customer_car = cls.make_car(
            valid_vin("WVWZZZ1KZAW000009"), license_plate="M-AB 9", dealer_usage="customer", owner_id=cls.customer.id
        )
        cls.lot = cls.env["stock.lot"].create(
            {
                "name": cls.customer_car.vin_sn,
                "product_id": cls.product.id,
                "fleet_vehicle_id": cls.customer_car.id,
                "company_id": cls.company.id,
            }
        )
        cls.repair_user = new_test_user(
            cls.env,
            login="service_advisor",
            groups="stock.group_stock_user,dealer_fleet.group_replacement_user_all",
        )

    def repair(self, **vals):
        return self.env["repair.order"].create(
            {
                "product_id": self.product.id,
                "partner_id": self.customer.id,
                "schedule_date": self.now + timedelta(days=2),
                "user_id": self.manager.id,
                **vals,
            }
        )

    def test_replacement_car_from_the_repair_order_is_prefilled(self):
        repair = self.repair(lot_id=self.lot.id)
        count = self.env["dealer.booking"].search_count([])
        action = repair.with_user(self.repair_user).action_dealer_replacement_car()
        self.assertEqual(self.env["dealer.booking"].search_count([]), count, "nothing saved before the user saves")
        form = Form(self.env["dealer.booking"].with_user(self.repair_user).with_context(action["context"]))
        form.vehicle_id = self.car
        booking = form.save()
        self.assertEqual(booking.booking_type, "replacement")
        self.assertEqual(booking.repair_id, repair)
        self.assertEqual(booking.partner_id, self.customer)
        self.assertEqual(booking.customer_vehicle_id, self.customer_car)
        self.assertEqual(booking.date_start, repair.schedule_date)
        self.assertEqual(booking.date_end, repair.schedule_date + timedelta(days=1))
        self.assertEqual(booking.advisor_id, self.advisor)
        self.assertIn(booking, repair.dealer_booking_ids)

    def test_replacement_car_needs_booking_rights_and_an_open_repair(self):
        workshop = new_test_user(self.env, login="workshop_only", groups="stock.group_stock_user")
        repair = self.repair()
        with self.assertRaisesRegex(AccessError, "Replacement Cars"):
            repair.with_user(workshop).action_dealer_replacement_car()
        repair.action_repair_cancel()
        with self.assertRaisesRegex(UserError, "closed"):
            repair.action_dealer_replacement_car()

    def test_cancelling_the_repair_unconfirms_and_confirming_again_confirms(self):
        repair = self.repair()
        booking = self.book("replacement", repair_id=repair.id)
        repair.with_user(self.repair_user).action_validate()
        self.assertEqual(booking.state, "confirmed")
        repair.with_user(self.repair_user).action_repair_cancel()
        self.assertEqual(repair.state, "cancel")
        self.assertEqual(booking.state, "planned")
        repair.with_user(self.repair_user).action_repair_cancel_draft()
        self.assertEqual(repair.state, "draft")
        self.assertEqual(booking.state, "planned")
        repair.with_user(self.repair_user).action_validate()
        self.assertEqual(booking.state, "confirmed")

    def test_a_handed_out_replacement_car_stays_out_when_the_repair_is_cancelled(self):
        repair = self.repair()
        booking = self.hand_over(self.book("replacement", repair_id=repair.id))
        repair.action_validate()
        repair.action_repair_cancel()
        self.assertEqual(booking.state, "handed_out")

    def test_workshop_user_without_booking_rights_cancels_the_repair_as_in_odoo(self):
        workshop = new_test_user(self.env, login="workshop_cancel", groups="stock.group_stock_user")
        repair = self.repair()
        booking = self.book("replacement", repair_id=repair.id)
        repair.action_validate()
        repair.with_user(workshop).action_repair_cancel()
        self.assertEqual(repair.state, "cancel")
        self.assertEqual(booking.state, "confirmed")
        self.assertIn(booking.name, repair.message_ids[0].body)


@tagged("post_install", "-at_install")
class TestMaintenanceContract(BookingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fleet_manager = new_test_user(
            cls.env,
            login="rental_fleet_manager",
            groups="dealer_fleet.group_rental_user_all,fleet.fleet_group_manager",
        )

    def test_contract_form_is_prefilled_and_nothing_is_saved(self):
        booking = self.book("rental", start=self.now + timedelta(days=3), hours=72)
        Contract = self.env["fleet.vehicle.log.contract"]
        count = Contract.search_count([])
        action = booking.with_user(self.fleet_manager).action_maintenance_contract()
        self.assertEqual(Contract.search_count([]), count)
        self.assertEqual(action["res_model"], "fleet.vehicle.log.contract")
        self.assertNotIn("res_id", action)
        form = Form(Contract.with_user(self.fleet_manager).with_context(action["context"]))
        self.assertEqual(form.name, f"VM{booking.name}")
        self.assertEqual(form.ins_ref, f"VM{booking.name}")
        self.assertEqual(form.vehicle_id, self.car)
        self.assertEqual(form.insurer_id, self.customer)
        self.assertEqual(form.start_date, booking.date_start.date())
        self.assertEqual(form.expiration_date, booking.date_end.date())
        contract = form.save()
        self.assertEqual(Contract.search_count([]), count + 1)
        self.assertEqual(contract.vehicle_id, self.car)

    def test_contract_only_from_rentals_and_with_fleet_rights(self):
        with self.assertRaisesRegex(UserError, "rentals"):
            self.book("replacement").action_maintenance_contract()
        user = new_test_user(self.env, login="rental_no_fleet", groups="dealer_fleet.group_rental_user_all")
        with self.assertRaisesRegex(AccessError, "Fleet"):
            self.book("rental").with_user(user).action_maintenance_contract()
