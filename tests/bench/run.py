"""Benchmarks of the dealer suite against an Odoo-core baseline measured in the same run.

Usage (through the launcher, which prepares venv, cluster and config):
    ./dealer bench [--only NAME] [--rebuild]

Each benchmark prints one line: ``name: ours=<s> baseline=<s> ratio=<x> (target <= <t>) queries=...``.
The runner builds its databases itself (without demo data) and reuses them in later runs,
updating our addons so the code measured is the checkout's.
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchmarks

REPEAT = 3


def run_odoo(conf, odoo_src, *args):
    cmd = [sys.executable, str(Path(odoo_src) / "odoo-bin"), "-c", conf, "--stop-after-init", "--log-level=warn", *args]
    subprocess.run(cmd, check=True)


def database_exists(name):
    with odoo.sql_db.db_connect("postgres").cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return bool(cr.fetchone())


def build_database(conf, odoo_src, name, modules, ours, rebuild):
    if rebuild and database_exists(name):
        odoo.service.db.exp_drop(name)
    if not database_exists(name):
        print(f"# building database {name} with {modules}", flush=True)
        run_odoo(conf, odoo_src, "-d", name, "-i", modules, "--without-demo=all")
    elif ours:  # install what a failed earlier build left out, update the rest to the checkout's code
        run_odoo(conf, odoo_src, "-d", name, "-i", modules, "-u", ours, "--without-demo=all")


def measure(db, bench_fn, repeat=REPEAT):
    """Run ``bench_fn(env)`` ``repeat`` times in rolled-back transactions: (median seconds, queries)."""
    registry = Registry(db)
    times, queries = [], None
    for _ in range(repeat):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            prepare = bench_fn(env)
            env.flush_all()
            start_queries = cr.sql_log_count
            start = time.perf_counter()
            prepare()
            env.flush_all()
            times.append(time.perf_counter() - start)
            queries = cr.sql_log_count - start_queries
            cr.rollback()
    return statistics.median(times), queries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--odoo-src", required=True)
    parser.add_argument("--only")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    config.parse_config(["-c", args.config])
    odoo.modules.module.initialize_sys_path()

    for bench in benchmarks.BENCHMARKS:
        if args.only and bench.name != args.only:
            continue
        ours_on_both = bench.baseline_modules == bench.our_modules  # both sides run our code: update both
        build_database(
            args.config,
            args.odoo_src,
            bench.baseline_db,
            bench.baseline_modules,
            bench.baseline_modules if ours_on_both else None,
            args.rebuild,
        )
        build_database(args.config, args.odoo_src, bench.our_db, bench.our_modules, bench.our_modules, args.rebuild)
        for db, setup in ((bench.our_db, bench.setup_once), (bench.baseline_db, bench.baseline_setup_once)):
            if setup:
                with Registry(db).cursor() as cr:  # committed: built once, reused by later runs
                    setup(api.Environment(cr, SUPERUSER_ID, {}))
        # interleave the two sides so machine noise hits both alike; keep each side's best median
        base_time, base_queries = measure(bench.baseline_db, bench.baseline, bench.repeat)
        our_time, our_queries = measure(bench.our_db, bench.ours, bench.repeat)
        base_time = min(base_time, measure(bench.baseline_db, bench.baseline, bench.repeat)[0])
        our_time = min(our_time, measure(bench.our_db, bench.ours, bench.repeat)[0])
        ratio = our_time / base_time if base_time else float("inf")
        print(
            f"{bench.name}: ours={our_time:.3f}s baseline={base_time:.3f}s ratio={ratio:.2f} "
            f"(target <= {bench.target}) queries ours={our_queries} baseline={base_queries}"
            + (
                f" per unit ours={our_queries / bench.per_unit:.0f} baseline={base_queries / bench.per_unit:.0f}"
                if bench.per_unit
                else ""
            )
            + (f" {bench.extra(measure)}" if bench.extra else ""),
            flush=True,
        )


if __name__ == "__main__":
    main()
