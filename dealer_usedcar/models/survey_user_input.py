from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    dealer_sale_id = fields.Many2one(
        "sale.order",
        string="Car Sale",
        index="btree_not_null",
        readonly=True,
        ondelete="set null",
        help="The used-car sale after which the customer was invited to this survey.",
    )
