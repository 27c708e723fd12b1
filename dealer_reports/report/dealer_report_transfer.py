from odoo import fields, models
from odoo.tools import SQL


class DealerReportTransfer(models.Model):
    """Ownership transfers of sold cars: one row per transfer, its deadline and whether it is overdue
    (still open past the deadline) or was done late."""

    _name = "dealer.report.transfer"
    _inherit = ["dealer.report.summary.mixin"]
    _description = "Ownership Transfer Summary"
    _auto = False
    _rec_name = "name"
    _order = "date desc, id desc"
    _depends = {
        "dealer.ownership.transfer": [
            "name",
            "sale_id",
            "company_id",
            "vehicle_id",
            "partner_id",
            "user_id",
            "date_deadline",
            "state",
            "date_done",
            "create_date",
        ],
        "sale.order": ["date_order", "dealer_approved_date"],
        "fleet.vehicle": ["model_id"],
        "fleet.vehicle.model": ["brand_id"],
    }

    _dealer_summary_groupby = "state"
    _dealer_summary_measures = ("open_count", "overdue_count", "late_count", "days_to_transfer")

    name = fields.Char(string="Reference", readonly=True)
    date = fields.Date(string="Sale Approved on", readonly=True)
    transfer_id = fields.Many2one("dealer.ownership.transfer", string="Ownership Transfer", readonly=True)
    sale_id = fields.Many2one("sale.order", string="Sale", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Buyer", readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Car", readonly=True)
    brand_id = fields.Many2one("fleet.vehicle.model.brand", string="Make", readonly=True)
    model_id = fields.Many2one("fleet.vehicle.model", string="Model", readonly=True)
    state = fields.Selection(
        [("draft", "In Progress"), ("done", "Done"), ("cancel", "Cancelled")], string="Status", readonly=True
    )
    date_deadline = fields.Date(string="Deadline", readonly=True)
    date_done = fields.Date(string="Transferred on", readonly=True)
    transfer_count = fields.Integer(string="Transfers", readonly=True)
    open_count = fields.Integer(string="In Progress", readonly=True)
    overdue_count = fields.Integer(string="Overdue", readonly=True, help="In progress past the deadline.")
    late_count = fields.Integer(string="Done Late", readonly=True, help="Done after the deadline.")
    days_overdue = fields.Integer(string="Days Overdue", readonly=True, aggregator="max")
    days_to_transfer = fields.Float(
        string="Days to Transfer",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Days from the sale's approval to the transfer, for the transfers done.",
    )

    @property
    def _table_query(self):
        return SQL("SELECT %s FROM %s WHERE %s", self._select(), self._from(), self._where())

    def _select(self):
        overdue = SQL("t.state = 'draft' AND t.date_deadline < CURRENT_DATE")
        approved = SQL("(COALESCE(so.dealer_approved_date, t.create_date) AT TIME ZONE 'UTC')::date")
        return SQL(
            """
            t.id AS id,
            t.id AS transfer_id,
            t.name AS name,
            %(approved)s AS date,
            t.sale_id AS sale_id,
            t.company_id AS company_id,
            t.partner_id AS partner_id,
            t.user_id AS user_id,
            t.vehicle_id AS vehicle_id,
            m.brand_id AS brand_id,
            v.model_id AS model_id,
            t.state AS state,
            t.date_deadline AS date_deadline,
            t.date_done AS date_done,
            1 AS transfer_count,
            CASE WHEN t.state = 'draft' THEN 1 ELSE 0 END AS open_count,
            CASE WHEN %(overdue)s THEN 1 ELSE 0 END AS overdue_count,
            CASE WHEN t.state = 'done' AND t.date_done > t.date_deadline THEN 1 ELSE 0 END AS late_count,
            CASE WHEN %(overdue)s THEN CURRENT_DATE - t.date_deadline ELSE 0 END AS days_overdue,
            CASE WHEN t.state = 'done' THEN t.date_done - %(approved)s END AS days_to_transfer
            """,
            overdue=overdue,
            approved=approved,
        )

    def _from(self):
        return SQL(
            """
            dealer_ownership_transfer t
            JOIN sale_order so ON so.id = t.sale_id
            LEFT JOIN fleet_vehicle v ON v.id = t.vehicle_id
            LEFT JOIN fleet_vehicle_model m ON m.id = v.model_id
            """
        )

    def _where(self):
        return SQL("TRUE")
