from odoo import _, models


class DealerOwnershipTransferImport(models.TransientModel):
    _name = "dealer.ownership.transfer.import"
    _description = "Import Approved Sales into Ownership Transfers"

    def action_import(self):
        transfers = self.env["dealer.ownership.transfer"]._dealer_import_approved_sales()
        if not transfers:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "title": _("Import Approved Sales"),
                    "message": _("Every approved sale has its ownership transfer already."),
                    "type": "info",
                    "next": {"type": "ir.actions.act_window_close"},
                },
            }
        return {
            "type": "ir.actions.act_window",
            "name": _("Imported Ownership Transfers"),
            "res_model": "dealer.ownership.transfer",
            "view_mode": "list,form",
            "domain": [("id", "in", transfers.ids)],
        }
