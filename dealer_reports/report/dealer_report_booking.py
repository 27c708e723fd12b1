from odoo import fields, models
from odoo.tools import SQL


class DealerReportBooking(models.Model):
    """Booking utilisation: one row per car and day (UTC), from the car's first booking to today
    or its last booking's end.

    Each day offers 24 hours; the planned hours of the car's bookings (not cancelled) that fall on
    the day are its booked hours, in total and per booking type. Utilisation is booked hours per
    available hours: its average over any grouping is the ratio of the sums, every row offering the
    same hours. The kilometres a booking drove count on its return day; an overdue return (returned
    after the planned end, or still out past it) on its planned end day.
    """

    _name = "dealer.report.booking"
    _inherit = ["dealer.report.summary.mixin"]
    _description = "Booking Utilisation Analysis"
    _auto = False
    _order = "date desc, vehicle_id"
    _depends = {
        "dealer.booking": [
            "vehicle_id",
            "booking_type",
            "state",
            "company_id",
            "date_start",
            "date_end",
            "handover_date",
            "return_date",
            "billed",
            "billed_amount",
            "sale_order_id",
            "handover_odometer",
            "return_odometer",
        ],
        "fleet.vehicle": ["model_id", "company_id"],
        "sale.order": ["state"],
        "fleet.vehicle.model": ["brand_id"],
    }

    _dealer_summary_groupby = "vehicle_id"
    _dealer_summary_measures = (
        "available_hours",
        "booked_hours",
        "utilisation",
        "rental_utilisation",
        "replacement_utilisation",
        "test_drive_utilisation",
        "km_driven",
        "overdue_count",
        "billed_amount",
    )

    date = fields.Date(string="Day", readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Car", readonly=True)
    brand_id = fields.Many2one("fleet.vehicle.model.brand", string="Make", readonly=True)
    model_id = fields.Many2one("fleet.vehicle.model", string="Model", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_partner_id",
        search="_search_partner_id",
        help="Filters the days a booking of the customer planned or had the car.",
    )
    available_hours = fields.Float(string="Available Hours", readonly=True, digits=(16, 2))
    booked_hours = fields.Float(string="Booked Hours", readonly=True, digits=(16, 2))
    test_drive_hours = fields.Float(string="Test Drive Hours", readonly=True, digits=(16, 2))
    replacement_hours = fields.Float(string="Replacement Car Hours", readonly=True, digits=(16, 2))
    rental_hours = fields.Float(string="Rental Hours", readonly=True, digits=(16, 2))
    used_hours = fields.Float(
        string="Hours Out", readonly=True, digits=(16, 2), help="Hours the car was handed out (until now if still out)."
    )
    utilisation = fields.Float(string="Utilisation (%)", readonly=True, aggregator="avg", digits=(16, 2))
    test_drive_utilisation = fields.Float(
        string="Test Drive Utilisation (%)", readonly=True, aggregator="avg", digits=(16, 2)
    )
    replacement_utilisation = fields.Float(
        string="Replacement Car Utilisation (%)", readonly=True, aggregator="avg", digits=(16, 2)
    )
    rental_utilisation = fields.Float(string="Rental Utilisation (%)", readonly=True, aggregator="avg", digits=(16, 2))
    booking_count = fields.Integer(string="Bookings Starting", readonly=True)
    km_driven = fields.Float(string="km Driven", readonly=True, digits=(16, 0))
    currency_id = fields.Many2one(related="company_id.currency_id")
    billed_amount = fields.Monetary(
        string="Billed Amount",
        readonly=True,
        help="Untaxed amount billed for the bookings returned on the day (replacement cars and rentals; "
        "cancelled billing orders do not count).",
    )
    overdue_count = fields.Integer(
        string="Overdue Returns", readonly=True, help="Bookings returned after their planned end, or still out past it."
    )

    def _compute_partner_id(self):
        self.partner_id = False  # a day of a car may have several customers: a filter only

    def _search_partner_id(self, operator, value):
        """The car-days spanned by a booking (not cancelled) of the customers searched."""
        if operator in ("=", "in") and value:
            partners = self.env["res.partner"].browse([value] if isinstance(value, int) else value)
        elif operator in ("ilike", "=ilike", "like") and isinstance(value, str):
            partners = self.env["res.partner"].search([("display_name", operator, value)])
        else:
            return [("id", "=", False)] if operator in ("=", "in") else []
        return [
            (
                "id",
                "in",
                SQL(
                    """
                    (SELECT (day::date - DATE '2000-01-01')::bigint * 10000000 + b.vehicle_id
                     FROM dealer_booking b,
                          generate_series(
                              LEAST(b.date_start, COALESCE(b.handover_date, b.date_start))::date,
                              GREATEST(b.date_end, COALESCE(b.return_date, CASE WHEN b.state = 'handed_out'
                                  THEN NOW() AT TIME ZONE 'UTC' ELSE b.date_end END))::date,
                              INTERVAL '1 day') AS day
                     WHERE b.state != 'cancelled' AND b.partner_id IN %s)
                    """,
                    tuple(partners.ids) or (None,),
                ),
            )
        ]

    @property
    def _table_query(self):
        return SQL(
            "WITH %s SELECT %s FROM %s GROUP BY %s",
            self._with(),
            self._select(),
            self._from(),
            self._group_by(),
        )

    def _with(self):
        now = SQL("(NOW() AT TIME ZONE 'UTC')")
        return SQL(
            """
            booking AS (
                SELECT b.*,
                       LEAST(b.date_start, COALESCE(b.handover_date, b.date_start)) AS span_start,
                       GREATEST(b.date_end, COALESCE(b.return_date,
                           CASE WHEN b.state = 'handed_out' THEN %(now)s ELSE b.date_end END)) AS span_end,
                       CASE WHEN b.billed AND so.state != 'cancel' THEN b.billed_amount ELSE 0 END AS live_billed_amount
                FROM dealer_booking b
                LEFT JOIN sale_order so ON so.id = b.sale_order_id
                WHERE b.state != 'cancelled'
            ),
            car_day AS (
                SELECT bk.vehicle_id, MIN(bk.company_id) AS company_id,
                       generate_series(MIN(bk.span_start)::date, GREATEST(MAX(bk.span_end)::date, CURRENT_DATE),
                                       INTERVAL '1 day')::date AS day
                FROM booking bk
                GROUP BY bk.vehicle_id
            )
            """,
            now=now,
        )

    @staticmethod
    def _hours(start, end):
        """Hours of [start, end) within the row's day (none without a booking: LEAST and GREATEST
        skip NULLs)."""
        return SQL(
            "CASE WHEN %s IS NOT NULL AND %s IS NOT NULL THEN "
            "GREATEST(0, EXTRACT(EPOCH FROM LEAST(%s, cd.day + 1) - GREATEST(%s, cd.day::timestamp)) / 3600.0) END",
            start,
            end,
            end,
            start,
        )

    def _select(self):
        planned = self._hours(SQL("bk.date_start"), SQL("bk.date_end"))
        now = SQL("(NOW() AT TIME ZONE 'UTC')")
        out = self._hours(SQL("bk.handover_date"), SQL("COALESCE(bk.return_date, %s)", now))

        def of_type(booking_type):
            return SQL("COALESCE(SUM(CASE WHEN bk.booking_type = %s THEN %s END), 0)", booking_type, planned)

        return SQL(
            """
            (cd.day - DATE '2000-01-01')::bigint * 10000000 + cd.vehicle_id AS id,
            cd.day AS date,
            cd.vehicle_id AS vehicle_id,
            m.brand_id AS brand_id,
            v.model_id AS model_id,
            COALESCE(v.company_id, cd.company_id) AS company_id,
            24.0 AS available_hours,
            COALESCE(SUM(%(planned)s), 0) AS booked_hours,
            %(test_drive)s AS test_drive_hours,
            %(replacement)s AS replacement_hours,
            %(rental)s AS rental_hours,
            COALESCE(SUM(CASE WHEN bk.handover_date IS NOT NULL THEN %(out)s END), 0) AS used_hours,
            COALESCE(SUM(%(planned)s), 0) * 100.0 / 24.0 AS utilisation,
            %(test_drive)s * 100.0 / 24.0 AS test_drive_utilisation,
            %(replacement)s * 100.0 / 24.0 AS replacement_utilisation,
            %(rental)s * 100.0 / 24.0 AS rental_utilisation,
            COUNT(bk.id) FILTER (WHERE bk.date_start::date = cd.day) AS booking_count,
            COALESCE(SUM(bk.return_odometer - bk.handover_odometer)
                     FILTER (WHERE bk.return_date IS NOT NULL AND bk.return_date::date = cd.day), 0) AS km_driven,
            COUNT(bk.id) FILTER (
                WHERE bk.date_end::date = cd.day
                AND (bk.return_date > bk.date_end OR (bk.state = 'handed_out' AND bk.date_end < %(now)s))
            ) AS overdue_count,
            COALESCE(SUM(bk.live_billed_amount) FILTER (WHERE bk.return_date::date = cd.day), 0) AS billed_amount
            """,
            planned=planned,
            out=out,
            now=now,
            test_drive=of_type("test_drive"),
            replacement=of_type("replacement"),
            rental=of_type("rental"),
        )

    def _from(self):
        return SQL(
            """
            car_day cd
            JOIN fleet_vehicle v ON v.id = cd.vehicle_id
            LEFT JOIN fleet_vehicle_model m ON m.id = v.model_id
            LEFT JOIN booking bk ON bk.vehicle_id = cd.vehicle_id
                AND bk.span_start < cd.day + 1 AND bk.span_end >= cd.day
            """
        )

    def _group_by(self):
        return SQL("cd.day, cd.vehicle_id, cd.company_id, v.company_id, v.model_id, m.brand_id")
