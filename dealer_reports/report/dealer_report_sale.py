from odoo import fields, models
from odoo.tools import SQL

SALE_STATES = [
    ("draft", "Quotation"),
    ("sent", "Quotation Sent"),
    ("sale", "Sales Order"),
    ("cancel", "Cancelled"),
]


class DealerReportSale(models.Model):
    """Car sales: one row per sale order selling a car (a line with its car), in company currency.

    The car line's revenue, the fees (service lines) and add-ons sold with it, the gifts and what
    they cost the dealer (the product's cost), and the used-car approval of the sale.
    """

    _name = "dealer.report.sale"
    _inherit = ["dealer.report.summary.mixin"]
    _description = "Car Sales Summary"
    _auto = False
    _rec_name = "name"
    _order = "date desc, id desc"

    _depends = {
        "sale.order": [
            "name",
            "date_order",
            "state",
            "active",
            "company_id",
            "partner_id",
            "user_id",
            "team_id",
            "warehouse_id",
            "currency_rate",
            "amount_untaxed",
            "amount_total",
            "dealer_payment_method",
            "dealer_approval_state",
            "dealer_vehicle_id",
        ],
        "sale.order.line": [
            "order_id",
            "display_type",
            "product_id",
            "dealer_vehicle_id",
            "dealer_is_gift",
            "price_subtotal",
            "product_uom_qty",
        ],
        "fleet.vehicle": ["model_id"],
        "fleet.vehicle.model": ["brand_id"],
    }
    _dealer_summary_groupby = "user_id"
    _dealer_summary_measures = ("car_amount", "fee_amount", "addon_amount", "gift_cost", "amount_untaxed")

    name = fields.Char(string="Order Reference", readonly=True)
    date = fields.Date(string="Order Date", readonly=True)
    order_id = fields.Many2one("sale.order", string="Sales Order", readonly=True)
    state = fields.Selection(SALE_STATES, string="Status", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", string="Warehouse", readonly=True)
    payment_method = fields.Selection(
        [("cash", "Cash"), ("bank_transfer", "Bank Transfer"), ("financing", "Financing"), ("leasing", "Leasing")],
        string="Payment Method",
        readonly=True,
    )
    approval_state = fields.Selection(
        [("none", "Not Approved"), ("approved", "Approved")], string="Approval", readonly=True
    )
    vehicle_id = fields.Many2one("fleet.vehicle", string="Car Sold", readonly=True)
    brand_id = fields.Many2one("fleet.vehicle.model.brand", string="Make", readonly=True)
    model_id = fields.Many2one("fleet.vehicle.model", string="Model", readonly=True)
    car_count = fields.Integer(string="Cars", readonly=True)
    approved_count = fields.Integer(string="Approved", readonly=True)
    car_amount = fields.Monetary(string="Car Revenue", readonly=True, help="The car lines, without taxes.")
    fee_amount = fields.Monetary(
        string="Fees", readonly=True, help="The service lines sold with the car (agency fee, ...), without taxes."
    )
    addon_amount = fields.Monetary(
        string="Add-ons", readonly=True, help="The goods sold with the car (not gifts), without taxes."
    )
    gift_count = fields.Float(string="Gifts", readonly=True, help="Quantity of the gifts given with the car.")
    gift_cost = fields.Monetary(
        string="Gift Cost", readonly=True, help="What the gifts cost the dealer: the product's cost times quantity."
    )
    amount_untaxed = fields.Monetary(string="Untaxed Total", readonly=True)
    amount_total = fields.Monetary(string="Total", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            "SELECT %s FROM %s WHERE %s GROUP BY %s",
            self._select(),
            self._from(),
            self._where(),
            self._group_by(),
        )

    def _select(self):
        # amounts of the order's currency in the company's (the order's rate, as sale.report does)
        rate = SQL("COALESCE(NULLIF(so.currency_rate, 0), 1.0)")
        return SQL(
            """
            so.id AS id,
            so.id AS order_id,
            so.name AS name,
            (so.date_order AT TIME ZONE 'UTC')::date AS date,
            so.state AS state,
            so.company_id AS company_id,
            c.currency_id AS currency_id,
            so.partner_id AS partner_id,
            so.user_id AS user_id,
            so.team_id AS team_id,
            so.warehouse_id AS warehouse_id,
            so.dealer_payment_method AS payment_method,
            so.dealer_approval_state AS approval_state,
            COALESCE(so.dealer_vehicle_id, MIN(l.dealer_vehicle_id)) AS vehicle_id,
            MIN(m.brand_id) AS brand_id,
            MIN(v.model_id) AS model_id,
            COUNT(l.dealer_vehicle_id) AS car_count,
            CASE WHEN so.dealer_approval_state = 'approved' THEN 1 ELSE 0 END AS approved_count,
            SUM(CASE WHEN l.dealer_vehicle_id IS NOT NULL THEN l.price_subtotal ELSE 0 END) / %(rate)s AS car_amount,
            SUM(CASE WHEN l.dealer_vehicle_id IS NULL AND NOT COALESCE(l.dealer_is_gift, FALSE)
                     AND pt.type = 'service' THEN l.price_subtotal ELSE 0 END) / %(rate)s AS fee_amount,
            SUM(CASE WHEN l.dealer_vehicle_id IS NULL AND NOT COALESCE(l.dealer_is_gift, FALSE)
                     AND pt.type <> 'service' THEN l.price_subtotal ELSE 0 END) / %(rate)s AS addon_amount,
            SUM(CASE WHEN l.dealer_is_gift THEN l.product_uom_qty ELSE 0 END) AS gift_count,
            SUM(CASE WHEN l.dealer_is_gift
                     THEN l.product_uom_qty * COALESCE((pp.standard_price ->> so.company_id::text)::numeric, 0)
                     ELSE 0 END) AS gift_cost,
            so.amount_untaxed / %(rate)s AS amount_untaxed,
            so.amount_total / %(rate)s AS amount_total
            """,
            rate=rate,
        )

    def _from(self):
        return SQL(
            """
            sale_order so
            JOIN res_company c ON c.id = so.company_id
            JOIN sale_order_line l ON l.order_id = so.id AND l.display_type IS NULL
            LEFT JOIN product_product pp ON pp.id = l.product_id
            LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
            LEFT JOIN fleet_vehicle v ON v.id = l.dealer_vehicle_id
            LEFT JOIN fleet_vehicle_model m ON m.id = v.model_id
            """
        )

    def _where(self):
        # live orders (not the archived earlier versions of a quotation) selling a car
        return SQL(
            """
            so.active
            AND EXISTS (
                SELECT 1 FROM sale_order_line car_line
                WHERE car_line.order_id = so.id AND car_line.dealer_vehicle_id IS NOT NULL
            )
            """
        )

    def _group_by(self):
        return SQL("so.id, c.currency_id")
