from odoo import fields, models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "dealer.job.owner.mixin"]
    _dealer_job_field = "partner_id"

    dealer_job_ids = fields.One2many("dealer.job", "partner_id", string="Jobs")

    def _compute_dealer_job_count(self):
        """A company counts the jobs of its contacts too, as sale counts orders."""
        partners = self.with_context(active_test=False).search_fetch([("id", "child_of", self.ids)], ["parent_id"])
        counts = dict(
            self.env["dealer.job"]._read_group([("partner_id", "in", partners.ids)], ["partner_id"], ["__count"])
        )
        self.dealer_job_count = 0
        for partner in partners:
            count = counts.get(partner, 0)
            while partner:
                if partner in self:
                    partner.dealer_job_count += count
                partner = partner.parent_id

    def _dealer_job_domain(self):
        return [("partner_id", "child_of", self.ids)]
