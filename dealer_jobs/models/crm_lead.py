from odoo import _, fields, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"

    dealer_vehicle_id = fields.Many2one("fleet.vehicle", string="Vehicle", help="The car the inquiry is about.")
    dealer_job_ids = fields.One2many("dealer.job", "lead_id", string="Jobs")

    def action_dealer_create_job(self):
        """Turn a web inquiry into a job (origin: internet) and open it."""
        self.ensure_one()
        if not self.dealer_vehicle_id:
            raise UserError(_("Choose the vehicle of inquiry %(lead)s first.", lead=self.name))
        partner = self.partner_id or self._find_matching_partner() or self._create_customer()
        job = self.env["dealer.job"].create(
            {
                "vehicle_id": self.dealer_vehicle_id.id,
                "partner_id": partner.id,
                "origin": "internet",
                "lead_id": self.id,
                "user_id": (self.user_id or self.env.user).id,
                "campaign_id": self.campaign_id.id,
                "source_id": self.source_id.id,
                "medium_id": self.medium_id.id,
                "company_id": (self.company_id or self.env.company).id,
            }
        )
        return {"type": "ir.actions.act_window", "res_model": "dealer.job", "res_id": job.id, "view_mode": "form"}
