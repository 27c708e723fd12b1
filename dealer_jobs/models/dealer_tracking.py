from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DealerTracking(models.Model):
    _name = "dealer.tracking"
    _description = "Shipment Tracking Number"
    _order = "picking_id, id"
    _rec_name = "number"

    picking_id = fields.Many2one("stock.picking", string="Transfer", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="picking_id.company_id", store=True, index=True)
    carrier = fields.Char(required=True, help="The parcel service or forwarder, e.g. DHL.")
    number = fields.Char(string="Tracking Number", required=True)
    url = fields.Char(string="Tracking Link", help="Where the customer follows the shipment.")

    _sql_constraints = [
        ("number_unique", "UNIQUE (picking_id, number)", "This tracking number is entered twice on the transfer."),
        ("number_not_empty", "CHECK (btrim(number) <> '')", "A tracking number cannot be empty."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._dealer_clean(vals)
            self._dealer_check_new_number(vals.get("picking_id"), vals.get("number"))
        return super().create(vals_list)

    def write(self, vals):
        self._dealer_clean(vals)
        if "number" in vals or "picking_id" in vals:
            for tracking in self:
                picking_id = vals.get("picking_id", tracking.picking_id.id)
                self._dealer_check_new_number(picking_id, vals.get("number", tracking.number), tracking)
        return super().write(vals)

    @api.model
    def _dealer_clean(self, vals):
        for name in ("carrier", "number", "url"):
            if isinstance(vals.get(name), str):
                vals[name] = vals[name].strip()
        if "number" in vals and not vals["number"]:
            raise ValidationError(_("A tracking number cannot be empty."))
        return vals

    @api.model
    def _dealer_check_new_number(self, picking_id, number, tracking=None):
        """The friendly message in front of the SQL guard (unique per transfer)."""
        if not picking_id or not number:
            return
        domain = [("picking_id", "=", picking_id), ("number", "=", number)]
        if tracking:
            domain.append(("id", "!=", tracking.id))
        if self.search_count(domain, limit=1):
            raise ValidationError(
                _(
                    "Tracking number %(number)s is entered twice on %(transfer)s.",
                    number=number,
                    transfer=self.env["stock.picking"].browse(picking_id).name,
                )
            )

    @api.constrains("number", "picking_id")
    def _check_number(self):
        for tracking in self:
            if not tracking.number:
                raise ValidationError(_("A tracking number cannot be empty."))
            numbers = tracking.picking_id.dealer_tracking_ids.mapped("number")
            if numbers.count(tracking.number) > 1:
                raise ValidationError(
                    _(
                        "Tracking number %(number)s is entered twice on %(transfer)s.",
                        number=tracking.number,
                        transfer=tracking.picking_id.name,
                    )
                )

    @api.constrains("url")
    def _check_url(self):
        for tracking in self.filtered("url"):
            if not tracking.url.startswith(("https://", "http://")):
                raise ValidationError(
                    _("The tracking link %(url)s must start with https:// or http://.", url=tracking.url)
                )
