from odoo import api, fields, models


class DealerJobLine(models.Model):
    """An item of the job; flows into its quotation (sale) or purchase order (trade-in).

    Prices and taxes follow Odoo's own rules: the product's taxes of the job's company (customer
    taxes on a sale, vendor taxes on a trade-in), mapped by the job's fiscal position. Only taxes
    the user changed are forced onto the order line.
    """

    _name = "dealer.job.line"
    _description = "Job Line Item"
    _order = "job_id, sequence, id"
    _check_company_auto = True

    job_id = fields.Many2one("dealer.job", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="job_id.company_id", store=True)
    currency_id = fields.Many2one(related="job_id.currency_id")
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product",
        string="Product",
        check_company=True,
        compute="_compute_product_id",
        store=True,
        readonly=False,
        precompute=True,
    )
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
    tax_ids = fields.Many2many(
        "account.tax",
        string="Taxes",
        check_company=True,
        compute="_compute_tax_ids",
        store=True,
        readonly=False,
    )
    price_subtotal = fields.Monetary(compute="_compute_amounts", store=True, string="Subtotal")
    price_total = fields.Monetary(compute="_compute_amounts", store=True, string="Total")

    _sql_constraints = [
        ("discount_range", "CHECK(discount >= 0 AND discount <= 100)", "A discount lies between 0 and 100 %."),
        ("quantity_positive", "CHECK(quantity > 0)", "The quantity of an item is positive."),
    ]

    @api.depends("job_id")
    def _compute_product_id(self):
        """The job's first item is its car (the car's model product)."""
        for line in self:
            job = line.job_id
            if line.product_id or not job.vehicle_id.model_id.product_tmpl_id:
                continue
            car_product = job.vehicle_id.model_id.product_tmpl_id.product_variant_id  # made with the model
            if not (job.line_ids - line).filtered(
                lambda other, car_product=car_product: other.product_id == car_product
            ):
                line.product_id = car_product

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            previous = line._origin.product_id
            typed = line.name and not (previous and line.name == previous.get_product_multiline_description_sale())
            if line.product_id and not typed:
                line.name = line.product_id.get_product_multiline_description_sale()
            elif not line.name:
                line.name = False

    @api.depends("product_id")
    def _compute_price_unit(self):
        """A sale asks the car's own asking price for the car and the list price for other items;
        a trade-in's price is the one agreed (typed)."""
        for line in self:
            job = line.job_id
            if not line.product_id or job.process == "purchase":
                continue
            if line.product_id == job.vehicle_id.product_id:
                line.price_unit = job.vehicle_id.dealer_list_price
            else:
                line.price_unit = line.product_id.with_company(line.company_id).lst_price

    @api.depends("product_id", "job_id.process", "job_id.fiscal_position_id", "job_id.company_id")
    def _compute_tax_ids(self):
        for line in self:
            line.tax_ids = line._dealer_default_taxes()

    def _dealer_default_taxes(self):
        """The taxes ``sale.order.line`` / ``purchase.order.line`` would put on this item."""
        self.ensure_one()
        job = self.job_id
        company = job.company_id or self.env.company
        if not self.product_id:
            return self.env["account.tax"]
        product = self.product_id.with_company(company)
        taxes = product.supplier_taxes_id if job.process == "purchase" else product.taxes_id
        return job.fiscal_position_id.map_tax(taxes._filter_taxes_by_company(company))

    def _prepare_base_line_for_taxes_computation(self):
        self.ensure_one()
        return self.env["account.tax"]._prepare_base_line_for_taxes_computation(
            self,
            tax_ids=self.tax_ids,
            quantity=self.quantity,
            partner_id=self.job_id.partner_id,
            currency_id=self.currency_id,
            rate=1.0,
        )

    @api.depends("quantity", "price_unit", "discount", "tax_ids", "job_id.partner_id")
    def _compute_amounts(self):
        AccountTax = self.env["account.tax"]
        for line in self:
            base_line = line._prepare_base_line_for_taxes_computation()
            AccountTax._add_tax_details_in_base_line(base_line, line.company_id or self.env.company)
            line.price_subtotal = base_line["tax_details"]["total_excluded_currency"]
            line.price_total = base_line["tax_details"]["total_included_currency"]

    def _dealer_taxes_vals(self, field):
        """``{field: taxes}`` when the user changed the item's taxes, else nothing: the order
        line then computes them itself, as for any order."""
        if self.tax_ids == self._dealer_default_taxes():
            return {}
        return {field: [fields.Command.set(self.tax_ids.ids)]}

    def _dealer_note_vals(self, display_type):
        return {"display_type": display_type, "name": self.name}

    def _dealer_price_in(self, order):
        """The item's unit price (the job's, in the company currency) in the currency of ``order``."""
        self.ensure_one()
        return self.currency_id._convert(
            self.price_unit, order.currency_id, order.company_id, order.date_order or fields.Date.today()
        )

    def _prepare_order_line(self, order):
        """Values of the line of quotation ``order`` for this item."""
        self.ensure_one()
        if not self.product_id:
            return self._dealer_note_vals("line_note")
        vehicle = self.job_id.vehicle_id
        return {
            "product_id": self.product_id.id,
            "name": self.name,
            "product_uom_qty": self.quantity,
            "price_unit": self._dealer_price_in(order),
            "discount": self.discount,
            "dealer_vehicle_id": vehicle.id if self.product_id == vehicle.product_id else False,
            **self._dealer_taxes_vals("tax_id"),
        }

    def _prepare_purchase_line(self, order):
        """Values of the line of the trade-in purchase ``order`` for this item; the car's line
        carries the car, so its receipt knows the VIN."""
        self.ensure_one()
        if not self.product_id:
            return self._dealer_note_vals("line_note")
        vehicle = self.job_id.vehicle_id
        price_unit = self._dealer_price_in(order)
        if self.product_id == vehicle.product_id:
            vals = vehicle._dealer_purchase_line_vals(price_unit, self.name)
        else:
            vals = {
                "product_id": self.product_id.id,
                "name": self.name,
                "product_qty": self.quantity,
                "product_uom": self.product_id.uom_po_id.id,
                "price_unit": price_unit,
            }
        return {**vals, "discount": self.discount, **self._dealer_taxes_vals("taxes_id")}
