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
    extra: Callable = None


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
]
