from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .appraisal_common import AppraisalCase


@tagged("post_install", "-at_install")
class TestProspectBuyersAndSellers(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lead = cls.env["crm.lead"]
        cls.buyer = Lead.create(
            {"name": "Wants a Kombi", "dealer_intent": "buy", "wanted_model_id": cls.model.id, "budget": 20000}
        )
        cls.seller = Lead.create({"name": "Sells a Kombi", "dealer_intent": "sell", "partner_id": cls.owner.id})
        cls.plain = Lead.create({"name": "Plain lead"})

    def _action_records(self, xmlid):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        leads = self.env["crm.lead"].search(action["domain"] and safe_eval(action["domain"]))
        return action, leads

    def test_buyers_action_lists_buyers_and_creates_buyers(self):
        action, leads = self._action_records("dealer_usedcar.action_dealer_buyers")
        self.assertIn(self.buyer, leads)
        self.assertNotIn(self.seller, leads)
        self.assertNotIn(self.plain, leads)
        context = safe_eval(action["context"])
        form = Form(self.env["crm.lead"].with_context(**context))
        form.name = "New buyer"
        self.assertEqual(form.save().dealer_intent, "buy")

    def test_sellers_action_lists_sellers_and_creates_sellers(self):
        action, leads = self._action_records("dealer_usedcar.action_dealer_sellers")
        self.assertIn(self.seller, leads)
        self.assertNotIn(self.buyer, leads)
        self.assertNotIn(self.plain, leads)
        context = safe_eval(action["context"])
        form = Form(self.env["crm.lead"].with_context(**context))
        form.name = "New seller"
        self.assertEqual(form.save().dealer_intent, "sell")

    def test_seller_appraisal_is_prefilled(self):
        car = self.make_car(self.vin, dealer_usage="customer", owner_id=self.owner.id, color="Red")
        self.seller.offered_vehicle_id = car
        action = self.seller.action_dealer_new_appraisal()
        appraisal = Form(self.env["dealer.appraisal"].with_context(**action["context"])).save()
        self.assertEqual(appraisal.partner_id, self.owner)
        self.assertEqual(appraisal.lead_id, self.seller)
        self.assertEqual(appraisal.vin, self.vin)
        self.assertEqual(appraisal.model_id, self.model)
        self.assertEqual(self.seller.dealer_appraisal_count, 1)


@tagged("post_install", "-at_install")
class TestProspectLogVisit(AppraisalCase):
    def test_log_visit_posts_a_note_and_schedules_the_follow_up(self):
        visit = self.env.ref("dealer_usedcar.mail_activity_type_dealer_visit")
        lead = self.env["crm.lead"].create(
            {"name": "Buyer", "dealer_intent": "buy", "partner_id": self.owner.id, "user_id": self.salesperson.id}
        )
        lead.action_dealer_log_visit()
        self.assertIn("Visit", lead.message_ids[0].body)
        first = lead.activity_ids.filtered(lambda activity: activity.activity_type_id == visit)
        self.assertEqual(len(first), 1)
        self.assertEqual(first.user_id, self.salesperson)
        self.assertIn("Follow-up visit", first.summary)
        lead.action_dealer_log_visit()
        second = lead.activity_ids.filtered(lambda activity: activity.activity_type_id == visit)
        self.assertEqual(len(second), 1, "the due visit is done, the next one planned")
        self.assertNotEqual(second, first)
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_usedcar.action_dealer_prospect_followups")
        followups = self.env["mail.activity"].search(safe_eval(action["domain"]))
        self.assertIn(second, followups)
        self.assertNotIn(first.exists(), followups)


@tagged("post_install", "-at_install")
class TestProspectSmsToValidNumbersOnly(AppraisalCase):
    def test_sms_to_an_invalid_number_is_refused(self):
        lead = self.env["crm.lead"].create({"name": "Buyer", "dealer_intent": "buy", "mobile": "12ab"})
        with self.assertRaisesRegex(UserError, "not a valid phone number"):
            lead.action_dealer_send_sms()
        lead.mobile = "0049 151 1234 5678 9999 1"  # 19 digits: longer than any number
        with self.assertRaisesRegex(UserError, "not a valid phone number"):
            lead.action_dealer_send_sms()

    def test_sms_without_a_number_is_refused(self):
        lead = self.env["crm.lead"].create({"name": "Buyer", "dealer_intent": "buy"})
        with self.assertRaisesRegex(UserError, "no mobile or phone number"):
            lead.action_dealer_send_sms()

    def test_composer_refuses_an_invalid_number(self):
        lead = self.env["crm.lead"].create({"name": "Seller", "dealer_intent": "sell", "mobile": "12ab"})
        composer = (
            self.env["sms.composer"]
            .with_context(
                default_res_model="crm.lead",
                default_res_id=lead.id,
                default_composition_mode="comment",
                default_number_field_name="mobile",
            )
            .create({"body": "Your appraisal is ready"})
        )
        with self.assertRaises(UserError):
            composer.action_send_sms()
        self.assertFalse(self.env["sms.sms"].search([("body", "=", "Your appraisal is ready")]))

    def test_sms_to_a_valid_number_opens_the_composer(self):
        lead = self.env["crm.lead"].create({"name": "Buyer", "dealer_intent": "buy", "mobile": "+49 151 23456789"})
        action = lead.action_dealer_send_sms()
        self.assertEqual(action["res_model"], "sms.composer")
        self.assertEqual(action["context"]["default_number_field_name"], "mobile")
        lead._message_sms("Welcome", number_field="mobile")
        self.assertTrue(self.env["sms.sms"].search([("body", "=", "Welcome")]))
