"""Sum up an Odoo test log: print "<passed> <failed>" and exit 1 on any problem.

Problems: no result line, no test ran, failing tests, or an ERROR/CRITICAL line
logged while installing or testing (Odoo logs a failing test as ERROR too).
"""

import re
import sys

RESULT = re.compile(r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests")
PROBLEM = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")


def main(path):
    failed = errors = ran = 0
    found = False
    problems = []
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = RESULT.search(line)
            if match:
                found = True
                failed, errors, ran = map(int, match.groups())
            elif PROBLEM.match(line):
                problems.append(line.rstrip())
    bad = failed + errors
    if not found or not ran:
        sys.stderr.write(f"{path}: no Odoo tests ran\n")
        bad = max(bad, 1)
    if problems and not bad:
        sys.stderr.write("ERROR logged outside a test:\n" + "\n".join(problems[:20]) + "\n")
        bad = 1
    print(max(ran - failed - errors, 0), bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
