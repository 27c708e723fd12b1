from odoo import _, fields, models
from odoo.osv import expression

# who may read what a car cost: the used-car managers and sale approvers, and Odoo's accounting
DEALER_COST_GROUPS = (
    "dealer_usedcar.group_dealer_usedcar_manager,dealer_usedcar.group_sale_approver,account.group_account_invoice"
)


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    dealer_reconditioning_ids = fields.One2many("dealer.reconditioning", "vehicle_id", string="Reconditionings")
    dealer_cost_currency_id = fields.Many2one(
        "res.currency",
        string="Cost Currency",
        compute="_compute_dealer_cost",
        groups=DEALER_COST_GROUPS,
        help="The currency of the car's cost.",
    )
    dealer_cost_purchase = fields.Monetary(
        string="Purchase Cost",
        currency_field="dealer_cost_currency_id",
        compute="_compute_dealer_cost",
        groups=DEALER_COST_GROUPS,
        help="What the car cost when it entered stock: the value of its receipts.",
    )
    dealer_cost_reconditioning = fields.Monetary(
        string="Reconditioning Cost",
        currency_field="dealer_cost_currency_id",
        compute="_compute_dealer_cost",
        groups=DEALER_COST_GROUPS,
        help="Add-ons and repairs added to the car's value.",
    )
    dealer_cost_total = fields.Monetary(
        string="Cost",
        currency_field="dealer_cost_currency_id",
        compute="_compute_dealer_cost",
        groups=DEALER_COST_GROUPS,
        help="The car's value in stock: purchase plus add-ons and repairs, from its own valuation layers.",
    )

    def _compute_dealer_cost(self):
        """From the valuation layers of the cars' lots in the current company, two queries for all
        cars: the purchase is what the receipts from (and returns to) vendors valued; the
        reconditioning is what was added without a quantity (revaluations, landed costs). A sold
        car keeps its cost."""
        company = self.env.company
        purchase_by_lot = {}
        added_by_lot = {}
        if self.lot_id:
            # the fields are for DEALER_COST_GROUPS only; Odoo lets only Inventory Administrators read layers
            layers = self.env["stock.valuation.layer"].sudo()  # sudo: read-only, for the cost readers above
            base = [("lot_id", "in", self.lot_id.ids), ("company_id", "=", company.id)]
            vendor_moves = [
                "|",
                ("stock_move_id.location_id.usage", "=", "supplier"),
                ("stock_move_id.location_dest_id.usage", "=", "supplier"),
            ]
            for lot, value in layers._read_group(
                expression.AND([base, vendor_moves]), groupby=["lot_id"], aggregates=["value:sum"]
            ):
                purchase_by_lot[lot.id] = value
            for lot, value in layers._read_group(
                [*base, ("quantity", "=", 0)], groupby=["lot_id"], aggregates=["value:sum"]
            ):
                added_by_lot[lot.id] = value
        for car in self:
            car.dealer_cost_currency_id = company.currency_id
            car.dealer_cost_purchase = purchase_by_lot.get(car.lot_id.id, 0.0)
            car.dealer_cost_reconditioning = added_by_lot.get(car.lot_id.id, 0.0)
            car.dealer_cost_total = car.dealer_cost_purchase + car.dealer_cost_reconditioning

    def _dealer_receive(self, warehouse, partner, price_unit=None):
        # the demo and test helper buys like any car purchase, which needs a payment method
        cars = self.with_context(default_dealer_payment_method="bank_transfer")
        return super(FleetVehicle, cars)._dealer_receive(warehouse, partner, price_unit=price_unit)

    def _dealer_in_stock_errors(self, company):
        """One message per car of ``self`` that is in stock in ``company`` already: its VIN lot
        has a positive quantity in an internal location."""
        cars = self.filtered("vin_sn")
        if not cars:
            return []
        quants = self.env["stock.quant"].sudo()  # sudo: a duplicate stock-in is refused whatever the user may read
        domain = [
            ("company_id", "=", company.id),
            ("location_id.usage", "=", "internal"),
            ("quantity", ">", 0),
            "|",
            ("lot_id", "in", cars.lot_id.ids),
            "&",
            ("lot_id.name", "in", cars.mapped("vin_sn")),
            ("product_id", "in", cars.model_id.product_tmpl_id.product_variant_ids.ids),
        ]
        location_by_vin = {}
        for quant in quants.search(domain):
            location_by_vin.setdefault(quant.lot_id.name, quant.location_id)
        errors = []
        for car in cars:
            location = location_by_vin.get(car.vin_sn) or location_by_vin.get(car.lot_id.name)
            if location:
                errors.append(
                    _(
                        "The car %(car)s (VIN %(vin)s) is already in stock at %(location)s: "
                        "it cannot be received again.",
                        car=car.display_name,
                        vin=car.vin_sn,
                        location=location.display_name,
                    )
                )
        return errors

    def action_view_dealer_cost(self):
        """The car's cost breakdown: its valuation layers (purchase, add-ons, repairs, sale)."""
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("dealer_usedcar.action_dealer_vehicle_cost_layers")
        action["domain"] = [("lot_id", "=", self.lot_id.id)]
        action["display_name"] = _("Cost of %(car)s", car=self.display_name)
        return action

    def action_view_dealer_reconditioning(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("dealer_usedcar.action_dealer_reconditioning")
        action["domain"] = [("vehicle_id", "=", self.id)]
        action["context"] = {"default_vehicle_id": self.id}
        return action
