import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# E.164: at most 15 digits; shorter than 6 digits is no subscriber number anywhere
_PHONE_DIGITS_MIN = 6
_PHONE_DIGITS_MAX = 15
_PHONE_CHARS = re.compile(r"^\+?[\d\s\-./()]+$")


class CrmLead(models.Model):
    _inherit = "crm.lead"

    dealer_intent = fields.Selection(
        [("buy", "Buyer"), ("sell", "Seller")],
        string="Prospect",
        tracking=True,
        index="btree_not_null",
        help="Buyer: wants to buy a used car from the dealer. Seller: offers a car to the dealer.",
    )
    wanted_model_id = fields.Many2one("fleet.vehicle.model", string="Wanted Model", tracking=True)
    budget = fields.Monetary(currency_field="company_currency", tracking=True, help="What the buyer wants to spend.")
    offered_vehicle_id = fields.Many2one(
        "fleet.vehicle", string="Offered Car", tracking=True, help="The car the seller offers to the dealer."
    )
    dealer_appraisal_ids = fields.One2many("dealer.appraisal", "lead_id", string="Appraisals")
    dealer_appraisal_count = fields.Integer(string="Appraisal Count", compute="_compute_dealer_appraisal_count")

    @api.depends("dealer_appraisal_ids")
    def _compute_dealer_appraisal_count(self):
        counts = dict(self.env["dealer.appraisal"]._read_group([("lead_id", "in", self.ids)], ["lead_id"], ["__count"]))
        for lead in self:
            lead.dealer_appraisal_count = counts.get(lead._origin, 0)

    # ------------------------------------------------------------------
    # visits
    def action_dealer_log_visit(self):
        """Log a visit of the prospect: a "Visit" note, the due visit activities done, and the
        follow-up visit scheduled for the salesperson."""
        visit_type = self.env.ref("dealer_usedcar.mail_activity_type_dealer_visit")
        for lead in self:
            lead.message_post(
                body=_("Visit of %(prospect)s", prospect=lead.partner_id.name or lead.contact_name or lead.name),
                subtype_xmlid="mail.mt_note",
            )
            lead.activity_ids.filtered(lambda activity: activity.activity_type_id == visit_type).action_feedback(
                feedback=_("Visit logged")
            )
            lead.activity_schedule(
                "dealer_usedcar.mail_activity_type_dealer_visit",
                summary=_("Follow-up visit: %(lead)s", lead=lead.name),
                user_id=(lead.user_id or self.env.user).id,
            )
        return True

    # ------------------------------------------------------------------
    # SMS through Odoo's sms module, only to valid numbers
    def _dealer_sms_number_error(self, number):
        """Why ``number`` cannot receive an SMS, or ``False``."""
        self.ensure_one()
        if not number:
            return _("%(lead)s has no mobile or phone number to send an SMS to.", lead=self.display_name)
        formatted = self._phone_format(number=number)
        digits = re.sub(r"\D", "", formatted or "")
        if not formatted or not _PHONE_CHARS.match(number) or not _PHONE_DIGITS_MIN <= len(digits) <= _PHONE_DIGITS_MAX:
            return _(
                "%(number)s is not a valid phone number: correct the number of %(lead)s before sending an SMS "
                "(international format, e.g. +49 151 23456789).",
                number=number,
                lead=self.display_name,
            )
        return False

    def _dealer_check_sms_numbers(self, numbers):
        for number in numbers:
            error = self._dealer_sms_number_error(number)
            if error:
                raise UserError(error)

    def action_dealer_send_sms(self):
        """Odoo's SMS composer for the prospect's mobile (or phone), refused for an invalid number."""
        self.ensure_one()
        number_field = "mobile" if self.mobile else "phone"
        self._dealer_check_sms_numbers([self[number_field]])
        return {
            "type": "ir.actions.act_window",
            "name": _("Send SMS"),
            "res_model": "sms.composer",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_composition_mode": "comment",
                "default_number_field_name": number_field,
            },
        }

    def _message_sms(self, body, subtype_id=False, partner_ids=False, number_field=False, sms_numbers=None, **kwargs):
        # the SMS button of the phone fields and the composer end here: no SMS to an invalid number
        for lead in self.filtered("dealer_intent"):
            if sms_numbers:
                lead._dealer_check_sms_numbers(number for number in sms_numbers if number)
            elif number_field and number_field in lead:
                lead._dealer_check_sms_numbers([lead[number_field]])
        return super()._message_sms(
            body,
            subtype_id=subtype_id,
            partner_ids=partner_ids,
            number_field=number_field,
            sms_numbers=sms_numbers,
            **kwargs,
        )

    # ------------------------------------------------------------------
    # appraisals
    def action_dealer_new_appraisal(self):
        """A new appraisal of the car the seller offers, prefilled from the prospect."""
        self.ensure_one()
        partner = self.partner_id or self._find_matching_partner() or self._create_customer()
        car = self.offered_vehicle_id
        context = {
            "default_partner_id": partner.id,
            "default_lead_id": self.id,
            "default_user_id": (self.user_id or self.env.user).id,
        }
        if car:
            context.update(
                default_vin=car.vin_sn,
                default_model_id=car.model_id.id,
                default_brand_id=car.model_id.brand_id.id,
                default_color=car.color,
                default_first_registration=car.acquisition_date,
                default_mileage=car.odometer,
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("Appraisal"),
            "res_model": "dealer.appraisal",
            "view_mode": "form",
            "context": context,
        }

    def action_dealer_view_appraisals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_usedcar.action_dealer_appraisal")
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {"default_lead_id": self.id, "default_partner_id": self.partner_id.id}
        return action
