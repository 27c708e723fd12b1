"""After approval the customer is invited to the company's survey; the answer belongs to the sale."""

from odoo.fields import Command
from odoo.tests import tagged

from .common_sale import CarSaleCase


@tagged("post_install", "-at_install")
class TestSurveyInvitationAfterApproval(CarSaleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "How was buying your car?",
                "access_mode": "token",
                "question_and_page_ids": [
                    Command.create({"title": "Your comment", "question_type": "text_box"}),
                ],
            }
        )

    def test_no_survey_configured_sends_nothing(self):
        order = self.make_sale()
        self.approve(order)
        self.assertFalse(self.env["survey.user_input"].search([("dealer_sale_id", "=", order.id)]))

    def test_customer_gets_the_link_and_the_answer_is_linked_to_the_sale(self):
        self.company.dealer_survey_id = self.survey
        order = self.make_sale()
        self.approve(order)
        answer = self.env["survey.user_input"].search([("dealer_sale_id", "=", order.id)])
        self.assertEqual((answer.survey_id, answer.partner_id), (self.survey, self.customer))
        self.assertEqual(order.dealer_survey_input_count, 1)
        mail = self.env["mail.mail"].search([("model", "=", "survey.user_input"), ("res_id", "=", answer.id)])
        self.assertEqual(len(mail), 1)
        self.assertIn(self.customer, mail.recipient_ids)
        self.assertIn(answer.get_start_url(), mail.body_html)
        self.assertIn(answer.access_token, mail.body_html)

        question = self.survey.question_ids
        public_answer = answer.sudo()  # sudo: the customer answers on the public survey page, as Odoo's controller
        public_answer._save_lines(question, "Very friendly, thank you.")
        public_answer._mark_done()
        self.assertEqual(order.dealer_survey_input_ids, answer)
        self.assertEqual(order.dealer_survey_input_ids.user_input_line_ids.value_text_box, "Very friendly, thank you.")
        action = order.action_dealer_view_surveys()
        self.assertEqual(self.env["survey.user_input"].search(action["domain"]), answer)

    def test_survey_of_another_company_is_not_sent(self):
        self.env["res.company"].search([("id", "!=", self.company.id)], limit=1).dealer_survey_id = self.survey
        order = self.make_sale()
        self.approve(order)
        self.assertFalse(order.dealer_survey_input_count)
