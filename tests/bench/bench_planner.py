"""The planner's week window at 200,000 bookings over 500 cars (vs one week of calendar.event of the same size).

Setup (once, committed): 500 fleet cars and 200,000 bookings by bulk SQL, 400 per car, one every
42 hours for 6 hours, spread over two years around today (returned before, planned after): a week
window holds about 2,000 bookings. The baseline is 200,000 calendar events with the same spread,
read for the same week as the calendar view reads them.

Measured: what the planner asks the server for when it shows a week, ``planner_rows`` (every
fleet car as a row) and ``planner_read`` (the bookings of the window, one search_read).
Targets: server time <= 300 ms and <= 12 SQL queries.
"""

from datetime import datetime, timedelta

CARS = 500
BOOKINGS = 200_000
EVERY_HOURS = 42
LENGTH_HOURS = 6
TIME_LIMIT = 0.300
QUERY_LIMIT = 12

# what the planner's view asks for (its arch's fields; no display_name: the item template shows the number)
PLANNER_FIELDS = [
    "name",
    "partner_id",
    "vehicle_id",
    "booking_type",
    "state",
    "is_overdue",
    "date_start",
    "date_end",
]
CALENDAR_FIELDS = ["display_name", "name", "start", "stop", "allday", "user_id", "duration", "show_as", "privacy"]


def _vin(serial):
    from odoo.addons.dealer_jobs.tools.vin import with_check_digit

    return with_check_digit(f"WVWZZZ1KZ0P{serial:06d}")


def _week():
    today = datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=7)


def _spread_sql():
    """slot start of row g (0-based): the rows of one car every EVERY_HOURS hours, half before today."""
    return f"""
        date_trunc('hour', now()::timestamp)
        - interval '1 hour' * ({EVERY_HOURS} * ({BOOKINGS} / {CARS}) / 2)
        + interval '1 hour' * ({EVERY_HOURS} * (g / {CARS}) + mod(g, 7))
    """


def setup_planner(env):
    """500 fleet cars of 5 makes and 200,000 bookings (bulk SQL, committed once)."""
    if env["dealer.booking"].search_count([]) >= BOOKINGS:
        return
    from odoo.tools import SQL

    category = env["fleet.vehicle.model.category"].create({"name": "Bench Planner"})
    models = env["fleet.vehicle.model"]
    for index in range(5):
        brand = env["fleet.vehicle.model.brand"].create({"name": f"Bench Make {index}"})
        models |= env["fleet.vehicle.model"].create(
            {"name": f"Bench {index}", "brand_id": brand.id, "category_id": category.id}
        )
    cars = env["fleet.vehicle"].create(
        [
            {
                "model_id": models[i % 5].id,
                "vin_sn": _vin(800000 + i),
                "license_plate": f"P-BN {i}",
                "dealer_usage": "fleet",
            }
            for i in range(CARS)
        ]
    )
    partners = env["res.partner"].create([{"name": f"Bench Planner Customer {i}"} for i in range(CARS)])
    env.flush_all()
    env.cr.execute(
        SQL(
            """
            INSERT INTO dealer_booking (name, booking_type, company_id, state, vehicle_id, vehicle_brand_id,
                vehicle_model_id, vehicle_category_id, partner_id, driver_kind, date_start, date_end,
                handover_date, return_date, handover_odometer, return_odometer,
                create_uid, write_uid, create_date, write_date)
            SELECT 'PLAN/' || g, (ARRAY['test_drive', 'replacement', 'rental'])[mod(g, 3) + 1], %(company)s,
                CASE WHEN slot < now()::timestamp THEN 'returned' ELSE 'planned' END,
                fv.id, fm.brand_id, fv.model_id, fm.category_id, (%(partners)s::int[])[mod(g, %(n_cars)s) + 1],
                'customer', slot, slot + interval '1 hour' * %(length)s,
                CASE WHEN slot < now()::timestamp THEN slot END,
                CASE WHEN slot < now()::timestamp THEN slot + interval '1 hour' * %(length)s END,
                0, 0, 1, 1, now(), now()
            FROM generate_series(0, %(count)s - 1) AS g
            CROSS JOIN LATERAL (SELECT %(spread)s AS slot) AS s
            JOIN fleet_vehicle fv ON fv.id = (%(cars)s::int[])[mod(g, %(n_cars)s) + 1]
            JOIN fleet_vehicle_model fm ON fm.id = fv.model_id
            """,
            company=env.company.id,
            cars=cars.ids,
            partners=partners.ids,
            n_cars=CARS,
            length=LENGTH_HOURS,
            count=BOOKINGS,
            spread=SQL(_spread_sql()),
        )
    )
    env.cr.execute("ANALYZE dealer_booking")


def setup_calendar(env):
    """200,000 calendar events with the same spread (bulk SQL, committed once)."""
    if env["calendar.event"].search_count([]) >= BOOKINGS:
        return
    from odoo.tools import SQL

    env.cr.execute(
        SQL(
            """
            INSERT INTO calendar_event (name, start, stop, allday, duration, user_id, active, privacy, show_as,
                create_uid, write_uid, create_date, write_date)
            SELECT 'Bench event ' || g, slot, slot + interval '1 hour' * %(length)s, false, %(length)s,
                %(user)s, true, 'public', 'busy', 1, 1, now(), now()
            FROM generate_series(0, %(count)s - 1) AS g
            CROSS JOIN LATERAL (SELECT %(spread)s AS slot) AS s
            """,
            length=LENGTH_HOURS,
            user=env.ref("base.user_admin").id,
            count=BOOKINGS,
            spread=SQL(_spread_sql()),
        )
    )
    env.cr.execute("ANALYZE calendar_event")


def planner_week(env):
    """What the planner asks for when it shows this week: its rows and the bookings of the window."""
    start, end = _week()
    window = (str(start), str(end))
    Booking = env["dealer.booking"]

    def run():
        Booking.planner_rows([])
        return Booking.planner_read([], *window, PLANNER_FIELDS)

    return run


def calendar_week(env):
    """Odoo core: the week of a calendar view, one search_read with its window domain."""
    start, end = _week()

    def run():
        return env["calendar.event"].search_read(
            [("start", "<", str(end)), ("stop", ">", str(start))], CALENDAR_FIELDS, order="start"
        )

    return run


def planner_targets(measure):
    """The absolute targets of the planner's week read, measured once more."""
    seconds, queries = measure("bench_planner", planner_week)
    verdict = "OK" if seconds <= TIME_LIMIT and queries <= QUERY_LIMIT else "OVER TARGET"
    return (
        f"planner week: {seconds * 1000:.0f} ms (target <= {TIME_LIMIT * 1000:.0f} ms), "
        f"{queries} queries (target <= {QUERY_LIMIT}) {verdict}"
    )
