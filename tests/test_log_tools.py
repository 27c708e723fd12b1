"""The log tools of the launcher, on log lines as Odoo 18 writes them (no database needed)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "tools"))

import odoo_failing_tests

CORE = """\
2026-12-04 15:09:01,903 9724 INFO core odoo.addons.sale_stock.tests.test_sale_stock: Starting TestSaleStock.test_00
2026-12-04 15:09:01,903 9724 ERROR core odoo.addons.sale_stock.tests.test_sale_stock: FAIL: TestSaleStock.test_flaky
2026-12-04 15:09:01,909 9724 INFO core odoo.tests.result: 1 failed, 0 error(s) of 120 tests when loading database 'core'
"""
WITH_ADDONS = """\
2026-12-04 15:09:01,903 9724 ERROR plus odoo.addons.sale_stock.tests.test_sale_stock: FAIL: TestSaleStock.test_flaky
2026-12-04 15:09:01,903 9724 ERROR plus odoo.addons.sale_stock.tests.test_sale_stock: ERROR: TestSaleStock.test_01
2026-12-04 15:09:02,000 9724 ERROR plus odoo.tests.suite: ERROR: setUpClass (odoo.addons.repair.tests.test_x.TestRepair)
2026-12-04 15:09:02,001 9724 ERROR plus odoo.addons.stock.models.stock_move: an error logged outside a test
2026-12-04 15:09:02,909 9724 INFO plus odoo.tests.result: 2 failed, 1 error(s) of 119 tests when loading database 'plus'
"""


def test_failing_tests_are_named_with_their_module():
    failing, ran = odoo_failing_tests.failing_tests(WITH_ADDONS.splitlines())
    assert ran == 119
    assert failing == {
        "odoo.addons.sale_stock.tests.test_sale_stock.TestSaleStock.test_flaky",
        "odoo.addons.sale_stock.tests.test_sale_stock.TestSaleStock.test_01",
        "setUpClass (odoo.addons.repair.tests.test_x.TestRepair)",
    }


def test_only_the_tests_failing_with_our_addons_fail_the_comparison(tmp_path, capsys):
    core, plus = tmp_path / "core.log", tmp_path / "plus.log"
    core.write_text(CORE)
    plus.write_text(WITH_ADDONS)
    assert odoo_failing_tests.main(str(core), str(plus)) == 1
    out = capsys.readouterr().out
    assert "failing only with our addons: 2" in out
    assert "TestSaleStock.test_01" in out
    assert "test_flaky" not in out.split("failing only")[1]
    plus.write_text(CORE)
    assert odoo_failing_tests.main(str(core), str(plus)) == 0


def test_a_log_without_result_fails(tmp_path):
    core, plus = tmp_path / "core.log", tmp_path / "plus.log"
    core.write_text(CORE)
    plus.write_text("2026-12-04 15:09:01,903 9724 CRITICAL plus odoo.service.server: Failed to initialize database\n")
    assert odoo_failing_tests.main(str(core), str(plus)) == 1
