from odoo import _, api, fields, models
from odoo.exceptions import UserError


class DealerTrackingWizard(models.TransientModel):
    _name = "dealer.tracking.wizard"
    _description = "Tracking Numbers of a Shipment"

    picking_ids = fields.Many2many("stock.picking", string="Deliveries", required=True, readonly=True)
    validate_picking_ids = fields.Many2many(
        "stock.picking",
        "dealer_tracking_wizard_validate_rel",
        string="Transfers to Validate",
        readonly=True,
        help="Every transfer the user validated together, the shipments among them included.",
    )
    default_picking_id = fields.Many2one("stock.picking", compute="_compute_default_picking_id")
    line_ids = fields.One2many("dealer.tracking.wizard.line", "wizard_id", string="Tracking Numbers")

    @api.depends("picking_ids")
    def _compute_default_picking_id(self):
        for wizard in self:
            wizard.default_picking_id = wizard.picking_ids[:1]

    def action_validate(self):
        """Record the tracking numbers, then validate the deliveries as Odoo does."""
        self.ensure_one()
        missing = self.picking_ids - self.line_ids.picking_id
        if missing:
            raise UserError(
                _("Enter at least one tracking number for %(transfer)s.", transfer=", ".join(missing.mapped("name")))
            )
        self.env["dealer.tracking"].create(
            [
                {"picking_id": line.picking_id.id, "carrier": line.carrier, "number": line.number, "url": line.url}
                for line in self.line_ids
            ]
        )
        return (self.validate_picking_ids | self.picking_ids).button_validate()


class DealerTrackingWizardLine(models.TransientModel):
    _name = "dealer.tracking.wizard.line"
    _description = "Tracking Number to Record"

    wizard_id = fields.Many2one("dealer.tracking.wizard", required=True, ondelete="cascade")
    picking_id = fields.Many2one("stock.picking", string="Delivery", required=True)
    carrier = fields.Char(required=True)
    number = fields.Char(string="Tracking Number", required=True)
    url = fields.Char(string="Tracking Link")
