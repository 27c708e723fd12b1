from odoo import fields, models


class DealerJobOwnerMixin(models.AbstractModel):
    """Records jobs point to (vehicles, customers): job count and the button that opens them.

    Configure the job field that points back with ``_dealer_job_field``.
    """

    _name = "dealer.job.owner.mixin"
    _description = "Records with Jobs"
    _dealer_job_field = None

    dealer_job_count = fields.Integer(
        compute="_compute_dealer_job_count", groups="dealer_jobs.group_dealer_salesperson"
    )

    def _compute_dealer_job_count(self):
        field = self._dealer_job_field
        counts = dict(self.env["dealer.job"]._read_group([(field, "in", self.ids)], [field], ["__count"]))
        for record in self:
            record.dealer_job_count = counts.get(record, 0)

    def _dealer_job_domain(self):
        return [(self._dealer_job_field, "in", self.ids)]

    def action_view_dealer_jobs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_jobs.action_dealer_job")
        action["domain"] = self._dealer_job_domain()
        action["context"] = {f"default_{self._dealer_job_field}": self.id}
        return action
