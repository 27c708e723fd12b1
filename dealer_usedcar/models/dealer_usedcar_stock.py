from odoo import fields, models
from odoo.tools import SQL

from .fleet_vehicle import DEALER_COST_GROUPS


class DealerUsedcarStock(models.Model):
    """Cars in stock: one row per car lying in an internal location (its VIN lot's quant),
    with where it came from, what it cost and how long it has been waiting."""

    _name = "dealer.usedcar.stock"
    _description = "Cars in Stock"
    _auto = False
    _rec_name = "vehicle_id"
    _order = "date_in desc, id desc"
    # what the query reads: flushed before each search
    _depends = {
        "stock.quant": ["lot_id", "product_id", "location_id", "company_id", "quantity", "in_date"],
        "stock.location": ["usage", "warehouse_id"],
        "stock.lot": ["name", "fleet_vehicle_id"],
        "fleet.vehicle": ["brand_id", "model_id", "model_code", "dealer_list_price"],
        "stock.move": ["state", "date", "purchase_line_id", "sale_line_id", "location_dest_id"],
        "stock.move.line": ["lot_id", "move_id"],
        "purchase.order.line": ["order_id"],
        "purchase.order": ["dealer_job_id", "partner_id"],
        "res.partner": ["is_company", "commercial_partner_id"],
        "stock.valuation.layer": ["lot_id", "company_id", "value"],
        "sale.order.line": ["order_id", "dealer_vehicle_id", "invoice_lines"],
        "sale.order": ["state", "company_id"],
        "account.move.line": ["move_id"],
        "account.move": ["state", "move_type"],
        "dealer.reconditioning": ["vehicle_id", "state"],
    }

    vehicle_id = fields.Many2one("fleet.vehicle", string="Car", readonly=True)
    lot_id = fields.Many2one("stock.lot", string="Serial Number (VIN)", readonly=True)
    vin = fields.Char(string="VIN", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    brand_id = fields.Many2one("fleet.vehicle.model.brand", string="Brand", readonly=True)
    model_id = fields.Many2one("fleet.vehicle.model", string="Model", readonly=True)
    model_code = fields.Char(readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", string="Warehouse", readonly=True)
    location_id = fields.Many2one("stock.location", string="Location", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    origin = fields.Selection(
        [("trade_in", "Trade-in"), ("private", "Private Purchase"), ("dealer", "Dealer Purchase")],
        readonly=True,
        help="Trade-in: bought by a trade-in job. Private purchase: bought from a person. "
        "Dealer purchase: bought from a company.",
    )
    status = fields.Selection(
        [
            ("in_stock", "In Stock"),
            ("reconditioning", "In Reconditioning"),
            ("reserved", "Reserved"),
            ("sold_not_delivered", "Sold, not Delivered"),
        ],
        readonly=True,
        help="Sold, not delivered: its customer invoice is posted. Reserved: on a confirmed sale, or "
        "reserved by a delivery. In reconditioning: a reconditioning is in draft.",
    )
    date_in = fields.Datetime(string="In Stock Since", readonly=True)
    days_in_stock = fields.Integer(readonly=True, aggregator="avg")
    age = fields.Selection(
        [("0_30", "Up to 30 days"), ("31_90", "31 to 90 days"), ("91_180", "91 to 180 days"), ("181", "Over 180 days")],
        string="Days in Stock (range)",
        readonly=True,
    )
    cost = fields.Monetary(
        readonly=True, groups=DEALER_COST_GROUPS, help="The car's value in stock: purchase plus reconditioning."
    )
    list_price = fields.Monetary(string="Asking Price", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT
                quant.id AS id,
                car.id AS vehicle_id,
                quant.lot_id AS lot_id,
                lot.name AS vin,
                quant.product_id AS product_id,
                car.brand_id AS brand_id,
                car.model_id AS model_id,
                car.model_code AS model_code,
                location.warehouse_id AS warehouse_id,
                quant.location_id AS location_id,
                quant.company_id AS company_id,
                company.currency_id AS currency_id,
                CASE
                    WHEN receipt.order_id IS NULL THEN NULL
                    WHEN receipt.dealer_job_id IS NOT NULL THEN 'trade_in'
                    WHEN seller.is_company THEN 'dealer'
                    ELSE 'private'
                END AS origin,
                CASE
                    WHEN sale.invoiced THEN 'sold_not_delivered'
                    WHEN sale.line_id IS NOT NULL OR reservation.reserved THEN 'reserved'
                    WHEN reconditioning.open THEN 'reconditioning'
                    ELSE 'in_stock'
                END AS status,
                quant.in_date AS date_in,
                (CURRENT_DATE - quant.in_date::date) AS days_in_stock,
                CASE
                    WHEN CURRENT_DATE - quant.in_date::date <= 30 THEN '0_30'
                    WHEN CURRENT_DATE - quant.in_date::date <= 90 THEN '31_90'
                    WHEN CURRENT_DATE - quant.in_date::date <= 180 THEN '91_180'
                    ELSE '181'
                END AS age,
                COALESCE(valuation.value, 0) AS cost,
                car.dealer_list_price AS list_price
            FROM stock_quant quant
            JOIN stock_location location ON location.id = quant.location_id AND location.usage = 'internal'
            JOIN stock_lot lot ON lot.id = quant.lot_id
            JOIN fleet_vehicle car ON car.id = lot.fleet_vehicle_id
            JOIN res_company company ON company.id = quant.company_id
            LEFT JOIN LATERAL (
                SELECT po.id AS order_id, po.dealer_job_id, po.partner_id
                  FROM stock_move_line move_line
                  JOIN stock_move move ON move.id = move_line.move_id
                  JOIN purchase_order_line po_line ON po_line.id = move.purchase_line_id
                  JOIN purchase_order po ON po.id = po_line.order_id
                 WHERE move_line.lot_id = quant.lot_id AND move.state = 'done'
                 ORDER BY move.date DESC, move.id DESC
                 LIMIT 1
            ) receipt ON TRUE
            LEFT JOIN res_partner partner ON partner.id = receipt.partner_id
            LEFT JOIN res_partner seller ON seller.id = COALESCE(partner.commercial_partner_id, partner.id)
            LEFT JOIN LATERAL (
                SELECT SUM(layer.value) AS value
                  FROM stock_valuation_layer layer
                 WHERE layer.lot_id = quant.lot_id AND layer.company_id = quant.company_id
            ) valuation ON TRUE
            LEFT JOIN LATERAL (
                SELECT sale_line.id AS line_id,
                       EXISTS (
                           SELECT 1
                             FROM sale_order_line_invoice_rel rel
                             JOIN account_move_line invoice_line ON invoice_line.id = rel.invoice_line_id
                             JOIN account_move invoice ON invoice.id = invoice_line.move_id
                            WHERE rel.order_line_id = sale_line.id
                              AND invoice.state = 'posted'
                              AND invoice.move_type = 'out_invoice'
                       ) AS invoiced
                  FROM sale_order_line sale_line
                  JOIN sale_order sale_order ON sale_order.id = sale_line.order_id
                 WHERE sale_line.dealer_vehicle_id = car.id
                   AND sale_order.state = 'sale'
                   AND sale_order.company_id = quant.company_id
                 ORDER BY sale_line.id DESC
                 LIMIT 1
            ) sale ON TRUE
            LEFT JOIN LATERAL (
                SELECT TRUE AS reserved
                  FROM stock_move_line move_line
                  JOIN stock_move move ON move.id = move_line.move_id
                  JOIN stock_location destination ON destination.id = move.location_dest_id
                 WHERE move_line.lot_id = quant.lot_id
                   AND move.state NOT IN ('draft', 'done', 'cancel')
                   AND (move.sale_line_id IS NOT NULL OR destination.usage = 'customer')
                 LIMIT 1
            ) reservation ON TRUE
            LEFT JOIN LATERAL (
                SELECT TRUE AS open
                  FROM dealer_reconditioning reconditioning
                 WHERE reconditioning.vehicle_id = car.id AND reconditioning.state = 'draft'
                 LIMIT 1
            ) reconditioning ON TRUE
            WHERE quant.quantity > 0
            """
        )
