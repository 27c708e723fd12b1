from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.dealer_usedcar.models.dealer_appraisal import APPRAISAL_STATES


class DealerReportAppraisal(models.Model):
    """Appraisals of used cars: one row per appraisal, its prices and whether the car was bought."""

    _name = "dealer.report.appraisal"
    _inherit = ["dealer.report.summary.mixin"]
    _description = "Appraisal Summary"
    _auto = False
    _rec_name = "name"
    _order = "date desc, id desc"

    _depends = {
        "dealer.appraisal": [
            "name",
            "date",
            "state",
            "company_id",
            "partner_id",
            "user_id",
            "evaluator_id",
            "brand_id",
            "model_id",
            "vehicle_id",
            "purchase_id",
            "price_estimate",
            "price_offered",
        ],
        "fleet.vehicle.model": ["brand_id"],
        "purchase.order": ["state"],
    }
    _dealer_summary_groupby = "evaluator_id"
    _dealer_summary_measures = ("price_estimate", "price_offered", "bought_count", "conversion_rate")

    name = fields.Char(string="Number", readonly=True)
    date = fields.Date(string="Appraisal Date", readonly=True)
    appraisal_id = fields.Many2one("dealer.appraisal", string="Appraisal", readonly=True)
    state = fields.Selection(APPRAISAL_STATES, string="Status", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Owner", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    evaluator_id = fields.Many2one("res.users", string="Evaluator", readonly=True)
    brand_id = fields.Many2one("fleet.vehicle.model.brand", string="Make", readonly=True)
    model_id = fields.Many2one("fleet.vehicle.model", string="Model", readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Vehicle", readonly=True)
    purchase_id = fields.Many2one("purchase.order", string="Purchase Order", readonly=True)
    price_estimate = fields.Monetary(string="Estimated Value", readonly=True)
    price_offered = fields.Monetary(string="Offered Price", readonly=True)
    price_difference = fields.Monetary(
        string="Estimate minus Offer", readonly=True, help="The estimated value minus the price offered to the owner."
    )
    appraisal_count = fields.Integer(string="Appraisals", readonly=True)
    bought_count = fields.Integer(string="Bought", readonly=True, help="Appraisals whose car was bought.")
    purchased_count = fields.Integer(
        string="Purchase Confirmed", readonly=True, help="Appraisals whose purchase order is confirmed."
    )
    conversion_rate = fields.Float(
        string="Conversion (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Share of the appraisals whose car was bought.",
    )

    @property
    def _table_query(self):
        return SQL(
            "SELECT %s FROM %s WHERE %s",
            self._select(),
            self._from(),
            self._where(),
        )

    def _select(self):
        return SQL(
            """
            a.id AS id,
            a.id AS appraisal_id,
            a.name AS name,
            a.date AS date,
            a.state AS state,
            a.company_id AS company_id,
            c.currency_id AS currency_id,
            a.partner_id AS partner_id,
            a.user_id AS user_id,
            a.evaluator_id AS evaluator_id,
            COALESCE(a.brand_id, m.brand_id) AS brand_id,
            a.model_id AS model_id,
            a.vehicle_id AS vehicle_id,
            a.purchase_id AS purchase_id,
            COALESCE(a.price_estimate, 0) AS price_estimate,
            COALESCE(a.price_offered, 0) AS price_offered,
            COALESCE(a.price_estimate, 0) - COALESCE(a.price_offered, 0) AS price_difference,
            1 AS appraisal_count,
            CASE WHEN a.state = 'bought' THEN 1 ELSE 0 END AS bought_count,
            CASE WHEN po.state IN ('purchase', 'done') THEN 1 ELSE 0 END AS purchased_count,
            CASE WHEN a.state = 'bought' THEN 100.0 ELSE 0.0 END AS conversion_rate
            """
        )

    def _from(self):
        return SQL(
            """
            dealer_appraisal a
            JOIN res_company c ON c.id = a.company_id
            LEFT JOIN fleet_vehicle_model m ON m.id = a.model_id
            LEFT JOIN purchase_order po ON po.id = a.purchase_id
            """
        )

    def _where(self):
        return SQL("TRUE")
