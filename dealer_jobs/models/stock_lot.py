from odoo import api, fields, models


class StockLot(models.Model):
    _inherit = "stock.lot"

    fleet_vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Vehicle",
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        help="The car this serial number (VIN) stands for.",
    )

    _sql_constraints = [
        ("fleet_vehicle_uniq", "UNIQUE(fleet_vehicle_id)", "A car has one serial number only."),
    ]

    @api.model
    def _dealer_lot_company(self, cars, name, product):
        """Company of a new serial ``name`` of the vehicle ``product``: the one of the car with
        that VIN among ``cars``, the current company's if several companies have one. ``None``
        when no car (or no single one) tells: the lot then takes Odoo's default."""
        companies = {car.company_id for car in cars if car.vin_sn == name and car.product_id == product}
        if self.env.company in companies:
            return self.env.company
        if len(companies) == 1:
            return companies.pop()
        return None

    @api.model_create_multi
    def create(self, vals_list):
        # A serial of a vehicle model named like a car's VIN is that car's lot, in the car's
        # company: the same VIN may stand for a car in each company, each with its own lot.
        products = self.env["product.product"].browse(
            {vals["product_id"] for vals in vals_list if vals.get("product_id")}
        )
        vehicle_models = (
            self.env["fleet.vehicle.model"]
            .sudo()  # sudo: which products stand for a vehicle model, whatever the user's fleet rights
            .search([("product_tmpl_id", "in", products.product_tmpl_id.ids)])
        )
        vehicle_products = products.filtered(lambda product: product.product_tmpl_id in vehicle_models.product_tmpl_id)
        cars = self.env["fleet.vehicle"]
        if vehicle_products:
            cars = (
                self.env["fleet.vehicle"]
                .sudo()  # sudo: the cars of the VINs, to link them to their lots whatever the user's fleet rights
                .search(
                    [
                        ("vin_sn", "in", [vals["name"] for vals in vals_list if vals.get("name")]),
                        ("model_id.product_tmpl_id", "in", vehicle_products.product_tmpl_id.ids),
                        ("lot_id", "=", False),
                    ]
                )
            )
            vehicle_product_by_id = {product.id: product for product in vehicle_products}
            vals_list = [dict(vals) for vals in vals_list]
            for vals in vals_list:
                product = vehicle_product_by_id.get(vals.get("product_id"))
                # Odoo shares the lots of a product without company; a car's lot is its company's.
                if product and not product.company_id and not vals.get("company_id"):
                    company = self._dealer_lot_company(cars, vals.get("name"), product)
                    if company is not None:
                        vals["company_id"] = company.id
        lots = super().create(vals_list)
        vehicle_lots = lots.filtered(lambda lot: not lot.fleet_vehicle_id and lot.product_id in vehicle_products)
        if vehicle_lots and cars:
            cars._dealer_link_lots(vehicle_lots.sudo())  # sudo: linked both ways, as the cars above
        for lot in lots.filtered("fleet_vehicle_id"):
            car = lot.sudo().fleet_vehicle_id  # sudo: the car's side of a link set on the lot
            if car.lot_id != lot:
                car.lot_id = lot
        return lots
