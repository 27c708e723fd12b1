from datetime import timedelta

import psycopg2

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_jobs.tests.common import ActionFieldsGuardMixin

from .common import BookingCase

BILLING_GROUPS = (
    "dealer_fleet.group_rental_user_all,dealer_fleet.group_rental_billing,"
    "dealer_fleet.group_replacement_user_all,dealer_fleet.group_replacement_billing"
)


class BillingCase(BookingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tax = cls.env["account.tax"].create(
            {"name": "USt 19 %", "amount": 19.0, "type_tax_use": "sale", "company_id": cls.company.id}
        )
        service = {
            "type": "service",
            "invoice_policy": "order",
            "list_price": 1.0,
            "taxes_id": [Command.set(cls.tax.ids)],
        }
        cls.rent_product = cls.env["product.product"].create({"name": "Miete", **service})
        cls.insurance_product = cls.env["product.product"].create({"name": "Vollkasko", **service})
        cls.surcharge_product = cls.env["product.product"].create({"name": "Zuschlag", **service})
        cls.tariff = cls.env["dealer.booking.tariff"].create(
            {
                "name": "Kompakt",
                "price_day": 49.0,
                "included_km_day": 100,
                "price_km": 0.29,
                "product_id": cls.rent_product.id,
            }
        )
        cls.insurance = cls.env["dealer.booking.insurance"].create(
            {"name": "Vollkasko", "price_day": 12.5, "deductible": 500.0, "product_id": cls.insurance_product.id}
        )
        cls.cleaning = cls.env["dealer.booking.surcharge"].create(
            {"name": "Reinigung", "kind": "fixed", "amount": 35.0, "product_id": cls.surcharge_product.id}
        )
        cls.discount = cls.env["dealer.booking.surcharge"].create(
            {"name": "Stammkunde", "kind": "percent", "percent": -10.0, "product_id": cls.surcharge_product.id}
        )
        cls.biller = new_test_user(
            cls.env, login="biller", groups=f"{BILLING_GROUPS},sales_team.group_sale_salesman", name="Biller"
        )
        cls.accountant = new_test_user(
            cls.env,
            login="billing_accountant",
            groups=f"{BILLING_GROUPS},sales_team.group_sale_salesman,account.group_account_invoice",
            name="Billing Accountant",
        )

    def returned(self, booking_type="rental", hours=49, driven=450, **vals):
        """A booking handed over ``hours`` ago and taken back now, ``driven`` km."""
        booking = self.book(
            booking_type,
            start=self.now - timedelta(hours=hours + 1),
            hours=hours + 24,
            tariff_id=self.tariff.id,
            insurance_id=self.insurance.id,
            surcharge_ids=[Command.set((self.cleaning | self.discount).ids)],
            **vals,
        )
        self.hand_over(booking, date=self.now - timedelta(hours=hours), odometer=1000.0)
        return self.take_back(booking, date=self.now, odometer=1000.0 + driven, comment="Kratzer hinten links")

    def bill_wizard(self, booking, user=None, **vals):
        return self.env["dealer.booking.bill"].with_user(user or self.biller).create({"booking_id": booking.id, **vals})

    def plain_order(self, lines, user=None):
        """The same lines on an order made the plain Odoo way (taxes by Odoo)."""
        return (
            self.env["sale.order"]
            .with_user(user or self.biller)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": qty, "price_unit": price})
                        for product, qty, price in lines
                    ],
                }
            )
        )


@tagged("post_install", "-at_install")
class TestBillingCalculation(BillingCase):
    def test_days_are_started_24_hour_periods(self):
        days = self.env["dealer.booking.bill"]._dealer_days_of_use
        start = self.now
        self.assertEqual(days(start, start + timedelta(minutes=10)), 1)
        self.assertEqual(days(start, start + timedelta(hours=24)), 1)
        self.assertEqual(days(start, start + timedelta(hours=24, minutes=1)), 2)
        self.assertEqual(days(start, start + timedelta(hours=49)), 3)

    def test_amounts_line_by_line_to_the_cent(self):
        wizard = self.bill_wizard(self.returned())
        self.assertEqual(wizard.days, 3)
        self.assertEqual(wizard.driven_km, 450)
        self.assertEqual(wizard.included_km, 300)
        self.assertEqual(wizard.extra_km, 150)
        self.assertAlmostEqual(wizard.amount_days, 147.00, places=2)  # 3 x 49.00
        self.assertAlmostEqual(wizard.amount_km, 43.50, places=2)  # 150 km x 0.29
        self.assertAlmostEqual(wizard.amount_insurance, 37.50, places=2)  # 3 x 12.50
        # 35.00 cleaning, -10 % of 228.00 = -22.80
        self.assertAlmostEqual(wizard.amount_surcharges, 12.20, places=2)
        self.assertAlmostEqual(wizard.amount_untaxed, 240.20, places=2)
        self.assertIn("Stammkunde", wizard.calculation)

    def test_edited_days_and_km_recompute_the_bill(self):
        booking = self.returned()
        with Form(
            self.env["dealer.booking.bill"].with_user(self.biller).with_context(default_booking_id=booking.id)
        ) as form:
            self.assertEqual(form.days, 3)
            form.days = 5
            form.driven_km = 480
            form.surcharge_ids.clear()
            self.assertEqual(form.extra_km, 0)  # 5 x 100 km included
            self.assertAlmostEqual(form.amount_untaxed, 5 * 49.0 + 5 * 12.5, places=2)
            form.insurance_id = self.env["dealer.booking.insurance"]
            form.driven_km = 612
            self.assertAlmostEqual(form.amount_km, 112 * 0.29, places=2)  # 32.48
            self.assertAlmostEqual(form.amount_untaxed, 245.0 + 32.48, places=2)


@tagged("post_install", "-at_install")
class TestBillingOrder(BillingCase):
    def test_order_lines_amounts_and_taxes_by_odoo(self):
        booking = self.returned()
        action = self.bill_wizard(booking).action_create_order()
        order = booking.sale_order_id
        self.assertEqual(action["res_id"], order.id)
        self.assertTrue(booking.billed)
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.origin, booking.name)
        self.assertEqual(order.state, "draft")
        lines = order.order_line.sorted("sequence")
        self.assertEqual(
            [(line.product_id, line.product_uom_qty, line.price_unit) for line in lines],
            [
                (self.rent_product, 3, 49.0),
                (self.rent_product, 150, 0.29),
                (self.insurance_product, 3, 12.5),
                (self.surcharge_product, 1, 35.0),
                (self.surcharge_product, 1, -22.8),
            ],
        )
        self.assertAlmostEqual(order.amount_untaxed, 240.20, places=2)
        self.assertAlmostEqual(booking.billed_amount, 240.20, places=2)
        for line in lines:
            self.assertEqual(line.tax_id, self.tax)
        plain = self.plain_order([(line.product_id, line.product_uom_qty, line.price_unit) for line in lines])
        self.assertAlmostEqual(order.amount_tax, plain.amount_tax, places=2)
        self.assertAlmostEqual(order.amount_total, plain.amount_total, places=2)
        self.assertIn("Kratzer hinten links", lines[0].name)
        self.assertIn(booking.name, lines[0].name)
        self.assertIn("150 km", lines[1].name)
        self.assertIn(order.name, booking.message_ids[0].body)

    def test_billing_quotation_cannot_be_deleted(self):
        booking = self.returned()
        self.bill_wizard(booking).action_create_order()
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.ForeignKeyViolation), self.cr.savepoint():
            booking.sale_order_id.unlink()
            self.env.flush_all()
        self.assertTrue(booking.sale_order_id.exists())

    def test_return_remark_is_left_out_when_unticked(self):
        booking = self.returned()
        self.bill_wizard(booking, copy_return_comment=False).action_create_order()
        self.assertNotIn("Kratzer", " ".join(booking.sale_order_id.order_line.mapped("name")))

    def test_billing_twice_is_refused(self):
        booking = self.returned()
        first, second = self.bill_wizard(booking), self.bill_wizard(booking)
        first.action_create_order()
        order = booking.sale_order_id
        with self.assertRaisesRegex(UserError, "billed already"):
            second.action_create_order()
        with self.assertRaisesRegex(UserError, "billed already"):
            booking.with_user(self.biller).action_bill()
        with self.assertRaisesRegex(UserError, "billed already"):
            first.action_create_order()
        self.assertEqual(self.env["sale.order"].search_count([("origin", "=", booking.name)]), 1)
        self.assertEqual(len(order.order_line), 5)

    def test_a_cancelled_billing_order_lets_the_booking_be_billed_again(self):
        booking = self.returned()
        self.bill_wizard(booking).action_create_order()
        first = booking.sale_order_id
        first.with_user(self.biller).action_cancel()
        self.assertEqual(first.state, "cancel")
        self.assertEqual(booking.billing_order_state, "cancel")
        booking.with_user(self.biller).action_bill()  # offered again
        self.bill_wizard(booking).action_create_order()
        second = booking.sale_order_id
        self.assertNotEqual(second, first)
        self.assertTrue(booking.billed)
        self.assertAlmostEqual(booking.billed_amount, second.amount_untaxed, places=2)
        with self.assertRaisesRegex(UserError, "billed already"):
            self.bill_wizard(booking).action_create_order()

    def test_billed_fields_change_only_through_the_billing(self):
        booking = self.returned()
        for vals in ({"billed": True}, {"billed_amount": 1.0}, {"sale_order_id": self.plain_order([]).id}):
            with self.assertRaises(UserError):
                booking.with_user(self.biller).write(vals)
        self.assertFalse(booking.billed)

    def test_only_returned_replacement_cars_and_rentals_are_billed(self):
        out = self.hand_over(self.book("rental", start=self.now - timedelta(hours=2), hours=5))
        with self.assertRaisesRegex(UserError, "take the car back first"):
            out.with_user(self.biller).action_bill()
        test_drive = self.take_back(self.hand_over(self.book(vehicle_id=self.car_2.id)))
        with self.assertRaisesRegex(UserError, "no “billing” step"):
            test_drive.action_bill()

    def test_lines_are_added_to_an_open_quotation_of_the_customer(self):
        booking = self.returned("replacement")
        quotation = self.plain_order([(self.surcharge_product, 1, 10.0)])
        self.bill_wizard(booking, sale_order_id=quotation.id).action_create_order()
        self.assertEqual(booking.sale_order_id, quotation)
        self.assertEqual(len(quotation.order_line), 6)
        self.assertAlmostEqual(quotation.amount_untaxed, 250.20, places=2)
        self.assertAlmostEqual(booking.billed_amount, 240.20, places=2)

    def test_quotation_of_another_customer_or_confirmed_is_refused(self):
        other = self.env["sale.order"].create({"partner_id": self.seller.id})
        booking = self.returned()
        with self.assertRaisesRegex(UserError, "is not for"):
            self.bill_wizard(booking, sale_order_id=other.id).action_create_order()
        confirmed = self.plain_order([(self.surcharge_product, 1, 10.0)])
        confirmed.action_confirm()
        with self.assertRaisesRegex(UserError, "not an open quotation"):
            self.bill_wizard(booking, sale_order_id=confirmed.id).action_create_order()
        self.assertFalse(booking.billed)

    def test_invoice_at_once_is_posted_for_an_invoicing_user(self):
        booking = self.returned()
        action = self.bill_wizard(booking, user=self.accountant, invoice_now=True).action_create_order()
        invoice = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(booking.sale_order_id.state, "sale")
        self.assertEqual(invoice.invoice_line_ids.sale_line_ids.order_id, booking.sale_order_id)
        self.assertAlmostEqual(sum(invoice.invoice_line_ids.mapped("price_subtotal")), 240.20, places=2)
        self.assertAlmostEqual(invoice.amount_untaxed, 240.20, places=2)
        self.assertAlmostEqual(invoice.amount_tax, booking.sale_order_id.amount_tax, places=2)
        self.assertEqual(invoice.invoice_line_ids.tax_ids, self.tax)

    def test_invoice_at_once_stays_draft_without_the_invoicing_right(self):
        booking = self.returned()
        action = self.bill_wizard(booking, invoice_now=True).action_create_order()
        invoice = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(invoice.state, "draft")
        self.assertAlmostEqual(invoice.amount_untaxed, 240.20, places=2)
        self.assertIn("stays a draft", booking.message_ids[0].body)

    def test_invoice_at_once_only_for_a_new_order(self):
        booking = self.returned()
        quotation = self.plain_order([(self.surcharge_product, 1, 10.0)])
        with self.assertRaisesRegex(UserError, "Invoicing at once confirms the order"):
            self.bill_wizard(booking, sale_order_id=quotation.id, invoice_now=True).action_create_order()
        self.assertFalse(booking.billed)
        self.assertEqual(quotation.state, "draft")

    def test_bill_on_the_quotation_of_the_repair_order(self):
        workshop = new_test_user(
            self.env,
            login="workshop_biller",
            groups=f"{BILLING_GROUPS},sales_team.group_sale_salesman,stock.group_stock_user",
        )
        car = self.env["product.product"].create({"name": "Kundenauto", "type": "consu"})
        repair = self.env["repair.order"].create({"product_id": car.id, "partner_id": self.customer.id})
        booking = self.returned("replacement", repair_id=repair.id)
        wizard = self.bill_wizard(booking, user=workshop)
        self.assertEqual(wizard.target, "repair")
        self.assertEqual(wizard.repair_order_id, repair)
        wizard.action_create_order()
        self.assertEqual(booking.billing_repair_id, repair)
        self.assertEqual(booking.sale_order_id, repair.sale_order_id)
        self.assertIn(repair, booking.sale_order_id.repair_order_ids)
        self.assertAlmostEqual(booking.sale_order_id.amount_untaxed, 240.20, places=2)


@tagged("post_install", "-at_install")
class TestBillingRights(BillingCase):
    def test_managers_may_bill_their_types(self):
        for group in ("group_rental_manager", "group_replacement_manager"):
            implied = self.env.ref(f"dealer_fleet.{group}").trans_implied_ids
            billing = group.replace("manager", "billing")
            self.assertIn(self.env.ref(f"dealer_fleet.{billing}"), implied)
        self.assertTrue(self.manager.has_group("dealer_fleet.group_rental_billing"))

    def test_user_without_billing_right_is_refused(self):
        user = new_test_user(
            self.env,
            login="rental_all",
            groups="dealer_fleet.group_rental_user_all,sales_team.group_sale_salesman",
        )
        booking = self.returned()
        with self.assertRaisesRegex(AccessError, "Rental: Billing"):
            booking.with_user(user).action_bill()
        wizard = self.bill_wizard(booking)
        with self.assertRaisesRegex(AccessError, "Rental: Billing"):
            wizard.with_user(user).action_create_order()
        self.assertFalse(booking.billed)

    def test_billing_user_without_sales_right_gets_a_clear_error(self):
        user = new_test_user(self.env, login="biller_no_sales", groups=BILLING_GROUPS)
        booking = self.returned()
        with self.assertRaisesRegex(AccessError, "Sales"):
            self.bill_wizard(booking, user=user).action_create_order()
        self.assertFalse(booking.billed)
        self.assertFalse(booking.sale_order_id)


@tagged("post_install", "-at_install")
class TestBillingFieldsAndCompanies(ActionFieldsGuardMixin, BillingCase):
    def test_billing_result_is_the_billing_actions_only(self):
        start = self.now + timedelta(days=1)
        order = self.plain_order([])
        self.assertActionFieldsGuarded(
            "dealer.booking",
            self.biller | self.manager,
            {
                "booking_type": "rental",
                "vehicle_id": self.car.id,
                "partner_id": self.customer.id,
                "date_start": start,
                "date_end": start + timedelta(hours=2),
            },
            {"billed": True, "sale_order_id": order.id, "billed_amount": 99.0},
        )

    def test_database_keeps_billed_bookings_returned_and_linked(self):
        booking = self.book("rental")
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.CheckViolation),
            self.cr.savepoint(),
        ):
            booking._dealer_write({"billed": True})
            booking.flush_recordset()

    def test_prices_are_per_company(self):
        other = self.env["res.company"].create({"name": "Filiale Augsburg"})
        other_tariff = self.env["dealer.booking.tariff"].create(
            {"name": "Augsburg", "price_day": 39.0, "product_id": self.rent_product.id, "company_id": other.id}
        )
        Tariff = self.env["dealer.booking.tariff"].with_user(self.biller)
        self.assertIn(self.tariff, Tariff.search([]))
        self.assertNotIn(other_tariff, Tariff.search([]))
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self.book("rental", tariff_id=other_tariff.id)


@tagged("post_install", "-at_install")
class TestBillingLanguage(BillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("de_DE", "zh_CN"):
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(["dealer_fleet"], ["de_DE", "zh_CN"])

    def test_order_lines_speak_the_customers_language(self):
        for lang, words in (("de_DE", ("Tag(e) zu", "Bemerkung bei Rücknahme")), ("zh_CN", ("还车备注", "每天"))):
            with self.subTest(lang=lang):
                self.customer.lang = lang
                booking = self.returned(vehicle_id=self.car.id if lang == "de_DE" else self.car_2.id)
                self.bill_wizard(booking).action_create_order()
                description = booking.sale_order_id.order_line.sorted("sequence")[0].name
                for word in words:
                    self.assertIn(word, description)
