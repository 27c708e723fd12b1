from odoo import api, fields, models


class DealerReconditioningLine(models.Model):
    _name = "dealer.reconditioning.line"
    _description = "Reconditioning Line"
    _order = "reconditioning_id, sequence, id"

    reconditioning_id = fields.Many2one(
        "dealer.reconditioning", string="Reconditioning", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="reconditioning_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="reconditioning_id.currency_id")
    product_id = fields.Many2one(
        "product.product",
        string="Product",
        required=True,
        check_company=True,
        domain="[('type', 'in', ('consu', 'service'))]",
        help="A part taken from the car's warehouse (storable product) or a purchased service.",
    )
    name = fields.Char(string="Description", compute="_compute_name", store=True, readonly=False)
    is_part = fields.Boolean(
        string="Part from Stock",
        related="product_id.is_storable",
        help="Storable products leave the stock of the car's warehouse, valued at their cost.",
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure", required=True)
    unit_cost = fields.Monetary(
        string="Unit Cost",
        compute="_compute_unit_cost",
        store=True,
        readonly=False,
        help="Parts from stock: their cost, set to their actual (FIFO) cost when the reconditioning is done. "
        "Services: the price the vendor bills.",
    )
    subtotal = fields.Monetary(compute="_compute_subtotal", store=True)

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "The quantity of a reconditioning line must be positive."),
    ]

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            line.name = line.product_id.display_name

    @api.depends("product_id")
    def _compute_unit_cost(self):
        for line in self:
            line.unit_cost = line.product_id.with_company(line.company_id or self.env.company).standard_price

    @api.depends("quantity", "unit_cost")
    def _compute_subtotal(self):
        for line in self:
            line.subtotal = line.currency_id.round(line.quantity * line.unit_cost) if line.currency_id else 0.0
