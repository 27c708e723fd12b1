"""Compare two Odoo test logs: which tests fail only in the second one.

usage: odoo_failing_tests.py CORE_LOG WITH_ADDONS_LOG

Each log is Odoo's own (``--log-level=test``) for the same ``--test-tags``: the first from a
database with Odoo's apps only, the second with our addons installed too. Prints the counts and
the tests failing only with our addons; exits 1 when there is one, or when a log holds no test
result (the install failed or no test ran).
"""

import re
import sys

RESULT = re.compile(r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests")
# "... ERROR db odoo.addons.sale_stock.tests.test_x: FAIL: TestX.test_y"
# "... ERROR db odoo.tests.suite: ERROR: setUpClass (odoo.addons.sale_stock.tests.test_x.TestX)"
FAILURE = re.compile(r"^\S+ \S+ \d+ ERROR \S+ (\S+): (FAIL|ERROR): (.+?)\s*$")


def failing_tests(lines):
    """``(failing test ids, tests run)`` of one log; tests run is None without a result line."""
    failing = set()
    ran = None
    for line in lines:
        match = RESULT.search(line)
        if match:
            ran = int(match.group(3))  # the last result line is the run's total
            continue
        match = FAILURE.match(line)
        if not match:
            continue
        logger, _kind, test = match.groups()
        if logger.startswith("odoo.addons.") and not test.startswith(("setUpClass", "tearDownClass")):
            test = f"{logger}.{test}"  # the module path: the same class name may exist in two modules
        failing.add(test)
    return failing, ran


def read(path):
    with open(path, encoding="utf-8", errors="replace") as log:
        return failing_tests(log)


def main(core_log, addons_log):
    core_failing, core_ran = read(core_log)
    addons_failing, addons_ran = read(addons_log)
    only_with_addons = sorted(addons_failing - core_failing)
    print(f"Odoo only:        {core_ran if core_ran is not None else '-'} tests, {len(core_failing)} failing")
    print(f"with our addons:  {addons_ran if addons_ran is not None else '-'} tests, {len(addons_failing)} failing")
    print(f"failing only with our addons: {len(only_with_addons)}")
    for test in only_with_addons:
        print(f"  {test}")
    bad = bool(only_with_addons)
    for path, ran in ((core_log, core_ran), (addons_log, addons_ran)):
        if not ran:
            sys.stderr.write(f"{path}: no Odoo tests ran (see the log)\n")
            bad = True
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
