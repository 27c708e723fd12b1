from lxml import html as lxml_html

from odoo import Command
from odoo.tests import tagged

from odoo.addons.dealer_jobs.tests.common import render_html, render_pdf

from .appraisal_common import PHOTO, AppraisalCase

REPORT = "dealer_usedcar.action_report_dealer_appraisal"


@tagged("post_install", "-at_install")
class TestAppraisalReportInOwnersLanguage(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.lang = "en_US"
        cls.env["res.lang"]._activate_lang("de_DE")
        cls.owner.lang = "de_DE"

    def test_german_owner_gets_german_dates_the_vin_and_the_photos(self):
        appraisal = self.make_appraisal(date="2026-03-05", price_estimate=15000)
        appraisal.photo_ids = [Command.create({"image": PHOTO, "caption": f"View {i}"}) for i in range(3)]
        inspection = appraisal.document_line_ids.filtered("has_validity")[:1]
        inspection.write({"present": True, "valid_until": "2020-01-31"})
        appraisal.check_line_ids[:1].status = "damaged"
        html = render_html(self.env, REPORT, appraisal.ids)
        self.assertIn(self.vin, html)
        self.assertIn("05.03.2026", html, "the appraisal date in the German format")
        self.assertIn("08.03.2019", html, "the first registration in the German format")
        self.assertIn("31.01.2020", html)
        self.assertNotIn("2026-03-05", html)
        photos = lxml_html.fromstring(html).xpath("//img[contains(@class, 'o_dealer_appraisal_photo')]/@src")
        self.assertEqual(len(photos), 3)
        self.assertTrue(all(src.startswith("data:image/png;base64,") for src in photos))
        self.assertIn("View 2", html)
        self.assertIn("o_dealer_expired", html)
        self.assertIn(self.owner.name, html)
        self.assertIn(self.env.company.name, html)
        self.assertIn(appraisal.name, html)
        self.assertIn("14.500,00", html, "the offered price as a German amount")

    def test_pdf_renders(self):
        appraisal = self.make_appraisal()
        pdf, fmt = render_pdf(self.env, REPORT, appraisal.ids)
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
