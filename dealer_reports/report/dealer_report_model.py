from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.dealer_usedcar.models.fleet_vehicle import DEALER_COST_GROUPS


class DealerReportModel(models.Model):
    """Model analysis: one row per car, over the vehicle cost ledger, so that grouping by model
    counts the cars bought, sold and in stock and averages the days to sell and the margin of the
    cars sold exactly (averages over cars, not over groups)."""

    _name = "dealer.report.model"
    _inherit = ["dealer.report.summary.mixin"]
    _description = "Car Model Analysis"
    _auto = False
    _rec_name = "model_id"
    _dealer_summary_groupby = "model_id"
    _dealer_summary_measures = (
        "bought_count",
        "sold_count",
        "in_stock_count",
        "days_to_sell",
        "revenue",
        "margin_total",
    )
    _dealer_summary_date_field = "date_in"
    _order = "model_id, id"
    _depends = {
        "stock.valuation.layer": ["lot_id", "company_id", "value", "quantity", "stock_move_id"],
        "stock.move": ["date", "location_id", "location_dest_id", "sale_line_id"],
        "stock.lot": ["fleet_vehicle_id"],
        "fleet.vehicle": ["brand_id", "model_id", "company_id"],
        "sale.order.line": ["order_id", "dealer_vehicle_id", "dealer_is_gift", "invoice_lines"],
        "account.move.line": ["balance", "parent_state", "display_type", "company_id", "partner_id"],
    }

    vehicle_id = fields.Many2one("fleet.vehicle", string="Car", readonly=True)
    model_id = fields.Many2one("fleet.vehicle.model", string="Model", readonly=True)
    brand_id = fields.Many2one("fleet.vehicle.model.brand", string="Brand", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    date_in = fields.Date(string="Received on", readonly=True)
    date_sold = fields.Date(string="Sold on", readonly=True)
    bought_count = fields.Integer(string="Cars Bought", readonly=True)
    sold_count = fields.Integer(string="Cars Sold", readonly=True)
    in_stock_count = fields.Integer(string="Cars in Stock", readonly=True)
    days_to_sell = fields.Float(
        string="Average Days to Sell", readonly=True, aggregator="avg", help="From receipt to delivery, cars sold only."
    )
    revenue = fields.Monetary(string="Revenue", readonly=True, help="Sale price and fees, posted, without taxes.")
    margin = fields.Monetary(
        string="Average Margin",
        readonly=True,
        aggregator="avg",
        groups=DEALER_COST_GROUPS,
        help="Revenue minus cost of goods sold, averaged over the cars sold.",
    )
    margin_total = fields.Monetary(string="Margin", readonly=True, groups=DEALER_COST_GROUPS)

    def _select(self):
        return SQL(
            """
                ledger.id AS id,
                ledger.vehicle_id AS vehicle_id,
                ledger.model_id AS model_id,
                ledger.brand_id AS brand_id,
                ledger.company_id AS company_id,
                ledger.currency_id AS currency_id,
                ledger.partner_id AS partner_id,
                ledger.date_in AS date_in,
                ledger.date_sold AS date_sold,
                CASE WHEN ledger.cost_purchase != 0 THEN 1 ELSE 0 END AS bought_count,
                CASE WHEN ledger.state = 'sold' THEN 1 ELSE 0 END AS sold_count,
                CASE WHEN ledger.state = 'in_stock' THEN 1 ELSE 0 END AS in_stock_count,
                CASE WHEN ledger.state = 'sold' THEN ledger.date_sold - ledger.date_in END AS days_to_sell,
                ledger.revenue + ledger.fees AS revenue,
                CASE WHEN ledger.state = 'sold' THEN ledger.margin END AS margin,
                ledger.margin AS margin_total
            """
        )

    def _from(self):
        return SQL("(%s) AS ledger", self.env["dealer.report.vehicle.cost"]._table_query)

    @property
    def _table_query(self):
        return SQL("SELECT %s FROM %s", self._select(), self._from())
