from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.dealer_jobs.models.dealer_job import STATUSES
from odoo.addons.dealer_jobs.models.dealer_job_phase import PROCESSES


class DealerReportJob(models.Model):
    """The job pipeline: one row per stay of a job in a phase.

    A job's phase changes are tracked (``phase_id`` has ``tracking=True``): the stays are read from
    those tracking values, the first one from the job's creation to its first change, the last one
    open (the job's current phase). The job's own figures (count, offered, sold, amount) are on its
    current stay only, so that each job counts once whatever the grouping; the days of the stays
    give the average days per phase (the current stay of a sold or lost job has no end: no days).
    """

    _name = "dealer.report.job"
    _inherit = ["dealer.report.summary.mixin"]
    _description = "Job Pipeline Analysis"
    _auto = False
    _rec_name = "name"
    _order = "date desc, job_id desc, date_start"
    _depends = {
        "dealer.job": [
            "name",
            "create_date",
            "company_id",
            "partner_id",
            "user_id",
            "process",
            "phase_id",
            "status",
            "progress",
            "origin",
            "campaign_id",
            "source_id",
            "medium_id",
            "vehicle_id",
            "warehouse_id",
            "amount_untaxed",
        ],
        "mail.message": ["date", "model", "res_id"],
        "mail.tracking.value": ["field_id", "old_value_integer", "new_value_integer", "mail_message_id"],
        "fleet.vehicle": ["model_id"],
        "fleet.vehicle.model": ["brand_id"],
    }

    _dealer_summary_groupby = "phase_id"
    _dealer_summary_measures = ("job_count", "offered_count", "sold_count", "conversion_rate", "days_in_phase")
    _dealer_summary_count_field = "job_count"

    name = fields.Char(string="Job", readonly=True)
    date = fields.Date(string="Created on", readonly=True)
    job_id = fields.Many2one("dealer.job", string="Job Record", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    process = fields.Selection(PROCESSES, string="Process", readonly=True)
    status = fields.Selection(STATUSES, string="Status", readonly=True)
    origin = fields.Selection(
        [
            ("manual", "Manual"),
            ("internet", "Internet"),
            ("callback", "Callback"),
            ("supplier_order", "Supplier Order"),
            ("duplicate", "Duplicate"),
        ],
        string="Origin",
        readonly=True,
    )
    campaign_id = fields.Many2one("utm.campaign", string="Campaign", readonly=True)
    source_id = fields.Many2one("utm.source", string="Source", readonly=True)
    medium_id = fields.Many2one("utm.medium", string="Medium", readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Vehicle", readonly=True)
    brand_id = fields.Many2one("fleet.vehicle.model.brand", string="Make", readonly=True)
    model_id = fields.Many2one("fleet.vehicle.model", string="Model", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", string="Branch", readonly=True)
    phase_id = fields.Many2one("dealer.job.phase", string="Phase", readonly=True)
    is_current = fields.Boolean(string="Current Phase", readonly=True, help="The job is in this phase now.")
    date_start = fields.Datetime(string="Entered Phase", readonly=True)
    date_end = fields.Datetime(string="Left Phase", readonly=True)
    days_in_phase = fields.Float(
        string="Days in Phase",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Days the job stayed in the phase (up to now for an open job); averaged when grouped.",
    )
    job_count = fields.Integer(string="Jobs", readonly=True)
    offered_count = fields.Integer(string="Offered", readonly=True, help="Jobs that got as far as an offer.")
    sold_count = fields.Integer(string="Sold", readonly=True)
    lost_count = fields.Integer(string="Lost", readonly=True)
    conversion_rate = fields.Float(
        string="Offered to Sold (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Of the jobs offered, the share sold.",
    )
    amount_untaxed = fields.Monetary(string="Untaxed Amount", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            "WITH %s SELECT %s FROM %s WHERE %s",
            self._with(),
            self._select(),
            self._from(),
            self._where(),
        )

    def _with(self):
        return SQL(
            """
            tracking AS (
                SELECT tv.id AS id, msg.res_id AS job_id, msg.date AS date,
                       tv.old_value_integer AS old_phase_id, tv.new_value_integer AS new_phase_id
                FROM mail_tracking_value tv
                JOIN mail_message msg ON msg.id = tv.mail_message_id AND msg.model = 'dealer.job'
                JOIN ir_model_fields f ON f.id = tv.field_id AND f.model = 'dealer.job' AND f.name = 'phase_id'
            ),
            stay AS (
                -- from the job's creation to its first phase change (or now)
                SELECT j.id * 2 + 1 AS id, j.id AS job_id, COALESCE(first.old_phase_id, j.phase_id) AS phase_id,
                       j.create_date AS date_start, first.date AS date_end
                FROM dealer_job j
                LEFT JOIN LATERAL (
                    SELECT t.old_phase_id, t.date FROM tracking t WHERE t.job_id = j.id ORDER BY t.date, t.id LIMIT 1
                ) first ON TRUE
                UNION ALL
                -- from each phase change to the next one (or now)
                SELECT t.id * 2 AS id, t.job_id, t.new_phase_id AS phase_id, t.date AS date_start,
                       LEAD(t.date) OVER (PARTITION BY t.job_id ORDER BY t.date, t.id) AS date_end
                FROM tracking t
            )
            """
        )

    def _select(self):
        current = SQL("s.date_end IS NULL")
        offered = SQL("(j.progress IN ('offered', 'ordered') OR j.status = 'sold')")
        return SQL(
            """
            s.id AS id,
            j.name AS name,
            (j.create_date AT TIME ZONE 'UTC')::date AS date,
            j.id AS job_id,
            j.company_id AS company_id,
            c.currency_id AS currency_id,
            j.partner_id AS partner_id,
            j.user_id AS user_id,
            j.process AS process,
            j.status AS status,
            j.origin AS origin,
            j.campaign_id AS campaign_id,
            j.source_id AS source_id,
            j.medium_id AS medium_id,
            j.vehicle_id AS vehicle_id,
            m.brand_id AS brand_id,
            v.model_id AS model_id,
            j.warehouse_id AS warehouse_id,
            s.phase_id AS phase_id,
            %(current)s AS is_current,
            s.date_start AS date_start,
            s.date_end AS date_end,
            CASE WHEN %(current)s AND j.status IN ('sold', 'lost') THEN NULL
                 ELSE EXTRACT(EPOCH FROM COALESCE(s.date_end, NOW() AT TIME ZONE 'UTC') - s.date_start) / 86400.0
            END AS days_in_phase,
            CASE WHEN %(current)s THEN 1 ELSE 0 END AS job_count,
            CASE WHEN %(current)s AND %(offered)s THEN 1 ELSE 0 END AS offered_count,
            CASE WHEN %(current)s AND j.status = 'sold' THEN 1 ELSE 0 END AS sold_count,
            CASE WHEN %(current)s AND j.status = 'lost' THEN 1 ELSE 0 END AS lost_count,
            CASE WHEN %(current)s AND %(offered)s THEN (CASE WHEN j.status = 'sold' THEN 100.0 ELSE 0.0 END)
            END AS conversion_rate,
            CASE WHEN %(current)s THEN j.amount_untaxed ELSE 0 END AS amount_untaxed
            """,
            current=current,
            offered=offered,
        )

    def _from(self):
        return SQL(
            """
            stay s
            JOIN dealer_job j ON j.id = s.job_id
            JOIN res_company c ON c.id = j.company_id
            LEFT JOIN fleet_vehicle v ON v.id = j.vehicle_id
            LEFT JOIN fleet_vehicle_model m ON m.id = v.model_id
            """
        )

    def _where(self):
        return SQL("j.active")
