"""The module depends on what it uses: Odoo's repair app is not used by the used-car addon."""

from odoo.modules.module import get_manifest
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestManifestDependsOnWhatItUses(TransactionCase):
    def test_odoo_repair_is_not_a_dependency_and_not_used(self):
        self.assertNotIn("repair", get_manifest("dealer_usedcar")["depends"])
        used = self.env["ir.model.data"].search([("module", "=", "dealer_usedcar"), ("model", "=like", "repair.%")])
        self.assertFalse(used, "no record of the addon belongs to Odoo's repair app")
        own_fields = self.env["ir.model.data"].search(
            [("module", "=", "dealer_usedcar"), ("model", "=", "ir.model.fields")]
        )
        fields = (
            self.env["ir.model.fields"]
            .browse(own_fields.mapped("res_id"))
            .filtered(lambda field: (field.relation or "").startswith("repair.") or field.model.startswith("repair."))
        )
        self.assertFalse(fields, "no field of the addon points to Odoo's repair app")
