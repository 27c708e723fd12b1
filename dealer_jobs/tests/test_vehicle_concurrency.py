import psycopg2

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_jobs.tools.vin import with_check_digit


@tagged("post_install", "-at_install")
class TestVehicleConcurrency(TransactionCase):
    """Two requests racing for the same VIN: the unique index holds where the Python check cannot see."""

    def _cursor(self):
        """A real cursor outside the test transaction: the race needs committed data, which the
        test removes again at its end (hence the commits below)."""
        return sql_db.db_connect(self.env.cr.dbname).cursor()

    def test_parallel_creation_of_the_same_vin_is_refused_by_the_database(self):
        vin = with_check_digit("WVWZZZ1KZSW777771")
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            brand = env["fleet.vehicle.model.brand"].create({"name": "Race Condition"})
            model_id = env["fleet.vehicle.model"].create({"name": "Sprint", "brand_id": brand.id}).id
            brand_id = brand.id
            cr.commit()  # pylint: disable=invalid-commit
        try:
            with self._cursor() as cr_a, self._cursor() as cr_b:
                env_a = api.Environment(cr_a, SUPERUSER_ID, {})
                env_b = api.Environment(cr_b, SUPERUSER_ID, {})
                env_a["fleet.vehicle"].create({"model_id": model_id, "vin_sn": vin})
                env_a.flush_all()
                # B cannot see A's uncommitted car, so its Python check passes: the index makes it wait
                cr_b.execute("SET LOCAL lock_timeout = '2s'")
                with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.LockNotAvailable):
                    env_b["fleet.vehicle"].create({"model_id": model_id, "vin_sn": vin})
                    env_b.flush_all()
                cr_b.rollback()
                cr_a.commit()
                env_b.invalidate_all()
                with self.assertRaisesRegex(ValidationError, f"VIN {vin} is already used"):
                    env_b["fleet.vehicle"].create({"model_id": model_id, "vin_sn": vin})
                cr_b.rollback()
        finally:
            with self._cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["fleet.vehicle"].with_context(active_test=False).search([("model_id", "=", model_id)]).unlink()
                env["fleet.vehicle.model"].browse(model_id).unlink()
                env["fleet.vehicle.model.brand"].browse(brand_id).unlink()
                cr.commit()  # pylint: disable=invalid-commit
