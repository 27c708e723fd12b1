"""The benchmarks: each compares our code with the nearest Odoo-core operation in one run.

A benchmark's ``ours``/``baseline`` take an environment, set up their data (not timed) and
return the callable that is timed.
"""

from collections.abc import Callable
from dataclasses import dataclass

CARS = 5000


def _vin(serial):
    from odoo.addons.dealer_jobs.tools.vin import with_check_digit

    return with_check_digit(f"WVWZZZ1KZ0S{serial:06d}")


def _car_vals(env):
    brand = env["fleet.vehicle.model.brand"].create({"name": "Bench"})
    model = env["fleet.vehicle.model"].create({"name": "Bench", "brand_id": brand.id, "vehicle_type": "car"})
    return [{"model_id": model.id, "vin_sn": _vin(i), "license_plate": f"B-BN {i}"} for i in range(CARS)]


def create_cars(env):
    if "dealer_vin_check_digit" in env["res.company"]._fields:
        env.company.dealer_vin_check_digit = True  # measure the strictest setting
    vals_list = _car_vals(env)
    return lambda: env["fleet.vehicle"].create(vals_list)


JOBS = 10000
ORDERS = 1000


def _list_specification(env, model):
    """What the web client's list view of ``model`` asks ``web_search_read`` for."""
    view = env[model].get_views([(False, "list")])["views"]["list"]
    from lxml import etree

    spec = {}
    for node in etree.fromstring(view["arch"]).iter("field"):
        field = env[model]._fields[node.get("name")]
        spec[field.name] = {"fields": {"display_name": {}}} if field.relational else {}
    return spec


def setup_jobs(env):
    """10,000 jobs and 1,000 quotations, created once in the benchmark database."""
    if env["dealer.job"].search_count([]) >= JOBS:
        return
    brand = env["fleet.vehicle.model.brand"].create({"name": "Bench Jobs"})
    model = env["fleet.vehicle.model"].create({"name": "Bench", "brand_id": brand.id})
    cars = env["fleet.vehicle"].create([{"model_id": model.id, "license_plate": f"J-B {i}"} for i in range(500)])
    partners = env["res.partner"].create([{"name": f"Bench Customer {i}"} for i in range(500)])
    progress = ["new", "callback", "offered", "ordered"]
    env["dealer.job"].with_context(tracking_disable=True).create(
        [
            {
                "vehicle_id": cars[i % 500].id,
                "partner_id": partners[(i * 7) % 500].id,
                "progress": progress[i % 4],
                "lost": i % 6 == 5,
                "process": "purchase" if i % 5 == 0 else "sale",
            }
            for i in range(JOBS)
        ]
    )
    product = env["product.product"].create({"name": "Bench Service", "type": "service"})
    env["sale.order"].with_context(tracking_disable=True).create(
        [
            {"partner_id": partners[i % 500].id, "order_line": [(0, 0, {"product_id": product.id})]}
            for i in range(ORDERS)
        ]
    )


def read_page(model, limit):
    def bench(env):
        spec = _list_specification(env, model)
        return lambda: env[model].web_search_read([], spec, limit=limit)

    return bench


@dataclass
class Benchmark:
    name: str
    our_db: str
    our_modules: str
    ours: Callable
    baseline_db: str
    baseline_modules: str
    baseline: Callable
    target: float
    extra: Callable = None  # measure -> text appended to the line
    setup_once: Callable = None  # env -> None, committed once in our database


BENCHMARKS = [
    Benchmark(
        name=f"create {CARS} cars in one batch (dealer_jobs vs fleet only)",
        our_db="bench_dealer_jobs",
        our_modules="dealer_jobs",
        ours=create_cars,
        baseline_db="bench_fleet",
        baseline_modules="fleet",
        baseline=create_cars,
        target=1.3,
    ),
    Benchmark(
        name=f"list page of 80 jobs out of {JOBS} (vs 80 quotations)",
        our_db="bench_dealer_jobs",
        our_modules="dealer_jobs",
        ours=read_page("dealer.job", 80),
        baseline_db="bench_dealer_jobs",
        baseline_modules="dealer_jobs",
        baseline=read_page("sale.order", 80),
        target=1.5,
        extra=lambda measure: f"queries for 400 jobs={measure('bench_dealer_jobs', read_page('dealer.job', 400))[1]}",
        setup_once=setup_jobs,
    ),
]
