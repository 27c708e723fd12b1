import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, escape_psql

from ..tools import vin as vin_tools


def normalize_plate(plate):
    """Upper case, surrounding blanks removed, inner blanks collapsed."""
    if not plate:
        return False
    return re.sub(r"\s+", " ", plate).strip().upper() or False


# what a licence plate looks like once blanks and hyphens are removed: 2-10 letters
# (any script) and digits, at least one digit
PLATE_PATTERN = re.compile(r"(?=\D*\d)[^\W_]{2,10}")
# the end of a VIN as dealers say it ("the last seven"), up to the whole VIN
VIN_TAIL_PATTERN = re.compile(r"[A-Z0-9]{6,17}")


def compact_plate(text):
    """The plate without blanks and hyphens, to compare plates however they are typed."""
    return re.sub(r"[\s\-]", "", text or "")


class FleetVehicle(models.Model):
    _name = "fleet.vehicle"
    _inherit = ["fleet.vehicle", "dealer.job.owner.mixin"]
    _dealer_job_field = "vehicle_id"

    # one name for the VIN everywhere (fleet calls it "Chassis Number")
    vin_sn = fields.Char(string="VIN", help="Vehicle Identification Number (ISO 3779): 17 characters, no I, O or Q.")
    dealer_usage = fields.Selection(
        [("stock", "Stock (for sale)"), ("fleet", "Dealer Fleet"), ("customer", "Customer Car")],
        string="Usage",
        required=True,
        default="fleet",
        tracking=True,
        index=True,
        help="Stock: owned by the dealer for sale. Dealer fleet: demo, courtesy or rental car. "
        "Customer car: owned by a customer, serviced by the dealer.",
    )
    owner_id = fields.Many2one("res.partner", string="Owner", tracking=True, index="btree_not_null")
    lot_id = fields.Many2one(
        "stock.lot",
        string="Stock Unit",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The car's unit in stock: the serial number of its model's product, named by the VIN.",
    )
    dealer_list_price = fields.Monetary(
        string="Asking Price",
        currency_field="currency_id",
        compute="_compute_dealer_list_price",
        store=True,
        readonly=False,
        tracking=True,
        help="What the dealer asks for this car (company currency): the price of its line on a sale job. "
        "Defaults to the model's catalogue price.",
    )
    engine_number = fields.Char(tracking=True, copy=False)
    dealer_equipment = fields.Text(string="Special Equipment", help="Printed on purchase offers and contracts.")
    dealer_damage = fields.Text(string="Known Damage", help="Printed on purchase offers and contracts.")
    model_code = fields.Char(help="Manufacturer's model/type code (e.g. type approval key)")
    product_id = fields.Many2one(
        "product.product", related="model_id.product_tmpl_id.product_variant_id", string="Product"
    )
    stock_location_id = fields.Many2one(
        "stock.location",
        string="Stock Location",
        compute="_compute_stock_location",
        search="_search_stock_location_id",
        help="Internal location holding the car while it is in stock.",
    )
    stock_warehouse_id = fields.Many2one("stock.warehouse", string="Warehouse", compute="_compute_stock_location")
    dealer_job_ids = fields.One2many("dealer.job", "vehicle_id", string="Jobs")

    _sql_constraints = [
        ("lot_uniq", "UNIQUE(lot_id)", "A serial number belongs to one car only."),
    ]

    @api.depends("model_id")
    def _compute_dealer_list_price(self):
        for car in self:
            if not car.dealer_list_price:
                car.dealer_list_price = car.model_id.dealer_list_price

    def init(self):
        res = super().init()
        # Uniqueness the database enforces, also under parallel requests; the Python
        # constraints below only word the error for the user. Partial indexes: empty
        # values and archived cars' plates do not count.
        self.env.cr.execute(
            SQL(
                """
                CREATE UNIQUE INDEX IF NOT EXISTS fleet_vehicle_dealer_vin_company_uniq
                    ON fleet_vehicle (COALESCE(company_id, 0), vin_sn) WHERE vin_sn IS NOT NULL;
                CREATE UNIQUE INDEX IF NOT EXISTS fleet_vehicle_dealer_plate_company_uniq
                    ON fleet_vehicle (COALESCE(company_id, 0), license_plate)
                    WHERE license_plate IS NOT NULL AND active;
                """
            )
        )
        return res

    # ------------------------------------------------------------------
    # normalisation
    @api.model
    def _dealer_normalize_vals(self, vals):
        if "vin_sn" in vals:
            vals["vin_sn"] = vin_tools.normalize_vin(vals["vin_sn"])
        if "license_plate" in vals:
            vals["license_plate"] = normalize_plate(vals["license_plate"])
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._dealer_normalize_vals(dict(vals)) for vals in vals_list]
        for vals in vals_list:
            if "dealer_usage" in vals and "acquisition_date" not in vals:
                # the default registration date of the usage given: none for a stock car
                usage_defaults = self.with_context(default_dealer_usage=vals["dealer_usage"]).default_get(
                    ["acquisition_date"]
                )
                vals["acquisition_date"] = usage_defaults.get("acquisition_date", False)
        self.browse()._dealer_check_unique(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        vals = self._dealer_normalize_vals(dict(vals))
        if {"vin_sn", "license_plate", "company_id", "active"} & set(vals):
            self._dealer_check_unique([vals])
        return super().write(vals)

    # ------------------------------------------------------------------
    # defaults and creation from the text typed in a Vehicle field
    @api.model
    def _dealer_identifier_vals(self, text):
        """``{"vin_sn": ...}`` or ``{"license_plate": ...}`` for the text typed in a Vehicle
        field when it is a well-formed VIN or looks like a licence plate, else ``{}``."""
        if not isinstance(text, str):
            return {}
        vin = vin_tools.normalize_vin(text)
        if vin and not vin_tools.vin_format_error(vin):
            return {"vin_sn": vin}
        if PLATE_PATTERN.fullmatch(compact_plate(text)):
            return {"license_plate": normalize_plate(text)}
        return {}

    @api.model
    def default_get(self, fields_list):
        context = self.env.context
        if "default_name" in context:
            # "Create and edit..." in a Vehicle field passes the typed text as default_name,
            # but the name is computed: a VIN or a plate becomes the default of its field
            new_context = {key: value for key, value in context.items() if key != "default_name"}
            for fname, value in self._dealer_identifier_vals(context["default_name"]).items():
                new_context.setdefault(f"default_{fname}", value)
            return self.with_context(new_context).default_get(fields_list)
        defaults = super().default_get(fields_list)
        usage = defaults.get("dealer_usage") or context.get("default_dealer_usage")
        if "acquisition_date" in fields_list and "default_acquisition_date" not in context and usage == "stock":
            # fleet registers a new car today; a stock car has no first registration yet
            defaults["acquisition_date"] = False
        return defaults

    @api.model
    def name_create(self, name):
        """Quick create from a Vehicle field: a car needs its model, which only the form asks."""
        if not self.env.context.get("default_model_id"):
            raise UserError(_("Choose the model: create the car %(name)s with Create and edit.", name=name))
        car = self.create(self._dealer_identifier_vals(name))
        return car.id, car.display_name

    @api.onchange("dealer_usage")
    def _onchange_dealer_usage_acquisition_date(self):
        # a new car turned into a stock car loses fleet's default registration date (today)
        if not self._origin and self.dealer_usage == "stock" and self.acquisition_date == fields.Date.today():
            self.acquisition_date = False

    # ------------------------------------------------------------------
    # name search
    @api.model
    def _search_display_name(self, operator, value):
        """Besides fleet's name (brand/model/plate) and driver, find cars by their VIN, whole or
        its last characters as dealers say them, by their plate however it is typed, and by
        the words of their model and brand."""
        if operator in expression.NEGATIVE_TERM_OPERATORS:
            # the cars the positive search does not find, also those without VIN, plate or
            # driver (fleet's "not ilike" on the driver's name would require a driver)
            positive = self._search_display_name(expression.TERM_OPERATORS_NEGATION[operator], value)
            return [("id", "not in", self.with_context(active_test=False)._search(positive))]
        domain = super()._search_display_name(operator, value)
        dealer_domain = self._dealer_search_domain(operator, value)
        return expression.OR([domain, dealer_domain]) if dealer_domain else domain

    @api.model
    def _dealer_search_domain(self, operator, value):
        """Cars whose VIN, plate or model match ``value`` for the positive ``operator``
        (``ilike``/``like``: part of it, ``=``/``=ilike``: all of it); ``[]`` if none applies."""
        contains = operator in ("ilike", "like")
        if not isinstance(value, str) or not value.strip() or not (contains or operator in ("=", "=ilike")):
            return []
        domains = []
        vin = vin_tools.normalize_vin(value)
        if vin and VIN_TAIL_PATTERN.fullmatch(vin):
            if contains:
                domains.append([("vin_sn", "=ilike", f"%{vin}")])
            elif len(vin) == vin_tools.VIN_LENGTH:
                domains.append([("vin_sn", "=", vin)])
        plate = compact_plate(value)
        if plate:
            pattern = f"%{escape_psql(plate)}%" if contains else escape_psql(plate)
            query = self.with_context(active_test=False)._search([("license_plate", "!=", False)])
            query.add_where(
                SQL(
                    "TRANSLATE(%s, ' -', '') ILIKE %s",
                    self._field_to_sql(self._table, "license_plate", query),
                    pattern,
                )
            )
            domains.append([("id", "in", query)])
        if contains:
            # "Testmarke Kombi": every word in the model's or the brand's name
            domains.append(expression.AND([[("model_id", operator, word)] for word in value.split()]))
        return expression.OR(domains)

    @api.onchange("vin_sn", "model_id")
    def _onchange_dealer_vin(self):
        vin = vin_tools.normalize_vin(self.vin_sn)
        if vin != self.vin_sn:
            self.vin_sn = vin
        if not vin or vin_tools.vin_format_error(vin):
            return None
        decoded = self._dealer_decode_vin(vin)
        if decoded.get("model_year") and not self.model_year:
            self.model_year = str(decoded["model_year"])
        mismatch = self._dealer_vin_brand_mismatch(vin, decoded)
        if mismatch:
            # before saving, while the VIN or the model can still be corrected
            return {"warning": {"title": _("VIN of another make"), "message": mismatch}}
        return None

    # ------------------------------------------------------------------
    # constraints
    @api.constrains("vin_sn", "model_id", "company_id")
    def _check_dealer_vin(self):
        car_models = self.model_id.filtered(lambda model: model.vehicle_type == "car")
        for car in self.filtered(lambda c: c.vin_sn and c.model_id in car_models):
            company = car.company_id or self.env.company
            message = vin_tools.vin_error(self.env, car.vin_sn, company.dealer_vin_check_digit)
            if message:
                raise ValidationError(message)

    def _dealer_check_unique(self, vals_list):
        """Word duplicate VINs and plates for the user before the unique indexes refuse them.

        ``self`` holds the records being written (empty on create). The indexes
        (see ``init``) stay the guard under parallel requests.
        """

        def duplicate_error(field, value, car):
            # self.env._: Odoo finds the language of _() in the caller's ``self``, absent here
            if field == "vin_sn":
                return ValidationError(
                    self.env._(
                        "VIN %(value)s is already used by the car %(car)s in this company.", value=value, car=car
                    )
                )
            return ValidationError(
                self.env._(
                    "Licence plate %(value)s is already used by the active car %(car)s in this company.",
                    value=value,
                    car=car,
                )
            )

        company_default = self.env.company.id
        for field, active_only in (("vin_sn", False), ("license_plate", True)):
            keys = []  # (company_id, value) per future record
            for vals in vals_list:
                targets = self or [None]
                for car in targets:
                    value = vals.get(field, car[field] if car else False)
                    if not value or (active_only and not vals.get("active", car.active if car else True)):
                        continue
                    company = vals.get("company_id", car.company_id.id if car else company_default)
                    keys.append((company or False, value, car))
            seen = {}
            for company, value, car in keys:
                if (company, value) in seen:
                    raise duplicate_error(field, value, seen[company, value] or value)
                seen[company, value] = car and car.display_name
            if not keys:
                continue
            domain = [(field, "in", [value for _company, value, _car in keys]), ("id", "not in", self.ids)]
            if active_only:
                domain.append(("active", "=", True))
            existing = (
                self.with_context(active_test=False)
                .sudo()  # sudo: the duplicate may be a car the user cannot read
                .search(domain)
            )
            for other in existing:
                if (other.company_id.id or False, other[field]) in seen:
                    raise duplicate_error(field, other[field], other.display_name)

    @api.constrains("dealer_usage", "owner_id")
    def _check_dealer_owner(self):
        for car in self:
            if car.dealer_usage == "customer" and not car.owner_id:
                raise ValidationError(_("The customer car %(car)s needs an owner.", car=car.display_name))

    # ------------------------------------------------------------------
    # stock
    def _compute_stock_location(self):
        lots = self.lot_id
        location_by_lot = {}
        if lots:
            quants = self.env["stock.quant"].sudo()  # sudo: where the car is, for users who only read cars
            for lot, location in quants._read_group(
                [("lot_id", "in", lots.ids), ("location_id.usage", "=", "internal"), ("quantity", ">", 0)],
                groupby=["lot_id", "location_id"],
            ):
                location_by_lot[lot.id] = location
        for car in self:
            location = location_by_lot.get(car.lot_id.id, self.env["stock.location"])
            car.stock_location_id = location
            car.stock_warehouse_id = location.warehouse_id

    def _search_stock_location_id(self, operator, value):
        """Cars whose lot lies in an internal location matching ``(operator, value)``.

        A negative operator gives the other cars, those without lot included; ``= False``
        gives the cars out of stock, ``!= False`` those in stock.
        """
        negative = operator in expression.NEGATIVE_TERM_OPERATORS or operator == "not any"
        if negative:
            operator = expression.TERM_OPERATORS_NEGATION[operator]
        # the positive condition holds for cars out of stock too: "= False", "in [False, ...]"
        with_out_of_stock = (operator == "=" and not value) or (
            operator == "in" and isinstance(value, list | tuple) and not all(value)
        )
        quants = self.env["stock.quant"].sudo()  # sudo: the quants _compute_stock_location reads, whatever the user
        in_stock = [("lot_id", "!=", False), ("location_id.usage", "=", "internal"), ("quantity", ">", 0)]
        matching_lots = quants._search([("location_id", operator, value), *in_stock]).subselect("lot_id")
        if not with_out_of_stock:
            if negative:
                return ["|", ("lot_id", "=", False), ("lot_id", "not in", matching_lots)]
            return [("lot_id", "in", matching_lots)]
        stocked_lots = quants._search(in_stock).subselect("lot_id")
        if negative:
            return [("lot_id", "in", stocked_lots), ("lot_id", "not in", matching_lots)]
        return ["|", "|", ("lot_id", "=", False), ("lot_id", "not in", stocked_lots), ("lot_id", "in", matching_lots)]

    def _dealer_link_lots(self, lots):
        """Link cars and the lots named by their VIN, both ways, within one company: a lot
        stands only for the car of its own company."""
        lot_by_key = {(lot.name, lot.product_id.id, lot.company_id.id): lot for lot in lots}
        for car in self:
            lot = lot_by_key.get((car.vin_sn, car.product_id.id, car.company_id.id))
            if not lot:
                continue
            if car.lot_id != lot:
                car.lot_id = lot
            if lot.fleet_vehicle_id != car:
                lot.fleet_vehicle_id = car

    def _dealer_purchase_line_vals(self, price_unit, name=None):
        """A purchase order line buying this car: its model's product, quantity 1, the car on
        the line so that the receipt takes the VIN as serial and keeps one move for the car."""
        self.ensure_one()
        product = self.model_id._dealer_get_product()
        return {
            "product_id": product.id,
            "name": name or self.display_name,
            "product_qty": 1,
            "product_uom": product.uom_po_id.id,
            "price_unit": price_unit,
            "dealer_vehicle_id": self.id,
        }

    def _dealer_receive(self, warehouse, partner, price_unit=None, location=None):
        """Buy and receive the cars into ``warehouse`` for demo data and tests, the one way cars
        enter stock: a confirmed purchase order (one line, hence one move, per car, so each car
        keeps its own cost) whose receipt is validated with the VINs as serials.

        Deals buy their car through the job's purchase order; ``partner`` is the seller.
        ``location``: an internal location of the warehouse to receive into (default its stock).
        """
        if not self:
            return self.env["stock.picking"]
        missing_vin = self.filtered(lambda car: not car.vin_sn)
        if missing_vin:
            raise UserError(
                _(
                    "These cars need a VIN before entering stock: %(cars)s",
                    cars=", ".join(missing_vin.mapped("display_name")),
                )
            )
        in_stock = self.filtered("stock_location_id")
        if in_stock:
            raise UserError(
                _(
                    "Car %(car)s is already in stock at %(location)s.",
                    car=in_stock[0].display_name,
                    location=in_stock[0].stock_location_id.display_name,
                )
            )
        if isinstance(warehouse, int):  # called from XML data with record ids
            warehouse = self.env["stock.warehouse"].browse(warehouse)
        if isinstance(partner, int):
            partner = self.env["res.partner"].browse(partner)
        if isinstance(location, int):
            location = self.env["stock.location"].browse(location)
        company = warehouse.company_id
        order = (
            self.env["purchase.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "picking_type_id": warehouse.in_type_id.id,
                    "origin": _("Vehicle stock-in"),
                    "order_line": [
                        fields.Command.create(
                            car._dealer_purchase_line_vals(car.net_car_value if price_unit is None else price_unit)
                        )
                        for car in self
                    ],
                }
            )
        )
        order.button_confirm()
        picking = order.picking_ids
        if location:
            picking.location_dest_id = location
            picking.move_line_ids.location_dest_id = location
        picking.button_validate()
        self.invalidate_recordset(["stock_location_id", "stock_warehouse_id"])
        return picking

    # ------------------------------------------------------------------
    # VIN decoding
    @api.model
    def _dealer_decode_vin(self, vin):
        """Decode a VIN offline: ``{"manufacturer", "brand_id", "model_year", "country"}``.

        Hook for provider addons (online decoders) to override; keys they cannot
        fill are left out.
        """
        vin = vin_tools.normalize_vin(vin)
        if not vin or vin_tools.vin_format_error(vin):
            return {}
        result = {}
        wmi = self.env["dealer.vin.wmi"].search([("code", "=", vin[:3])], limit=1)
        if wmi:
            result.update(manufacturer=wmi.manufacturer, country=wmi.country)
            brand = self.env["fleet.vehicle.model.brand"].search(
                [("name", "=ilike", wmi.brand_name or wmi.manufacturer)], limit=1
            )
            if brand:
                result["brand_id"] = brand
        year = vin_tools.vin_model_year(vin, fields.Date.context_today(self).year + 1)
        if year:
            result["model_year"] = year
        return result

    def _dealer_vin_brand_mismatch(self, vin, decoded):
        """The message saying that ``vin`` (decoded as ``decoded``) belongs to another make
        than the car's model, or ``False``."""
        brand = decoded.get("brand_id")
        if not brand or not self.model_id or self.model_id.brand_id == brand:
            return False
        return _(
            "The VIN %(vin)s belongs to %(maker)s, but the model is a %(brand)s.",
            vin=vin,
            maker=decoded.get("manufacturer"),
            brand=self.model_id.brand_id.name,
        )

    def action_dealer_decode_vin(self):
        """Fill what the VIN tells (the model year, if empty) and show what it found."""
        lines = []
        mismatch_found = filled_any = False
        for car in self:
            if not car.vin_sn:
                raise UserError(_("Enter the VIN of %(car)s first.", car=car.display_name))
            decoded = self._dealer_decode_vin(car.vin_sn)
            if not decoded:
                raise UserError(_("VIN %(vin)s could not be decoded.", vin=car.vin_sn))
            found = []
            if decoded.get("model_year") and not car.model_year:
                car.model_year = str(decoded["model_year"])
                filled_any = True
                found.append(_("model year %(year)s", year=car.model_year))
            if decoded.get("manufacturer"):
                found.append(_("manufacturer %(manufacturer)s", manufacturer=decoded["manufacturer"]))
            if decoded.get("brand_id"):
                found.append(_("brand %(brand)s", brand=decoded["brand_id"].name))
            if decoded.get("country"):
                country = self.env["res.country"].search([("code", "=", decoded["country"])], limit=1)
                found.append(_("country %(country)s", country=country.name or decoded["country"]))
            if found:
                lines.append(_("VIN %(vin)s: %(found)s.", vin=car.vin_sn, found=", ".join(found)))
            else:
                lines.append(_("VIN %(vin)s: nothing new found.", vin=car.vin_sn))
            mismatch = car._dealer_vin_brand_mismatch(car.vin_sn, decoded)
            if mismatch:
                mismatch_found = True
                lines.append(mismatch)
                car.message_post(body=mismatch)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Decode VIN"),
                "message": " ".join(lines),
                "type": "warning" if mismatch_found else "success" if filled_any else "info",
                # reload the form to show the filled fields
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_view_dealer_lot(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.lot",
            "res_id": self.lot_id.id,
            "view_mode": "form",
            "name": self.lot_id.display_name,
        }
