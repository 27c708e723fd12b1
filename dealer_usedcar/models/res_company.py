from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_sale_approval = fields.Boolean(
        string="Car Sales Need Approval",
        default=True,
        help="A car sold on an order (a used-car sale or a job's order) leaves stock only by the sale's "
        "approval, which delivers exactly that car and posts the invoice.",
    )
    dealer_transfer_days = fields.Integer(
        string="Ownership Transfer Days",
        default=30,
        help="Days after a used-car sale is approved within which the ownership transfer must be done.",
    )
    dealer_survey_id = fields.Many2one(
        "survey.survey",
        string="After-Sales Survey",
        help="Survey to which the customer is invited when a used-car sale is approved.",
    )
    dealer_appraisal_approval_amount = fields.Monetary(
        string="Appraisal Buy Limit",
        currency_field="currency_id",
        help="Buying an appraised car at a higher price needs a second person: a used-car manager other "
        "than the evaluator buys it. 0 switches the rule off.",
    )
