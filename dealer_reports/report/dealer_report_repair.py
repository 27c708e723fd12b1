from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.dealer_usedcar.models.fleet_vehicle import DEALER_COST_GROUPS


class DealerReportRepair(models.Model):
    """Reconditioning and repairs per car: one row per posted revaluation of a car by a
    reconditioning (its parts when done, its vendor bill once posted), so the amounts are those
    the accounting carries."""

    _name = "dealer.report.repair"
    _inherit = ["dealer.report.summary.mixin"]
    _description = "Repair Analysis"
    _auto = False
    _rec_name = "reconditioning_id"
    _dealer_summary_groupby = "vendor_id"
    _dealer_summary_measures = ("amount", "entry_count")
    _dealer_summary_date_field = "date"
    _order = "date desc, id desc"
    _depends = {
        "stock.valuation.layer": ["lot_id", "company_id", "value", "dealer_reconditioning_id", "account_move_id"],
        "dealer.reconditioning": ["vehicle_id", "vendor_id", "kind", "date", "user_id", "warehouse_id"],
        "fleet.vehicle": ["brand_id", "model_id"],
        "account.move": ["state", "date"],
        "account.move.line": ["balance", "parent_state", "display_type", "dealer_reconditioning_id", "date"],
    }

    reconditioning_id = fields.Many2one("dealer.reconditioning", string="Reconditioning", readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Car", readonly=True)
    vin = fields.Char(string="VIN", readonly=True)
    model_id = fields.Many2one("fleet.vehicle.model", string="Model", readonly=True)
    brand_id = fields.Many2one("fleet.vehicle.model.brand", string="Brand", readonly=True)
    vendor_id = fields.Many2one("res.partner", string="Vendor", readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", string="Warehouse", readonly=True)
    kind = fields.Selection([("addon", "Add-on"), ("repair", "Repair")], readonly=True)
    source = fields.Selection(
        [("parts", "Parts from Stock"), ("bill", "Vendor Bill"), ("bill_sold", "Vendor Bill after Sale")],
        readonly=True,
        help="Parts: issued from stock when the reconditioning was done. Vendor bill: posted by accounting. "
        "Vendor bill after sale: posted once the car had left stock, it went to the cost of goods sold.",
    )
    date = fields.Date(string="Posted on", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    amount = fields.Monetary(readonly=True, groups=DEALER_COST_GROUPS, help="Added to the car's cost, posted.")
    entry_count = fields.Integer(string="Entries", readonly=True)

    def _select(self):
        return SQL(
            """
                layer.id AS id,
                recon.id AS reconditioning_id,
                recon.vehicle_id AS vehicle_id,
                lot.name AS vin,
                car.model_id AS model_id,
                car.brand_id AS brand_id,
                recon.vendor_id AS vendor_id,
                recon.user_id AS user_id,
                recon.warehouse_id AS warehouse_id,
                recon.kind AS kind,
                CASE WHEN layer.account_move_line_id IS NULL THEN 'parts' ELSE 'bill' END AS source,
                entry.date AS date,
                layer.company_id AS company_id,
                company.currency_id AS currency_id,
                layer.value AS amount,
                1 AS entry_count
            """
        )

    def _from(self):
        return SQL(
            """
                stock_valuation_layer layer
                JOIN dealer_reconditioning recon ON recon.id = layer.dealer_reconditioning_id
                JOIN fleet_vehicle car ON car.id = recon.vehicle_id
                JOIN account_move entry ON entry.id = layer.account_move_id
                JOIN res_company company ON company.id = layer.company_id
                LEFT JOIN stock_lot lot ON lot.id = layer.lot_id
            """
        )

    def _where(self):
        return SQL("entry.state = 'posted'")

    def _query_after_sale(self):
        """The posted reconditioning bill lines' part that no layer carried (the car had left stock):
        one row per bill line, keyed by the negative line id (layers keep the positive ids)."""
        return SQL(
            """
            SELECT -bill_line.id AS id,
                   recon.id AS reconditioning_id,
                   recon.vehicle_id AS vehicle_id,
                   lot.name AS vin,
                   car.model_id AS model_id,
                   car.brand_id AS brand_id,
                   recon.vendor_id AS vendor_id,
                   recon.user_id AS user_id,
                   recon.warehouse_id AS warehouse_id,
                   recon.kind AS kind,
                   'bill_sold' AS source,
                   bill_line.date AS date,
                   bill_line.company_id AS company_id,
                   company.currency_id AS currency_id,
                   bill_line.balance - COALESCE(carried.value, 0) AS amount,
                   1 AS entry_count
              FROM account_move_line bill_line
              JOIN dealer_reconditioning recon ON recon.id = bill_line.dealer_reconditioning_id
              JOIN fleet_vehicle car ON car.id = recon.vehicle_id
              JOIN res_company company ON company.id = bill_line.company_id
              LEFT JOIN stock_lot lot ON lot.id = car.lot_id
              LEFT JOIN LATERAL (
                  SELECT SUM(carried_layer.value) AS value
                    FROM stock_valuation_layer carried_layer
                   WHERE carried_layer.account_move_line_id = bill_line.id
              ) carried ON TRUE
             WHERE bill_line.parent_state = 'posted'
               AND bill_line.display_type = 'product'
               AND bill_line.balance != COALESCE(carried.value, 0)
            """
        )

    @property
    def _table_query(self):
        return SQL(
            "SELECT %s FROM %s WHERE %s UNION ALL %s",
            self._select(),
            self._from(),
            self._where(),
            self._query_after_sale(),
        )
