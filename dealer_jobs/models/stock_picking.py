from odoo import _, fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    dealer_tracking_ids = fields.One2many("dealer.tracking", "picking_id", string="Tracking Numbers", copy=False)
    dealer_delivery_slip_id = fields.Many2one(
        "ir.attachment",
        string="Sent Delivery Slip",
        copy=False,
        readonly=True,
        help="The delivery slip mailed with the shipping confirmation, also shown in the customer portal.",
    )
    dealer_is_shipment = fields.Boolean(
        string="Shipped to the Customer",
        compute="_compute_dealer_is_shipment",
        help="A sale order's delivery sent to the customer (not a car handed over at the dealership): "
        "it can be validated with its tracking numbers and confirmed to the customer by mail.",
    )
    dealer_ask_tracking_numbers = fields.Boolean(related="company_id.dealer_ask_tracking_numbers")

    def _compute_dealer_is_shipment(self):
        for picking in self:
            picking.dealer_is_shipment = bool(
                picking.sale_id
                and picking.picking_type_code == "outgoing"
                and picking.location_dest_id.usage == "customer"
                and not picking.move_ids.dealer_vehicle_id
                and not picking.move_line_ids.lot_id.fleet_vehicle_id
            )

    def button_validate(self):
        # Odoo's own validation unless the company asks for tracking numbers (Inventory settings)
        missing = self.filtered(
            lambda picking: picking.company_id.dealer_ask_tracking_numbers
            and picking.dealer_is_shipment
            and picking.state != "done"
            and not picking.dealer_tracking_ids
        )
        if missing:
            return missing._dealer_tracking_wizard(validate=self)
        return super().button_validate()

    def action_dealer_validate_with_tracking(self):
        """Validate shipments together with their tracking numbers (the form's button, whatever the setting)."""
        shipments = self.filtered(
            lambda picking: picking.dealer_is_shipment and picking.state not in ("done", "cancel")
        )
        if not shipments:
            return False
        return shipments._dealer_tracking_wizard(validate=self)

    def _dealer_tracking_wizard(self, validate):
        return {
            "type": "ir.actions.act_window",
            "name": _("Tracking Numbers"),
            "res_model": "dealer.tracking.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_picking_ids": self.ids, "default_validate_picking_ids": validate.ids},
        }

    def _action_done(self):
        result = super()._action_done()
        # the shipping confirmation goes out where the company asks for tracking numbers, or where they were entered
        self.filtered(
            lambda picking: picking.state == "done"
            and picking.dealer_is_shipment
            and (picking.company_id.dealer_ask_tracking_numbers or picking.dealer_tracking_ids)
        )._dealer_send_shipping()
        return result

    def _dealer_send_shipping(self):
        """The shipping confirmation with the delivery slip, once per delivery."""
        template = self.env.ref("dealer_jobs.mail_template_dealer_shipping", raise_if_not_found=False)
        if not template:
            return
        for picking in self.filtered(lambda picking: not picking.dealer_delivery_slip_id):
            messages = picking.message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                email_layout_xmlid="mail.mail_notification_light",
            )
            picking.dealer_delivery_slip_id = messages.attachment_ids[:1]  # the template's only report
