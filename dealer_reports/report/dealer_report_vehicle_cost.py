from odoo import _, fields, models
from odoo.tools import SQL

from odoo.addons.dealer_usedcar.models.fleet_vehicle import DEALER_COST_GROUPS


class DealerReportVehicleCost(models.Model):
    """The per-VIN ledger: one row per car with every figure read from the car's own stock valuation
    layers (per lot) and from posted journal items, never from a draft document:

    - purchase: the layers of its receipts from (and returns to) vendors;
    - add-ons, repairs: the revaluations made by its reconditionings of that kind;
    - other costs: the other value added without a vendor or customer (landed costs, revaluations,
      inventory adjustments);
    - cost of goods sold: the value its deliveries to (less its returns from) customers took out of
      stock, plus what the gifts delivered with it cost (their own layers), plus the reconditioning
      bills posted after it left stock (they go to the cost of goods sold, and count as add-ons or
      repairs too);
    - revenue: the posted invoice and credit note lines of the order line selling the car, and the
      fees: the posted lines of the other lines of that order (agency, insurance, priced extras);
    - margin = revenue + fees - cost of goods sold.
    """

    _name = "dealer.report.vehicle.cost"
    _inherit = ["dealer.report.summary.mixin"]
    _description = "Vehicle Cost Ledger"
    _auto = False
    _rec_name = "vehicle_id"
    _dealer_summary_groupby = "model_id"
    _dealer_summary_measures = ("revenue", "fees", "gifts", "cogs", "margin", "stock_value")
    _dealer_summary_date_field = "date_sold"
    _order = "date_in desc, id desc"
    # what the query reads: flushed before each search
    _depends = {
        "stock.valuation.layer": [
            "lot_id",
            "company_id",
            "value",
            "quantity",
            "stock_move_id",
            "dealer_reconditioning_id",
            "account_move_line_id",
        ],
        "stock.move": ["date", "location_id", "location_dest_id", "purchase_line_id", "sale_line_id"],
        "stock.location": ["usage"],
        "stock.lot": ["name", "fleet_vehicle_id", "product_id"],
        "fleet.vehicle": ["brand_id", "model_id", "company_id"],
        "dealer.reconditioning": ["kind"],
        "purchase.order.line": ["partner_id"],
        "sale.order.line": ["order_id", "dealer_vehicle_id", "dealer_is_gift", "invoice_lines"],
        "account.move.line": [
            "balance",
            "parent_state",
            "display_type",
            "company_id",
            "partner_id",
            "date",
            "dealer_reconditioning_id",
        ],
    }

    vehicle_id = fields.Many2one("fleet.vehicle", string="Car", readonly=True)
    lot_id = fields.Many2one("stock.lot", string="Serial Number (VIN)", readonly=True)
    vin = fields.Char(string="VIN", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    brand_id = fields.Many2one("fleet.vehicle.model.brand", string="Brand", readonly=True)
    model_id = fields.Many2one("fleet.vehicle.model", string="Model", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    seller_id = fields.Many2one("res.partner", string="Seller", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    state = fields.Selection([("in_stock", "In Stock"), ("sold", "Sold")], string="Status", readonly=True)
    date_in = fields.Date(string="Received on", readonly=True)
    date_sold = fields.Date(string="Sold on", readonly=True)
    cost_purchase = fields.Monetary(string="Purchase Cost", readonly=True, groups=DEALER_COST_GROUPS)
    cost_addons = fields.Monetary(string="Add-ons", readonly=True, groups=DEALER_COST_GROUPS)
    cost_repairs = fields.Monetary(string="Repairs", readonly=True, groups=DEALER_COST_GROUPS)
    cost_other = fields.Monetary(
        string="Other Costs",
        readonly=True,
        groups=DEALER_COST_GROUPS,
        help="Value added otherwise: landed costs, revaluations, inventory adjustments.",
    )
    stock_value = fields.Monetary(
        string="Stock Value", readonly=True, groups=DEALER_COST_GROUPS, help="The car's value in stock now."
    )
    revenue = fields.Monetary(string="Sale Price", readonly=True, help="Posted, without taxes.")
    fees = fields.Monetary(
        readonly=True, help="Posted revenue of the other lines of the car's sale: agency and insurance fees, extras."
    )
    gifts = fields.Monetary(
        readonly=True, groups=DEALER_COST_GROUPS, help="What the gifts delivered with the car cost (their stock value)."
    )
    cogs = fields.Monetary(
        string="Cost of Goods Sold",
        readonly=True,
        groups=DEALER_COST_GROUPS,
        help="The car's value taken out of stock by its delivery, plus its gifts.",
    )
    margin = fields.Monetary(
        readonly=True, groups=DEALER_COST_GROUPS, help="Sale price plus fees minus the cost of goods sold."
    )

    def _with(self):
        """The posted revenue per car (its own line, the fees), the cost of its gifts, and the part of
        its posted reconditioning bills that went to the cost of goods sold because the car had left
        stock when the bill was posted (what no layer of the car carried)."""
        return SQL(
            """
            sale AS (
                SELECT car_line.dealer_vehicle_id AS vehicle_id,
                       invoice_line.company_id AS company_id,
                       SUM(-invoice_line.balance) FILTER (WHERE line.id = car_line.id) AS revenue,
                       SUM(-invoice_line.balance) FILTER (WHERE line.id != car_line.id) AS fees,
                       (ARRAY_AGG(invoice_line.partner_id ORDER BY invoice_line.id DESC)
                            FILTER (WHERE line.id = car_line.id))[1] AS partner_id
                  FROM sale_order_line car_line
                  JOIN sale_order_line line ON line.order_id = car_line.order_id
                   AND (line.id = car_line.id OR line.dealer_vehicle_id IS NULL)
                  JOIN sale_order_line_invoice_rel rel ON rel.order_line_id = line.id
                  JOIN account_move_line invoice_line ON invoice_line.id = rel.invoice_line_id
                 WHERE car_line.dealer_vehicle_id IS NOT NULL
                   AND invoice_line.parent_state = 'posted'
                   AND invoice_line.display_type = 'product'
                 GROUP BY car_line.dealer_vehicle_id, invoice_line.company_id
            ),
            gift AS (
                SELECT car_line.dealer_vehicle_id AS vehicle_id,
                       gift_layer.company_id AS company_id,
                       SUM(-gift_layer.value) AS gifts
                  FROM sale_order_line car_line
                  JOIN sale_order_line gift_line ON gift_line.order_id = car_line.order_id
                   AND gift_line.dealer_is_gift
                  JOIN stock_move gift_move ON gift_move.sale_line_id = gift_line.id
                  JOIN stock_valuation_layer gift_layer ON gift_layer.stock_move_id = gift_move.id
                 WHERE car_line.dealer_vehicle_id IS NOT NULL
                 GROUP BY car_line.dealer_vehicle_id, gift_layer.company_id
            ),
            late AS (
                SELECT recon.vehicle_id AS vehicle_id,
                       bill_line.company_id AS company_id,
                       SUM(bill_line.balance - COALESCE(carried.value, 0))
                           FILTER (WHERE recon.kind = 'addon') AS addons,
                       SUM(bill_line.balance - COALESCE(carried.value, 0))
                           FILTER (WHERE recon.kind = 'repair') AS repairs
                  FROM account_move_line bill_line
                  JOIN dealer_reconditioning recon ON recon.id = bill_line.dealer_reconditioning_id
                  LEFT JOIN LATERAL (
                      SELECT SUM(carried_layer.value) AS value
                        FROM stock_valuation_layer carried_layer
                       WHERE carried_layer.account_move_line_id = bill_line.id
                  ) carried ON TRUE
                 WHERE bill_line.parent_state = 'posted' AND bill_line.display_type = 'product'
                 GROUP BY recon.vehicle_id, bill_line.company_id
            )
            """
        )

    def _with_valuation(self):
        """The car's figures from its own valuation layers, one row per lot and company."""
        purchase = SQL("(source.usage = 'supplier' OR destination.usage = 'supplier')")
        customer = SQL("(source.usage = 'customer' OR destination.usage = 'customer')")
        return SQL(
            """
            valuation AS (
                SELECT layer.lot_id AS lot_id,
                       layer.company_id AS company_id,
                       MIN(layer.id) AS id,
                       (ARRAY_AGG(purchase_line.partner_id ORDER BY layer.id DESC)
                           FILTER (WHERE purchase_line.partner_id IS NOT NULL))[1] AS seller_id,
                       SUM(layer.quantity) AS quantity,
                       BOOL_OR(%(customer)s) AS delivered,
                       MIN(move.date) FILTER (WHERE %(purchase)s) AS date_in,
                       MAX(move.date) FILTER (WHERE %(purchase)s) AS date_last_in,
                       MAX(move.date) FILTER (WHERE %(customer)s) AS date_out,
                       COALESCE(SUM(layer.value) FILTER (WHERE %(purchase)s), 0) AS purchase,
                       COALESCE(SUM(layer.value) FILTER (WHERE recon.kind = 'addon'), 0) AS addons,
                       COALESCE(SUM(layer.value) FILTER (WHERE recon.kind = 'repair'), 0) AS repairs,
                       COALESCE(SUM(layer.value) FILTER (
                           WHERE recon.id IS NULL AND NOT COALESCE(%(purchase)s OR %(customer)s, FALSE)
                       ), 0) AS other,
                       SUM(layer.value) AS value,
                       COALESCE(SUM(-layer.value) FILTER (WHERE %(customer)s), 0) AS delivered_value
                  FROM stock_valuation_layer layer
                  LEFT JOIN stock_move move ON move.id = layer.stock_move_id
                  LEFT JOIN stock_location source ON source.id = move.location_id
                  LEFT JOIN stock_location destination ON destination.id = move.location_dest_id
                  LEFT JOIN purchase_order_line purchase_line ON purchase_line.id = move.purchase_line_id
                  LEFT JOIN dealer_reconditioning recon ON recon.id = layer.dealer_reconditioning_id
                 WHERE layer.lot_id IS NOT NULL
                 GROUP BY layer.lot_id, layer.company_id
            )
            """,
            purchase=purchase,
            customer=customer,
        )

    def _select(self):
        sold = SQL("(valuation.quantity <= 0 AND valuation.delivered)")
        cogs = SQL(
            "(valuation.delivered_value + COALESCE(gift.gifts, 0) + COALESCE(late.addons, 0)"
            " + COALESCE(late.repairs, 0))"
        )
        revenue = SQL("(COALESCE(sale.revenue, 0) + COALESCE(sale.fees, 0))")
        return SQL(
            """
                valuation.id AS id,
                car.id AS vehicle_id,
                lot.id AS lot_id,
                lot.name AS vin,
                lot.product_id AS product_id,
                car.brand_id AS brand_id,
                car.model_id AS model_id,
                valuation.company_id AS company_id,
                company.currency_id AS currency_id,
                valuation.seller_id AS seller_id,
                sale.partner_id AS partner_id,
                CASE WHEN %(sold)s THEN 'sold' ELSE 'in_stock' END AS state,
                valuation.date_in::date AS date_in,
                CASE WHEN %(sold)s THEN valuation.date_out::date END AS date_sold,
                valuation.purchase AS cost_purchase,
                valuation.addons + COALESCE(late.addons, 0) AS cost_addons,
                valuation.repairs + COALESCE(late.repairs, 0) AS cost_repairs,
                valuation.other AS cost_other,
                valuation.value AS stock_value,
                COALESCE(sale.revenue, 0) AS revenue,
                COALESCE(sale.fees, 0) AS fees,
                COALESCE(gift.gifts, 0) AS gifts,
                %(cogs)s AS cogs,
                %(revenue)s - %(cogs)s AS margin
            """,
            sold=sold,
            cogs=cogs,
            revenue=revenue,
        )

    def _from(self):
        return SQL(
            """
                valuation
                JOIN stock_lot lot ON lot.id = valuation.lot_id
                JOIN fleet_vehicle car ON car.id = lot.fleet_vehicle_id
                JOIN res_company company ON company.id = valuation.company_id
                LEFT JOIN sale ON sale.vehicle_id = car.id AND sale.company_id = valuation.company_id
                LEFT JOIN gift ON gift.vehicle_id = car.id AND gift.company_id = valuation.company_id
                LEFT JOIN late ON late.vehicle_id = car.id AND late.company_id = valuation.company_id
            """
        )

    def _where(self):
        return SQL("TRUE")

    @property
    def _table_query(self):
        return SQL(
            "WITH %s, %s SELECT %s FROM %s WHERE %s",
            self._with_valuation(),
            self._with(),
            self._select(),
            self._from(),
            self._where(),
        )

    # ------------------------------------------------------------------
    # drill-down
    def _entry_lines(self):
        """The posted journal items behind the row: the entries of the car's valuation layers and the
        posted invoice lines of its sale (car line and fees)."""
        self.ensure_one()
        layers = self.env["stock.valuation.layer"].search(
            [("lot_id", "=", self.lot_id.id), ("company_id", "=", self.company_id.id)]
        )
        order_lines = self.env["sale.order.line"].search([("dealer_vehicle_id", "=", self.vehicle_id.id)])
        sale_lines = order_lines.order_id.order_line.filtered(
            lambda line: line in order_lines or not line.dealer_vehicle_id
        )
        bill_lines = self.env["account.move.line"].search(
            [("dealer_reconditioning_id.vehicle_id", "=", self.vehicle_id.id), ("parent_state", "=", "posted")]
        )
        # a bill posted after the car left stock: the entry that carried it to the cost of goods sold
        late_entries = (
            bill_lines.matched_debit_ids.debit_move_id | bill_lines.matched_credit_ids.credit_move_id
        ).move_id
        return (
            layers.account_move_id.line_ids | sale_lines.invoice_lines | bill_lines | late_entries.line_ids
        ).filtered(lambda line: line.parent_state == "posted" and line.company_id == self.company_id)

    def action_view_layers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Valuation of %(car)s", car=self.vehicle_id.display_name),
            "res_model": "stock.valuation.layer",
            "view_mode": "list,form",
            "domain": [("lot_id", "=", self.lot_id.id), ("company_id", "=", self.company_id.id)],
            "context": {"create": False},
        }

    def action_view_entries(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Journal Items of %(car)s", car=self.vehicle_id.display_name),
            "res_model": "account.move.line",
            "view_mode": "list,form",
            "domain": [("id", "in", self._entry_lines().ids)],
            "context": {"create": False},
        }
