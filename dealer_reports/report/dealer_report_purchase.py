from odoo import fields, models
from odoo.tools import SQL

PURCHASE_STATES = [
    ("draft", "RFQ"),
    ("sent", "RFQ Sent"),
    ("to approve", "To Approve"),
    ("purchase", "Purchase Order"),
    ("done", "Locked"),
    ("cancel", "Cancelled"),
]


class DealerReportPurchase(models.Model):
    """Car purchases: one row per purchase order buying a car (a line with its car), in company
    currency, with where it comes from (a trade-in job, an appraisal or a purchase of the dealer)
    and whether its receipt is due or overdue."""

    _name = "dealer.report.purchase"
    _inherit = ["dealer.report.summary.mixin"]
    _description = "Car Purchase Summary"
    _auto = False
    _rec_name = "name"
    _order = "date desc, id desc"
    _depends = {
        "purchase.order": [
            "name",
            "date_order",
            "date_planned",
            "state",
            "company_id",
            "partner_id",
            "user_id",
            "picking_type_id",
            "currency_rate",
            "amount_untaxed",
            "amount_total",
            "dealer_payment_method",
            "dealer_job_id",
            "receipt_status",
            "invoice_status",
        ],
        "purchase.order.line": ["order_id", "display_type", "dealer_vehicle_id", "price_subtotal"],
        "stock.picking.type": ["warehouse_id"],
        "dealer.appraisal": ["purchase_id"],
        "fleet.vehicle": ["model_id"],
        "fleet.vehicle.model": ["brand_id"],
    }

    _dealer_summary_groupby = "origin"
    _dealer_summary_measures = ("car_count", "car_amount", "due_count", "overdue_count")

    name = fields.Char(string="Order Reference", readonly=True)
    date = fields.Date(string="Order Date", readonly=True)
    date_planned = fields.Date(string="Expected Arrival", readonly=True)
    order_id = fields.Many2one("purchase.order", string="Purchase Order", readonly=True)
    state = fields.Selection(PURCHASE_STATES, string="Status", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Seller", readonly=True)
    user_id = fields.Many2one("res.users", string="Buyer", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", string="Warehouse", readonly=True)
    payment_method = fields.Selection(
        [
            ("cash", "Cash"),
            ("bank_transfer", "Bank Transfer"),
            ("financing", "Financing"),
            ("trade_in", "Trade-in Credit"),
        ],
        string="Payment Method",
        readonly=True,
    )
    origin = fields.Selection(
        [("trade_in", "Trade-in Job"), ("appraisal", "Appraisal"), ("dealer", "Dealer Purchase")],
        string="Origin",
        readonly=True,
        help="Trade-in Job: bought by a job's trade-in; Appraisal: bought from an appraisal; "
        "Dealer Purchase: any other car purchase order.",
    )
    job_id = fields.Many2one("dealer.job", string="Job", readonly=True)
    appraisal_id = fields.Many2one("dealer.appraisal", string="Appraisal", readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Car", readonly=True)
    brand_id = fields.Many2one("fleet.vehicle.model.brand", string="Make", readonly=True)
    model_id = fields.Many2one("fleet.vehicle.model", string="Model", readonly=True)
    receipt_status = fields.Selection(
        [("pending", "Not Received"), ("partial", "Partially Received"), ("full", "Fully Received")],
        string="Receipt Status",
        readonly=True,
    )
    invoice_status = fields.Selection(
        [("no", "Nothing to Bill"), ("to invoice", "Waiting Bills"), ("invoiced", "Fully Billed")],
        string="Billing Status",
        readonly=True,
    )
    car_count = fields.Integer(string="Cars", readonly=True)
    car_amount = fields.Monetary(string="Car Cost", readonly=True, help="The car lines, without taxes.")
    amount_untaxed = fields.Monetary(string="Untaxed Total", readonly=True)
    amount_total = fields.Monetary(string="Total", readonly=True)
    due_count = fields.Integer(
        string="Due", readonly=True, help="Confirmed orders whose cars are not all received, expected today or later."
    )
    overdue_count = fields.Integer(
        string="Overdue", readonly=True, help="Confirmed orders whose cars are not all received past the expected date."
    )
    days_overdue = fields.Integer(string="Days Overdue", readonly=True, aggregator="max")

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
        rate = SQL("COALESCE(NULLIF(po.currency_rate, 0), 1.0)")
        waiting = SQL("po.state IN ('purchase', 'done') AND COALESCE(po.receipt_status, 'pending') <> 'full'")
        return SQL(
            """
            po.id AS id,
            po.id AS order_id,
            po.name AS name,
            (po.date_order AT TIME ZONE 'UTC')::date AS date,
            (po.date_planned AT TIME ZONE 'UTC')::date AS date_planned,
            po.state AS state,
            po.company_id AS company_id,
            c.currency_id AS currency_id,
            po.partner_id AS partner_id,
            po.user_id AS user_id,
            spt.warehouse_id AS warehouse_id,
            po.dealer_payment_method AS payment_method,
            CASE WHEN po.dealer_job_id IS NOT NULL THEN 'trade_in'
                 WHEN appraisal.id IS NOT NULL THEN 'appraisal'
                 ELSE 'dealer' END AS origin,
            po.dealer_job_id AS job_id,
            appraisal.id AS appraisal_id,
            MIN(l.dealer_vehicle_id) AS vehicle_id,
            MIN(m.brand_id) AS brand_id,
            MIN(v.model_id) AS model_id,
            po.receipt_status AS receipt_status,
            po.invoice_status AS invoice_status,
            COUNT(l.dealer_vehicle_id) AS car_count,
            SUM(CASE WHEN l.dealer_vehicle_id IS NOT NULL THEN l.price_subtotal ELSE 0 END) / %(rate)s AS car_amount,
            po.amount_untaxed / %(rate)s AS amount_untaxed,
            po.amount_total / %(rate)s AS amount_total,
            CASE WHEN %(waiting)s AND (po.date_planned AT TIME ZONE 'UTC')::date >= CURRENT_DATE
                 THEN 1 ELSE 0 END AS due_count,
            CASE WHEN %(waiting)s AND (po.date_planned AT TIME ZONE 'UTC')::date < CURRENT_DATE
                 THEN 1 ELSE 0 END AS overdue_count,
            CASE WHEN %(waiting)s AND (po.date_planned AT TIME ZONE 'UTC')::date < CURRENT_DATE
                 THEN CURRENT_DATE - (po.date_planned AT TIME ZONE 'UTC')::date ELSE 0 END AS days_overdue
            """,
            rate=rate,
            waiting=waiting,
        )

    def _from(self):
        return SQL(
            """
            purchase_order po
            JOIN res_company c ON c.id = po.company_id
            JOIN purchase_order_line l ON l.order_id = po.id AND l.display_type IS NULL
            LEFT JOIN stock_picking_type spt ON spt.id = po.picking_type_id
            LEFT JOIN fleet_vehicle v ON v.id = l.dealer_vehicle_id
            LEFT JOIN fleet_vehicle_model m ON m.id = v.model_id
            LEFT JOIN LATERAL (
                SELECT MIN(a.id) AS id FROM dealer_appraisal a WHERE a.purchase_id = po.id
            ) appraisal ON TRUE
            """
        )

    def _where(self):
        return SQL(
            """
            EXISTS (
                SELECT 1 FROM purchase_order_line car_line
                WHERE car_line.order_id = po.id AND car_line.dealer_vehicle_id IS NOT NULL
            )
            """
        )

    def _group_by(self):
        return SQL("po.id, c.currency_id, spt.warehouse_id, appraisal.id")
