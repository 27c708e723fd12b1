"""Sum up an Odoo test log: print "<passed> <failed>" and exit 1 on any problem.

Problems: no result line, no test ran, failing tests, a skipped test (a skipped test is
not a passed one), or an ERROR/CRITICAL line logged while installing or testing (Odoo
logs a failing test as ERROR too).
"""

import re
import sys

SKIPPED = re.compile(r"^\S+ \S+ \d+ INFO \S+ \S+: skipped (.*)")
RESULT = re.compile(r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests")
PROBLEM = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")


def main(path):
    failed = errors = ran = 0
    found = False
    problems = []
    skipped = []
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = RESULT.search(line)
            if match:
                found = True
                failed, errors, ran = map(int, match.groups())
            elif PROBLEM.match(line):
                problems.append(line.rstrip())
            elif SKIPPED.match(line):
                skipped.append(SKIPPED.match(line).group(1))
    bad = failed + errors
    if not found or not ran:
        sys.stderr.write(f"{path}: no Odoo tests ran\n")
        bad = max(bad, 1)
    if skipped:
        sys.stderr.write("skipped tests count as failed:\n" + "\n".join(skipped) + "\n")
        bad += len(skipped)
    if problems and not bad:
        sys.stderr.write("ERROR logged outside a test:\n" + "\n".join(problems[:20]) + "\n")
        bad = 1
    print(max(ran - failed - errors - len(skipped), 0), bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
