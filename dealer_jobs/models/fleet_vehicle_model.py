from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class FleetVehicleModel(models.Model):
    _inherit = "fleet.vehicle.model"

    product_tmpl_id = fields.Many2one(
        "product.template",
        string="Stock Product",
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="Storable product of this model: one serial (the VIN) per car, valued per car (FIFO).",
    )

    dealer_list_price = fields.Float(
        string="Catalogue Price",
        digits="Product Price",
        help="List price of the model (in the company's currency): the default asking price of its cars "
        "and the sales price of its stock product.",
    )

    _sql_constraints = [
        ("product_tmpl_uniq", "UNIQUE(product_tmpl_id)", "A product already represents another vehicle model."),
    ]

    def _dealer_product_vals(self, category):
        self.ensure_one()
        return {
            "name": f"{self.brand_id.name} {self.name}" if self.brand_id else self.name,
            "type": "consu",
            "is_storable": True,
            "tracking": "serial",
            "lot_valuated": True,
            "categ_id": category.id,
            "sale_ok": True,
            "purchase_ok": True,
            "invoice_policy": "delivery",
            "list_price": self.dealer_list_price,
            "purchase_method": "purchase",  # a trade-in is billed (credit note) on the agreed price
        }

    def write(self, vals):
        res = super().write(vals)
        if "dealer_list_price" in vals:
            for model in self.filtered("product_tmpl_id"):
                model.product_tmpl_id.sudo().list_price = model.dealer_list_price  # sudo: the product mirrors its model
        return res

    @api.model_create_multi
    def create(self, vals_list):
        models_ = super().create(vals_list)
        models_._dealer_create_products()  # every car model has its stock product from the start
        return models_

    @api.model
    def _dealer_install_products(self):
        """At installation: the stock products of the models that existed before."""
        self.with_context(active_test=False).search([("product_tmpl_id", "=", False)])._dealer_create_products()

    def _dealer_create_products(self):
        """Create the missing storable products of the models, in one batch (never in a compute:
        on model creation, at installation, or by the model's *Create Stock Product* button).

        Taxes and company are left to Odoo's defaults: a product shared by all companies gets
        the default taxes of each company.
        """
        missing = self.filtered(lambda model: not model.product_tmpl_id)
        if not missing:
            return
        category = self.env["product.category"]._dealer_vehicle_category()
        vals_list = [model._dealer_product_vals(category) for model in missing]
        templates = (
            self.env["product.template"]
            .sudo()  # sudo: the model's stock product is configuration derived from the model
            .create(vals_list)
        )
        for model, template in zip(missing, templates, strict=True):
            model.product_tmpl_id = template

    def _dealer_get_product(self):
        """The models' storable products (made with the models)."""
        missing = self.filtered(lambda model: not model.product_tmpl_id)
        if missing:
            raise UserError(
                _(
                    "Vehicle model %(model)s has no stock product: use Create Stock Product on the model.",
                    model=missing[0].display_name,
                )
            )
        return self.product_tmpl_id.product_variant_id

    def action_dealer_create_product(self):
        if not self.env.user.has_group("dealer_jobs.group_dealer_manager"):
            raise AccessError(_("Only dealer administrators create the stock products of vehicle models."))
        self._dealer_create_products()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": _("Stock product ready."),
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
