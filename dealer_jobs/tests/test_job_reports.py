"""The documents a customer signs: in the customer's language, with the company, both parties,
place and date, the taxes as Odoo's quotation prints them, and the credit note's own number."""

from datetime import date

from lxml import html as lxml_html

from odoo import fields
from odoo.tests import tagged
from odoo.tools import formatLang

from odoo.addons.dealer_jobs.tools.vin import with_check_digit

from .common import ReportTestMixin
from .job_common import JobCase

OFFER = "dealer_jobs.action_report_dealer_job_offer"
PURCHASE_OFFER = "dealer_jobs.action_report_dealer_job_purchase_offer"
CONTRACT = "dealer_jobs.action_report_dealer_job_contract"
CREDIT_NOTE = "dealer_jobs.action_report_dealer_credit_note"
DATE_FORMATS = {"de_DE": "%d.%m.%Y", "zh_CN": "%Y年%m月%d日"}
# the words of dealer_jobs/i18n/*.po and of Odoo's account (tax totals)
WORDS = {
    "de_DE": {
        OFFER: "Angebot",
        PURCHASE_OFFER: "Ankaufsangebot",
        CONTRACT: "Kaufvertrag",
        CREDIT_NOTE: "Gutschrift",
        "draft": "Gutschrift (Entwurf)",
        "contract_closing": "Der Verkäufer verkauft das oben beschriebene Fahrzeug",
        "purchase_offer_closing": "Wir bieten Ihnen an, Ihr Fahrzeug",
        "credit_note_closing": "Diese Gutschrift wird vom Leistungsempfänger ausgestellt",
        "untaxed": "Nettobetrag",
        "total": "Gesamt",
        "vehicle": "Fahrzeug",
    },
    "zh_CN": {
        OFFER: "报价",
        PURCHASE_OFFER: "收购报价",
        CONTRACT: "购车合同",
        CREDIT_NOTE: "贷项通知单",
        "draft": "贷项通知单草稿",
        "contract_closing": "卖方按上述价格将上述车辆出售给买方",
        "purchase_offer_closing": "我们愿按上述车况收购您的车辆",
        "credit_note_closing": "本贷项通知单由供货接收方开具",
        "untaxed": "未税金额",
        "total": "总计",
        "vehicle": "车辆",
    },
}


class JobReportCase(ReportTestMixin, JobCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.lang = "en_US"  # the printing user reads English, the customers do not
        for code in DATE_FORMATS:
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(["account", "dealer_jobs"], list(DATE_FORMATS))
        cls.env.company.write({"vat": "DE811569869", "street": "Hauptstraße 1", "zip": "10115", "city": "Berlin"})
        cls.customer.write({"lang": "de_DE", "vat": "DE136695976", "street": "Lindenweg 7", "city": "Köln"})
        cls.customers = {
            "de_DE": cls.customer,
            "zh_CN": cls.env["res.partner"].create(
                {
                    "name": "王芳",
                    "email": "wang.fang@example.com",
                    "lang": "zh_CN",
                    "vat": "91110000600037341L",
                    "street": "南京东路 100号",
                    "city": "上海",
                }
            ),
        }

    def _title(self, html):
        return " ".join(lxml_html.fromstring(html).xpath("//h2")[-1].text_content().split())

    def _date(self, day, lang):
        return day.strftime(DATE_FORMATS[lang])


@tagged("post_install", "-at_install")
class TestJobDocumentsSpeakTheCustomersLanguage(JobReportCase):
    def test_offer_prints_taxes_per_item_and_by_tax_and_the_validity_of_its_quotation(self):
        for lang, words in WORDS.items():
            with self.subTest(lang=lang):
                job = self.make_job(partner_id=self.customers[lang].id)
                self.activate(job, "dealer_jobs.phase_sale_offer")
                quotation = job.sale_order_ids
                quotation.validity_date = date(2031, 5, 17)
                html = self._render(OFFER, job)
                tax = job.line_ids.tax_ids
                self.assertTrue(tax and job.amount_tax, "the item is taxed")
                self.assertEqual(self._text(html, "td_taxes"), tax.invoice_label or tax.name)
                totals = " ".join(
                    lxml_html.fromstring(html).xpath("string(//table[contains(@class, 'o_total_table')])").split()
                )
                lang_env = self.env(context={"lang": lang})
                self.assertIn(words["untaxed"], totals)
                self.assertIn(tax.tax_group_id.with_context(lang=lang).name, totals)
                self.assertIn(formatLang(lang_env, job.amount_tax), totals)
                self.assertIn(formatLang(lang_env, job.amount_total), totals)
                self.assertIn(words["total"], totals)
                self.assertIn(quotation.name, self._text(html, "quotation"))
                self.assertEqual(self._text(html, "validity").split()[-1], self._date(date(2031, 5, 17), lang))
                self.assertNotIn("14", self._text(html, "closing"), "no validity restated by hand")

    def test_every_document_carries_the_company_both_parties_place_and_date(self):
        today = fields.Date.context_today(self.env.user)
        for lang in WORDS:
            with self.subTest(lang=lang):
                customer = self.customers[lang]
                job = self.make_job(process="purchase", partner_id=customer.id)
                self.activate(job, "dealer_jobs.phase_purchase_credit_note")
                bill = job.invoice_ids
                self.assertEqual(bill.invoice_date, today)
                for xmlid, record in ((OFFER, job), (PURCHASE_OFFER, job), (CONTRACT, job), (CREDIT_NOTE, bill)):
                    html = self._render(xmlid, record)
                    dealer = self._text(html, "party_dealer")
                    for expected in (self.env.company.name, "Hauptstraße 1", "10115", "Berlin", "DE811569869"):
                        self.assertIn(expected, dealer, xmlid)
                    party = self._text(html, "party_customer")
                    for expected in (customer.name, customer.street, customer.city, customer.vat):
                        self.assertIn(expected, party, xmlid)
                    self.assertEqual(self._text(html, "place_date"), f"Berlin, {self._date(today, lang)}", xmlid)
                    self.assertNotIn(today.isoformat(), html, xmlid)

    def test_contract_is_signed_by_the_named_buyer_and_seller(self):
        customer = self.customers["zh_CN"]
        job = self.make_job(process="purchase", partner_id=customer.id)
        html = self._render(CONTRACT, job)
        self.assertIn(self.env.company.name, self._text(html, "signature_buyer"), "the dealer buys")
        self.assertIn(customer.name, self._text(html, "signature_seller"), "the customer sells")

    def test_title_and_closing_are_in_the_customers_language_not_the_printing_users(self):
        for lang, words in WORDS.items():
            with self.subTest(lang=lang):
                job = self.make_job(process="purchase", partner_id=self.customers[lang].id)
                self.activate(job, "dealer_jobs.phase_purchase_credit_note")
                bill = job.invoice_ids
                for xmlid in (OFFER, PURCHASE_OFFER, CONTRACT):
                    html = self._render(xmlid, job)
                    self.assertEqual(self._title(html), f"{words[xmlid]} {job.name}", xmlid)
                    self.assertIn(words["vehicle"], html, xmlid)
                html = self._render(PURCHASE_OFFER, job)
                self.assertIn(words["purchase_offer_closing"], self._text(html, "closing"))
                html = self._render(CONTRACT, job)
                self.assertIn(words["contract_closing"], self._text(html, "closing"))
                html = self._render(CREDIT_NOTE, bill)
                self.assertEqual(self._title(html), f"{words[CREDIT_NOTE]} {bill.dealer_credit_note_number}")
                self.assertIn(words["credit_note_closing"], self._text(html, "closing"))
                self.assertIn(words["untaxed"], html)

    def test_vehicle_block_prints_the_last_odometer_reading_and_the_first_registration(self):
        Odometer = self.env["fleet.vehicle.odometer"]
        Odometer.create({"vehicle_id": self.car.id, "value": 12000, "date": date(2024, 1, 10)})
        Odometer.create({"vehicle_id": self.car.id, "value": 45678, "date": date(2025, 2, 1)})
        self.car.acquisition_date = date(2021, 3, 18)
        expected = {"de_DE": "45.678 km", "zh_CN": "45,678 km"}
        for lang in WORDS:
            with self.subTest(lang=lang):
                job = self.make_job(process="purchase", partner_id=self.customers[lang].id)
                html = self._render(PURCHASE_OFFER, job)
                self.assertEqual(self._text(html, "odometer"), expected[lang])
                self.assertEqual(self._text(html, "first_registration"), self._date(date(2021, 3, 18), lang))
        self.car.acquisition_date = False
        html = self._render(PURCHASE_OFFER, job)
        self.assertEqual(self._text(html, "first_registration"), "", "no registration date, nothing printed")


@tagged("post_install", "-at_install")
class TestSelfBillingCreditNoteNumber(JobReportCase):
    """The bill of a trade-in is the customer's credit note (Gutschrift) with a number of its own."""

    def _credit_note(self, job):
        self.activate(job, "dealer_jobs.phase_purchase_credit_note")
        bill = job.invoice_ids
        self.assertEqual(bill.state, "posted")
        return bill

    def _other_car(self, vin, company=None):
        vals = {
            "model_id": self.model.id,
            "vin_sn": with_check_digit(vin),
            "engine_number": vin[-6:],
            "model_code": "T1",
        }
        if company:
            vals["company_id"] = company.id
        return self.env["fleet.vehicle"].create(vals)

    def _sequence(self, company):
        return self.env["ir.sequence"].search([("code", "=", "dealer.credit.note"), ("company_id", "=", company.id)])

    def test_each_company_numbers_its_own_credit_notes(self):
        company_a = self.env.company
        first = self._credit_note(self.make_job(process="purchase"))
        year = first.invoice_date.year
        self.assertRegex(first.dealer_credit_note_number, rf"^GS/{year}/\d{{5}}$")
        self.assertNotEqual(first.dealer_credit_note_number, first.name)
        second_car = self._other_car("WVWZZZ1KZSW500002")
        second = self._credit_note(self.make_job(process="purchase", vehicle_id=second_car.id))
        self.assertEqual(
            int(second.dealer_credit_note_number.rsplit("/", 1)[1]),
            int(first.dealer_credit_note_number.rsplit("/", 1)[1]) + 1,
        )

        company_b = self.setup_other_company()["company"]
        self.env.user.company_ids |= company_b
        env = self.env(context=dict(self.env.context, allowed_company_ids=[company_a.id, company_b.id]))
        self.assertFalse(self._sequence(company_b), "made on the company's first credit note")
        car_b = self._other_car("WVWZZZ1KZSW500003", company=company_b).with_env(env)
        job_b = env["dealer.job"].create(
            {
                "vehicle_id": car_b.id,
                "partner_id": self.customer.id,
                "company_id": company_b.id,
                "process": "purchase",
                "line_ids": [(0, 0, {"name": "Trade-in", "price_unit": 10000})],
            }
        )
        bill_b = self._credit_note(job_b)
        self.assertEqual(bill_b.company_id, company_b)
        self.assertEqual(bill_b.dealer_credit_note_number, f"GS/{year}/00001")
        sequence_a, sequence_b = self._sequence(company_a), self._sequence(company_b)
        self.assertEqual((len(sequence_a), len(sequence_b)), (1, 1))
        third = self._credit_note(self.make_job(process="purchase", vehicle_id=self._other_car("WVWZZZ1KZSW500004").id))
        self.assertEqual(
            int(third.dealer_credit_note_number.rsplit("/", 1)[1]),
            int(second.dealer_credit_note_number.rsplit("/", 1)[1]) + 1,
            "the second company's credit note took no number of the first's",
        )

    def test_reposting_after_reset_to_draft_keeps_the_number(self):
        bill = self._credit_note(self.make_job(process="purchase"))
        number = bill.dealer_credit_note_number
        self.assertTrue(number)
        bill.button_draft()
        self.assertEqual(bill.dealer_credit_note_number, number)
        self.assertEqual(self._title(self._render(CREDIT_NOTE, bill)), WORDS["de_DE"]["draft"])
        bill.action_post()
        self.assertEqual(bill.dealer_credit_note_number, number)
        self.assertFalse(bill.copy().dealer_credit_note_number, "a copy is another document")
        next_bill = self._credit_note(
            self.make_job(process="purchase", vehicle_id=self._other_car("WVWZZZ1KZSW500005").id)
        )
        self.assertEqual(
            int(next_bill.dealer_credit_note_number.rsplit("/", 1)[1]),
            int(number.rsplit("/", 1)[1]) + 1,
            "re-posting drew no number",
        )

    def test_the_credit_note_prints_its_number_not_the_bills(self):
        bill = self._credit_note(self.make_job(process="purchase"))
        html = self._render(CREDIT_NOTE, bill)
        self.assertEqual(self._title(html), f"Gutschrift {bill.dealer_credit_note_number}")
        self.assertNotIn(bill.name, html)

    def test_only_the_bills_of_trade_ins_are_credit_notes(self):
        trade_in = self.make_job(process="purchase")
        sale = self.make_job()
        plain_bill = self.init_invoice("in_invoice", partner=self.customer, amounts=[100], post=True)
        sale_bill = self.init_invoice("in_invoice", partner=self.customer, amounts=[100])
        sale_bill.dealer_job_id = sale
        invoice = self.init_invoice("out_invoice", partner=self.customer, amounts=[100])
        invoice.dealer_job_id = trade_in
        (sale_bill + invoice).action_post()
        self.assertEqual((plain_bill + sale_bill + invoice).mapped("dealer_credit_note_number"), [False] * 3)
