"""The four documents of a booking: appointment, contract, return confirmation, test-drive certificate.

Printed in the customer's language and formats (not the printing user's), with the company and the
customer, the car as handed over, the odometers, the damages and the signatures."""

from datetime import datetime, timedelta
from itertools import count

from lxml import html as lxml_html

from odoo import fields
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.dealer_jobs.tests.common import ReportTestMixin, render_pdf
from odoo.addons.dealer_jobs.tools.vin import with_check_digit

APPOINTMENT = "dealer_fleet.action_report_booking_appointment"
CONTRACT = "dealer_fleet.action_report_booking_contract"
RETURN = "dealer_fleet.action_report_booking_return"
CERTIFICATE = "dealer_fleet.action_report_booking_certificate"
REPORTS = (APPOINTMENT, CONTRACT, RETURN, CERTIFICATE)
# the customers' formats; the printing user reads English (05/17/2031)
DATE_FORMATS = {"de_DE": "%d.%m.%Y", "zh_CN": "%Y年%m月%d日"}
KM = {"de_DE": ("1.000 km", "1.250 km"), "zh_CN": ("1,000 km", "1,250 km")}
# a word of dealer_jobs' vehicle block (dealer_jobs/i18n), reused by the appointment
VEHICLE = {"de_DE": "Fahrzeug", "zh_CN": "车辆"}
# a 1x1 PNG, as the signature widget stores it
SIGNATURE = b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
VINS = count(1)


@tagged("post_install", "-at_install")
class TestBookingReports(ReportTestMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(user=cls.env.ref("base.user_admin"))
        cls.env.user.write({"lang": "en_US", "tz": "Europe/Berlin"})
        for code in DATE_FORMATS:
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(["dealer_jobs", "dealer_fleet"], list(DATE_FORMATS))
        cls.company = cls.env.company
        cls.company.write(
            {
                "vat": "DE811569869",
                "street": "Hauptstraße 1",
                "zip": "10115",
                "city": "Berlin",
                "dealer_booking_contract_on_handover": False,
            }
        )
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Testmarke"})
        cls.model = cls.env["fleet.vehicle.model"].create(
            {"name": "Kombi", "brand_id": brand.id, "vehicle_type": "car"}
        )
        cls.car = cls.make_car("M-AB 123")
        cls.customers = {
            "de_DE": cls.env["res.partner"].create(
                {
                    "name": "Erika Mustermann",
                    "lang": "de_DE",
                    "vat": "DE136695976",
                    "street": "Lindenweg 7",
                    "zip": "50667",
                    "city": "Köln",
                }
            ),
            "zh_CN": cls.env["res.partner"].create(
                {
                    "name": "王芳",
                    "lang": "zh_CN",
                    "vat": "91110000600037341L",
                    "street": "南京东路 100号",
                    "city": "上海",
                }
            ),
        }
        cls.trade_plate = cls.env["dealer.trade.plate"].create({"name": "m-06 123"})

    @classmethod
    def make_car(cls, plate=None):
        number = next(VINS)
        return cls.env["fleet.vehicle"].create(
            {
                "model_id": cls.model.id,
                "vin_sn": with_check_digit(f"WVWZZZ1KZSW5{number:05d}"),
                "license_plate": plate or f"M-AB {number:04d}",
                "dealer_usage": "fleet",
            }
        )

    def make_booking(self, lang="de_DE", booking_type="test_drive", car=None, start=None, **vals):
        start = start or fields.Datetime.now().replace(microsecond=0) - timedelta(hours=3)
        return self.env["dealer.booking"].create(
            {
                "booking_type": booking_type,
                "vehicle_id": (car or self.car).id,
                "partner_id": self.customers[lang].id,
                "date_start": start,
                "date_end": start + timedelta(hours=4),
                **vals,
            }
        )

    def hand_over(self, booking, mode="handover", odometer=1000, damage="Kratzer", when=None, **vals):
        wizard = self.env["dealer.booking.handover"].create(
            {
                "booking_id": booking.id,
                "mode": mode,
                "immediate": mode == "handover",
                "date": when or fields.Datetime.now(),
                "odometer": odometer,
                "damage": damage,
                "signature": SIGNATURE,
                **vals,
            }
        )
        wizard.action_apply()
        return booking

    def returned_booking(self, lang="de_DE", return_damage="Kratzer\nDelle Tür hinten", return_comment=False, **vals):
        booking = self.make_booking(lang, car=self.make_car(), **vals)
        now = fields.Datetime.now()
        self.hand_over(booking, when=now - timedelta(hours=2))
        self.hand_over(
            booking,
            mode="return",
            odometer=1250,
            damage=return_damage,
            comment=return_comment,
            when=now - timedelta(hours=1),
        )
        self.assertEqual(booking.state, "returned")
        return booking

    # ------------------------------------------------------------------
    def _has(self, html, name):
        return bool(lxml_html.fromstring(html).xpath("//*[@name=$name]", name=name))

    def _title(self, html):
        return " ".join(lxml_html.fromstring(html).xpath("//h2")[-1].text_content().split())

    def _images(self, html, name):
        return lxml_html.fromstring(html).xpath("//*[@name=$name]//img/@src", name=name)

    # ------------------------------------------------------------------
    def test_appointment_prints_the_planned_booking_in_the_customers_language_and_formats(self):
        start = datetime(2031, 5, 17, 8, 0)  # 10:00 in Berlin
        for lang, customer in self.customers.items():
            with self.subTest(lang=lang):
                booking = self.make_booking(
                    lang,
                    start=start,
                    handover_location="Showroom Nord",
                    max_km=150,
                    purpose="Probefahrt Familienausflug",
                    destination="Starnberger See",
                    note="<p>Kindersitz bereitlegen</p>",
                )
                html = self._render(APPOINTMENT, booking)
                self.assertTrue(self._title(html).endswith(booking.name), "the number is in the title")
                self.assertIn(VEHICLE[lang], html, "the reused vehicle block speaks the customer's language")
                vehicle = self._text(html, "vehicle")
                for expected in (self.car.vin_sn, "M-AB 123", "Testmarke", "Kombi"):
                    self.assertIn(expected, vehicle)
                self.assertIn(start.strftime(DATE_FORMATS[lang]), self._text(html, "date_start"))
                if lang == "de_DE":
                    self.assertEqual(self._text(html, "date_start"), "17.05.2031 10:00", "the dealer's local time")
                self.assertIn((start + timedelta(hours=4)).strftime(DATE_FORMATS[lang]), self._text(html, "date_end"))
                self.assertNotIn("05/17/2031", html, "not in the printing user's format")
                self.assertNotIn("2031-05-17", html, "never raw ISO")
                self.assertIn("Showroom Nord", self._text(html, "info_location"))
                self.assertIn(booking.advisor_id.name, self._text(html, "info_advisor"))
                self.assertIn("150 km", self._text(html, "max_km"))
                self.assertIn("Starnberger See", self._text(html, "destination"))
                self.assertIn("Probefahrt Familienausflug", self._text(html, "purpose"))
                self.assertIn("Kindersitz bereitlegen", self._text(html, "note"))
                party = self._text(html, "party_customer")
                for expected in (customer.name, customer.street, customer.city, customer.vat):
                    self.assertIn(expected, party)

    def test_every_document_carries_the_company_and_the_customer_with_vat(self):
        booking = self.returned_booking("zh_CN")
        customer = self.customers["zh_CN"]
        today = fields.Date.context_today(self.env.user)
        for xmlid in REPORTS:
            with self.subTest(report=xmlid):
                html = self._render(xmlid, booking)
                dealer = self._text(html, "party_dealer")
                for expected in (self.company.name, "Hauptstraße 1", "10115", "Berlin", "DE811569869"):
                    self.assertIn(expected, dealer)
                party = self._text(html, "party_customer")
                for expected in (customer.name, customer.street, customer.city, customer.vat):
                    self.assertIn(expected, party)
                self.assertEqual(self._text(html, "place_date"), f"Berlin, {today.strftime(DATE_FORMATS['zh_CN'])}")
                self.assertIn(booking.name, self._title(html))

    def test_contract_prints_the_car_as_handed_over_not_as_it_is_now(self):
        booking = self.make_booking(trade_plate_id=self.trade_plate.id)
        car = booking.vehicle_id
        html = self._render(CONTRACT, booking)
        self.assertIn(car.vin_sn, self._text(html, "car_vin"), "before the handover: the car's current data")
        self.assertIn("M-AB 123", self._text(html, "car_plate"))
        self.assertFalse(self._images(html, "signature_customer"), "nothing signed yet")

        self.hand_over(booking, comment="Tank voll")
        car.license_plate = "M-XY 999"
        for lang in self.customers:
            with self.subTest(lang=lang):
                booking.partner_id = self.customers[lang]
                html = self._render(CONTRACT, booking)
                self.assertIn("M-AB 123", self._text(html, "car_plate"), "the plate as handed over")
                self.assertNotIn("M-XY 999", html)
                self.assertIn(booking.vehicle_vin, self._text(html, "car_vin"))
                self.assertIn("Testmarke", self._text(html, "car_model"))
                self.assertEqual(self._text(html, "handover_odometer"), KM[lang][0])
                self.assertIn("Kratzer", self._text(html, "handover_damage"))
                self.assertIn("Tank voll", self._text(html, "handover_comment"))
                self.assertIn(booking.driver_name, self._text(html, "driver_name"))
                self.assertIn("M-06 123", self._text(html, "trade_plate"))
                self.assertIn(
                    fields.Datetime.context_timestamp(booking, booking.handover_date).strftime(DATE_FORMATS[lang]),
                    self._text(html, "handover_date"),
                )
                images = self._images(html, "signature_customer")
                self.assertEqual(len(images), 1, "the signature given at handover")
                self.assertTrue(images[0].startswith("data:image/png;base64,"))
                self.assertTrue(self._text(html, "terms"))

    def test_contract_says_whether_the_licence_was_checked(self):
        booking = self.make_booking()
        unchecked = self._text(self._render(CONTRACT, booking), "licence_checked")
        booking.licence_checked = True
        checked = self._text(self._render(CONTRACT, booking), "licence_checked")
        self.assertTrue(checked and unchecked)
        self.assertNotEqual(checked, unchecked)

    def test_contract_title_follows_the_booking_type(self):
        titles = {
            booking_type: self._title(self._render(CONTRACT, self.make_booking(booking_type=booking_type)))
            for booking_type in ("test_drive", "replacement", "rental")
        }
        self.assertEqual(len({title.rsplit(" ", 1)[0] for title in titles.values()}), 3, titles)
        booking = self.make_booking(booking_type="rental")
        self.assertFalse(self._has(self._render(CONTRACT, booking), "trade_plate"), "trade plates: test drives only")

    def test_return_prints_both_readings_the_driven_km_and_the_new_damages(self):
        for lang in self.customers:
            with self.subTest(lang=lang):
                booking = self.returned_booking(lang, return_comment="Innenraum verschmutzt")
                self.assertEqual(booking.driven_km, 250)
                html = self._render(RETURN, booking)
                self.assertEqual(self._text(html, "handover_odometer"), KM[lang][0])
                self.assertEqual(self._text(html, "return_odometer"), KM[lang][1])
                self.assertEqual(self._text(html, "driven_km"), "250 km")
                self.assertEqual(self._text(html, "handover_damage"), "Kratzer")
                self.assertIn("Delle Tür hinten", self._text(html, "return_damage"))
                new = self._text(html, "damage_new")
                self.assertIn("Delle Tür hinten", new)
                self.assertNotIn("Kratzer", new, "the damage known at handover is not new")
                self.assertFalse(self._has(html, "damage_none_new"))
                self.assertIn("Innenraum verschmutzt", self._text(html, "return_comment"))
                for name in ("handover_date", "return_date"):
                    day = fields.Datetime.context_timestamp(booking, booking[name]).strftime(DATE_FORMATS[lang])
                    self.assertIn(day, self._text(html, name))
                self.assertEqual(len(self._images(html, "signature_handover")), 1)
                self.assertEqual(len(self._images(html, "signature_return")), 1)

    def test_return_without_new_damages_says_so(self):
        booking = self.returned_booking(return_damage="Kratzer")
        html = self._render(RETURN, booking)
        self.assertFalse(self._has(html, "damage_new"))
        self.assertTrue(self._text(html, "damage_none_new"))

    def test_certificate_has_a_supplementary_sheet_for_the_route(self):
        booking = self.make_booking(
            trade_plate_id=self.trade_plate.id, driver_kind="free", driver_name="Max Fahrer", destination="Tegernsee"
        )
        html = self._render(CERTIFICATE, booking)
        for name in ("driver_name", "sheet_driver"):
            self.assertIn("Max Fahrer", self._text(html, name))
        for name in ("trade_plate", "sheet_trade_plate"):
            self.assertIn("M-06 123", self._text(html, name))
        self.assertIn("Tegernsee", self._text(html, "destination"))
        self.assertEqual(self._text(html, "car_vin").split(), [self.car.vin_sn] * 2, "the sheet repeats the car")
        sheet = lxml_html.fromstring(html).xpath("//*[@name='supplementary_sheet']")[0]
        self.assertIn("page-break-before", sheet.get("style"), "the sheet is a page of its own")
        self.assertEqual(len(sheet.xpath(".//table[@name='route']/tbody/tr")), 8, "lines for the route")
        self.assertTrue(self._has(html, "sheet_signature_driver"))
        rental = self._title(self._render(CERTIFICATE, self.make_booking(booking_type="rental")))
        self.assertNotEqual(rental.rsplit(" ", 1)[0], self._title(html).rsplit(" ", 1)[0], "generic title")

    def test_documents_are_offered_on_bookings_where_they_make_sense(self):
        Report = self.env["ir.actions.report"]
        reports = {xmlid: self.env.ref(xmlid) for xmlid in REPORTS}
        for xmlid, report in reports.items():
            self.assertEqual(report.binding_model_id.model, "dealer.booking", xmlid)
            self.assertEqual(report.report_type, "qweb-pdf", xmlid)
        booking = self.make_booking()
        self.assertEqual(
            safe_eval(reports[CONTRACT].print_report_name, {"object": booking}),
            f"Contract - {booking.name.replace('/', '-')}",
        )
        ids = Report.browse([report.id for report in reports.values()])
        rental = self.make_booking(booking_type="rental")
        self.assertEqual(
            set(ids.get_valid_action_reports("dealer.booking", rental.ids)),
            {reports[APPOINTMENT].id, reports[CONTRACT].id},
            "no certificate for a rental, no return confirmation before the return",
        )
        returned = self.returned_booking()
        self.assertEqual(set(ids.get_valid_action_reports("dealer.booking", returned.ids)), set(ids.ids))

    def test_each_document_prints_as_pdf(self):
        booking = self.returned_booking("zh_CN", trade_plate_id=self.trade_plate.id)
        for xmlid in REPORTS:
            with self.subTest(report=xmlid):
                pdf, report_format = render_pdf(self.env, xmlid, booking.ids)

                self.assertEqual(report_format, "pdf")
                self.assertTrue(pdf.startswith(b"%PDF"), xmlid)

    def test_without_an_advisor_the_company_signs(self):
        booking = self.returned_booking("de_DE", trade_plate_id=self.trade_plate.id)
        booking.advisor_id = False
        for xmlid in (CONTRACT, RETURN, CERTIFICATE):
            with self.subTest(report=xmlid):
                html = self._render(xmlid, booking)
                self.assertIn(self.company.name, self._text(html, "signature_dealer"))

    def test_contract_is_attached_on_handover_when_the_company_wants_it(self):
        self.company.dealer_booking_contract_on_handover = True
        booking = self.make_booking()
        self.hand_over(booking)
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "dealer.booking"), ("res_id", "=", booking.id)]
        )
        self.assertEqual(len(attachments.filtered(lambda a: a.name.endswith(".pdf"))), 1)
