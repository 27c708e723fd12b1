"""Where the company asks for tracking numbers (Inventory settings), a customer delivery is validated
with its tracking numbers and mails the shipping confirmation with the delivery slip; a car handed
over at the dealership needs none. By default a delivery validates as in Odoo."""

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_jobs.tools.vin import with_check_digit

from .common import deliver_cars_with_their_delivery
from .order_common import OrderFlowCase


@tagged("post_install", "-at_install")
class TestOrderTrackingDefault(OrderFlowCase):
    def test_by_default_a_sale_delivery_validates_as_in_odoo(self):
        self.assertFalse(self.env.company.dealer_ask_tracking_numbers, "asking is opt-in")
        order = self.make_order((self.mat, 2))
        order.action_confirm()
        delivery = order.picking_ids.with_user(self.storekeeper)
        self.assertTrue(delivery.dealer_is_shipment)
        self.assertIs(delivery.button_validate(), True)
        self.assertEqual(delivery.state, "done")
        self.assertFalse(delivery.dealer_delivery_slip_id, "no shipping mail without tracking numbers")

    def test_the_form_offers_tracking_numbers_next_to_validation(self):
        order = self.make_order((self.mat, 1))
        order.action_confirm()
        delivery = order.picking_ids.with_user(self.storekeeper)
        action = delivery.action_dealer_validate_with_tracking()
        Wizard = self.env[action["res_model"]].with_user(self.storekeeper).with_context(action["context"])
        with Form(Wizard) as form, form.line_ids.new() as line:
            line.carrier = "GLS"
            line.number = "GLS7"
        form.record.action_validate()
        self.assertEqual(delivery.state, "done")
        self.assertEqual(delivery.dealer_tracking_ids.mapped("number"), ["GLS7"])
        self.assertTrue(delivery.dealer_delivery_slip_id, "the shipping confirmation went out")
        self.assertFalse(delivery.action_dealer_validate_with_tracking(), "nothing to validate twice")


@tagged("post_install", "-at_install")
class TestOrderTracking(OrderFlowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.dealer_ask_tracking_numbers = True
        deliver_cars_with_their_delivery(cls.env.company)

    def delivery(self):
        order = self.make_order((self.mat, 2))
        order.action_confirm()
        return order, order.picking_ids.with_user(self.storekeeper)

    def test_delivery_without_tracking_number_asks_for_it(self):
        order, delivery = self.delivery()
        self.assertTrue(delivery.dealer_is_shipment)
        action = delivery.button_validate()
        self.assertEqual(action["res_model"], "dealer.tracking.wizard")
        self.assertNotEqual(delivery.state, "done")
        Wizard = self.env[action["res_model"]].with_user(self.storekeeper).with_context(action["context"])
        with Form(Wizard) as form:
            self.assertEqual(form.picking_ids[:], delivery)
        with self.assertRaisesRegex(UserError, "at least one tracking number"):
            form.record.action_validate()
        with Form(Wizard) as form:
            with form.line_ids.new() as line:
                self.assertEqual(line.picking_id, delivery, "the delivery is prefilled")
                line.carrier = "GLS"
                line.number = "GLS123"
                line.url = "https://gls.example.com/GLS123"
        form.record.action_validate()
        self.assertEqual(delivery.state, "done")
        self.assertEqual(delivery.dealer_tracking_ids.mapped("number"), ["GLS123"])
        self.assertEqual(order.dealer_board_stage, "shipped")

    def test_a_car_handed_over_at_the_dealership_needs_no_tracking_number(self):
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Übergabe"})
        model = self.env["fleet.vehicle.model"].create({"name": "Van", "brand_id": brand.id})
        order = self.make_order((self.mat, 1))
        order.order_line.dealer_vehicle_id = self.env["fleet.vehicle"].create(
            {"model_id": model.id, "vin_sn": with_check_digit("WVWZZZ1KZAW000018")}
        )
        order.action_confirm()
        self.assertFalse(order.picking_ids.dealer_is_shipment)
        self.assertIs(order.picking_ids.button_validate(), True)
        self.assertFalse(order.picking_ids.dealer_delivery_slip_id, "no shipping mail")

    def test_validation_mails_the_shipping_confirmation_with_the_delivery_slip(self):
        order, delivery = self.delivery()
        with Form(delivery) as form:
            with form.dealer_tracking_ids.new() as tracking:
                tracking.carrier = "DHL"
                tracking.number = " JJD000123 "
                tracking.url = "https://track.example.com/JJD000123"
            with form.dealer_tracking_ids.new() as tracking:
                tracking.carrier = "DHL"
                tracking.number = "JJD000124"
        self.assertEqual(delivery.dealer_tracking_ids.mapped("number"), ["JJD000123", "JJD000124"])
        delivery.button_validate()
        self.assertEqual(delivery.state, "done")
        mail = delivery.message_ids.filtered(lambda message: self.customer in message.partner_ids)
        self.assertEqual(len(mail), 1)
        self.assertIn(order.name, mail.subject)
        self.assertIn("JJD000123", mail.body)
        self.assertIn("https://track.example.com/JJD000123", mail.body)
        self.assertEqual(mail.attachment_ids, delivery.dealer_delivery_slip_id)
        self.assertIn("Delivery Slip", delivery.dealer_delivery_slip_id.name)
        self.assertEqual(order.dealer_board_stage, "shipped")
        self.assertIn(delivery.dealer_delivery_slip_id, order._dealer_portal_attachments())

    @mute_logger("odoo.sql_db")
    def test_empty_or_duplicate_numbers_are_refused(self):
        _order, delivery = self.delivery()
        Tracking = self.env["dealer.tracking"].with_user(self.storekeeper)
        Tracking.create({"picking_id": delivery.id, "carrier": "UPS", "number": "1Z999"})
        with self.assertRaises(ValidationError):
            Tracking.create({"picking_id": delivery.id, "carrier": "UPS", "number": "1Z999 "})
        for number in ("", "   "):
            with self.assertRaises(ValidationError):
                Tracking.create({"picking_id": delivery.id, "carrier": "UPS", "number": number})
        with self.assertRaises(ValidationError):
            Tracking.create({"picking_id": delivery.id, "carrier": "UPS", "number": "1Z1000", "url": "track.me"})
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env.cr.execute(
                "INSERT INTO dealer_tracking (picking_id, carrier, number) VALUES (%s, 'UPS', '1Z999')", [delivery.id]
            )
        self.assertEqual(len(delivery.dealer_tracking_ids), 1)

    def test_salesperson_reads_tracking_but_does_not_write_it(self):
        _order, delivery = self.delivery()
        delivery.dealer_tracking_ids = [(0, 0, {"carrier": "GLS", "number": "GLS42"})]
        tracking = delivery.dealer_tracking_ids.with_user(self.salesperson)
        self.assertEqual(tracking.number, "GLS42")
        with self.assertRaises(Exception):  # noqa: B017 (AccessError)
            tracking.write({"number": "GLS43"})


@tagged("post_install", "-at_install")
class TestOrderShippingMailLanguage(OrderFlowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("de_DE", "zh_CN"):
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(["dealer_jobs"], ["de_DE", "zh_CN"])
        cls.env.company.dealer_ask_tracking_numbers = True

    def shipping_mail(self, lang):
        self.customer.lang = lang
        order = self.make_order((self.mat, 1))
        order.action_confirm()
        delivery = order.picking_ids
        delivery.dealer_tracking_ids = [(0, 0, {"carrier": "DHL", "number": "JJD77"})]
        delivery.button_validate()
        return delivery.message_ids.filtered(lambda message: self.customer in message.partner_ids)

    def test_the_customer_reads_the_shipping_mail_in_their_language(self):
        mail = self.shipping_mail("de_DE")
        self.assertIn("versandt", mail.subject)
        self.assertIn("wurde heute versandt", mail.body)
        self.assertIn("JJD77", mail.body)
        mail = self.shipping_mail("zh_CN")
        self.assertIn("已发货", mail.subject)
        self.assertIn("已于今日发货", mail.body)
