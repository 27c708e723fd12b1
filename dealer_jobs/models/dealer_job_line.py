from odoo import api, fields, models


class DealerJobLine(models.Model):
    """An item of the job's invoice items tab; flows into its offer, order and credit note."""

    _name = "dealer.job.line"
    _description = "Job Line Item"
    _order = "job_id, sequence, id"

    job_id = fields.Many2one("dealer.job", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="job_id.company_id", store=True)
    currency_id = fields.Many2one(related="job_id.currency_id")
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one("product.product", string="Product", check_company=True)
    name = fields.Text(
        string="Description", required=True, compute="_compute_name", store=True, readonly=False, precompute=True
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure", required=True)
    price_unit = fields.Float(
        string="Unit Price",
        digits="Product Price",
        compute="_compute_price_unit",
        store=True,
        readonly=False,
        precompute=True,
    )
    discount = fields.Float(string="Discount (%)", digits="Discount")
    tax_ids = fields.Many2many("account.tax", string="Taxes", check_company=True)
    price_subtotal = fields.Monetary(compute="_compute_amounts", store=True, string="Subtotal")
    price_total = fields.Monetary(compute="_compute_amounts", store=True, string="Total")

    _sql_constraints = [
        ("discount_range", "CHECK(discount >= 0 AND discount <= 100)", "A discount lies between 0 and 100 %."),
    ]

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            if line.product_id:
                line.name = line.product_id.get_product_multiline_description_sale()
            elif not line.name:
                line.name = False

    @api.depends("product_id")
    def _compute_price_unit(self):
        for line in self:
            if line.product_id:
                line.price_unit = line.product_id.lst_price

    @api.depends("quantity", "price_unit", "discount", "tax_ids", "job_id.partner_id")
    def _compute_amounts(self):
        for line in self:
            price = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
            taxes = line.tax_ids.compute_all(
                price, line.currency_id, line.quantity, product=line.product_id, partner=line.job_id.partner_id
            )
            line.price_subtotal = taxes["total_excluded"]
            line.price_total = taxes["total_included"]

    def _prepare_order_line(self):
        """Values of a sale order line (also used for purchase and vendor bill lines)."""
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "name": self.name,
            "product_uom_qty": self.quantity,
            "price_unit": self.price_unit,
            "discount": self.discount,
            "tax_id": [fields.Command.set(self.tax_ids.ids)],
        }

    def _prepare_bill_line(self):
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "name": self.name,
            "quantity": self.quantity,
            "price_unit": self.price_unit,
            "discount": self.discount,
            "tax_ids": [fields.Command.set(self.tax_ids.ids)],
        }
