from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_job_ids = fields.One2many("dealer.job", "partner_id", string="Jobs")
    dealer_job_count = fields.Integer(
        compute="_compute_dealer_job_count", groups="dealer_jobs.group_dealer_salesperson"
    )

    def _compute_dealer_job_count(self):
        counts = dict(self.env["dealer.job"]._read_group([("partner_id", "in", self.ids)], ["partner_id"], ["__count"]))
        for partner in self:
            partner.dealer_job_count = counts.get(partner, 0)

    def action_view_dealer_jobs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_jobs.action_dealer_job")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
