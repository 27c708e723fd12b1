from odoo import fields, models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    dealer_damage_block = fields.Boolean(
        string="Prints Special Equipment / Damage",
        help="Documents of the dealer suite print the car's special equipment and damage block "
        "only when their template declares it here.",
    )

    def _get_rendering_context(self, report, docids, data):
        data = super()._get_rendering_context(report, docids, data)
        data["dealer_damage_block"] = report.dealer_damage_block
        return data
