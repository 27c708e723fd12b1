"""Two users at once on the same quotation or the same cart lines: the second one gets a clear
message instead of a second version or a second purchase line."""

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestOrderConcurrency(TransactionCase):
    def _cursor(self):
        """A real cursor outside the test transaction: the race needs committed data, which the
        test removes again at its end (hence the commits below)."""
        return sql_db.db_connect(self.env.cr.dbname).cursor()

    def test_a_second_click_while_the_first_runs_is_refused(self):
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].create({"name": "Race Customer"})
            product = env["product.product"].create({"name": "Race part", "type": "consu", "list_price": 10})
            order = env["sale.order"].create(
                {"partner_id": partner.id, "order_line": [(0, 0, {"product_id": product.id})]}
            )
            ids = (partner.id, product.id, order.id, order.order_line.id)
            cr.commit()  # pylint: disable=invalid-commit
        partner_id, product_id, order_id, line_id = ids
        try:
            with self._cursor() as cr_a, self._cursor() as cr_b:
                env_a = api.Environment(cr_a, SUPERUSER_ID, {})
                env_b = api.Environment(cr_b, SUPERUSER_ID, {})
                env_a["sale.order"].browse(order_id)._dealer_lock()  # the first click is running
                env_a["sale.order.line"].browse(line_id)._dealer_lock()
                with mute_logger("odoo.sql_db"):
                    with self.assertRaisesRegex(UserError, "Someone else"):
                        env_b["sale.order"].browse(order_id).action_dealer_new_version()
                    with self.assertRaisesRegex(UserError, "Someone else"):
                        env_b["sale.order.line"].browse(line_id).action_dealer_create_purchases()
                self.assertFalse(env_b["sale.order"].browse(order_id).dealer_version_ids)
                cr_b.rollback()
                cr_a.rollback()
        finally:
            with self._cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["sale.order"].browse(order_id).unlink()
                env["product.product"].browse(product_id).unlink()
                env["res.partner"].browse(partner_id).unlink()
                cr.commit()  # pylint: disable=invalid-commit
