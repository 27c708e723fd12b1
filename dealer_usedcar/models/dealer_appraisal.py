from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_amount

from odoo.addons.dealer_jobs.tools import vin as vin_tools

APPRAISAL_STATES = [
    ("draft", "Draft"),
    ("done", "Appraised"),
    ("bought", "Bought"),
    ("lost", "Lost"),
]
# written only by the appraisal's actions (``_dealer_write``)
ACTION_FIELDS = {"state", "vehicle_id", "purchase_id"}


class DealerAppraisal(models.Model):
    _name = "dealer.appraisal"
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.action.mixin"]
    _description = "Appraisal of a Used Car"
    _order = "id desc"
    _check_company_auto = True
    _dealer_action_fields = ACTION_FIELDS

    name = fields.Char(string="Number", readonly=True, copy=False, default="/", index="trigram")
    state = fields.Selection(
        APPRAISAL_STATES, required=True, default="draft", readonly=True, copy=False, tracking=True, index=True
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    partner_id = fields.Many2one(
        "res.partner", string="Owner", required=True, tracking=True, check_company=True, index=True
    )
    lead_id = fields.Many2one("crm.lead", string="Prospect", tracking=True, check_company=True, index="btree_not_null")
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
        index=True,
    )
    evaluator_id = fields.Many2one(
        "res.users",
        string="Evaluator",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    date = fields.Date(string="Appraisal Date", default=fields.Date.context_today, required=True)
    # the car
    vin = fields.Char(string="VIN", tracking=True, help="Vehicle Identification Number (ISO 3779): 17 characters.")
    brand_id = fields.Many2one("fleet.vehicle.model.brand", string="Make", tracking=True)
    model_id = fields.Many2one(
        "fleet.vehicle.model", string="Model", tracking=True, domain="[('brand_id', '=?', brand_id)]"
    )
    color = fields.Char(string="Colour")
    displacement = fields.Integer(string="Displacement (cm³)")
    mileage = fields.Integer(string="Mileage (km)", tracking=True)
    first_registration = fields.Date(string="First Registration")
    engine_number = fields.Char(help="Passed on to the car when it is bought (required at stock-in).")
    model_code = fields.Char(help="Manufacturer's model/type code, passed on to the car when it is bought.")
    # the inspection
    check_template_id = fields.Many2one(
        "dealer.appraisal.check.template",
        string="Checklist",
        default=lambda self: self.env["dealer.appraisal.check.template"]._dealer_default(),
        check_company=True,
    )
    check_line_ids = fields.One2many("dealer.appraisal.check.line", "appraisal_id", string="Checklist Items", copy=True)
    document_line_ids = fields.One2many("dealer.appraisal.document.line", "appraisal_id", string="Paperwork", copy=True)
    photo_ids = fields.One2many("dealer.appraisal.photo", "appraisal_id", string="Photos")
    opinion = fields.Html(string="Evaluator's Opinion")
    price_estimate = fields.Monetary(string="Estimated Value", currency_field="currency_id", tracking=True)
    price_offered = fields.Monetary(string="Offered Price", currency_field="currency_id", tracking=True)
    missing_count = fields.Integer(string="Missing or Damaged Items", compute="_compute_check_counts")
    expired_document_count = fields.Integer(string="Expired Papers", compute="_compute_check_counts")
    # the purchase
    vehicle_id = fields.Many2one("fleet.vehicle", string="Vehicle", readonly=True, copy=False, check_company=True)
    purchase_id = fields.Many2one("purchase.order", string="Purchase Order", readonly=True, copy=False)

    _sql_constraints = [
        ("price_offered_positive", "CHECK(price_offered >= 0)", "The offered price cannot be negative."),
        ("price_estimate_positive", "CHECK(price_estimate >= 0)", "The estimated value cannot be negative."),
    ]

    @api.depends("check_line_ids.status", "document_line_ids.expired")
    def _compute_check_counts(self):
        for appraisal in self:
            appraisal.missing_count = len(appraisal.check_line_ids.filtered(lambda line: line.status != "ok"))
            appraisal.expired_document_count = len(appraisal.document_line_ids.filtered("expired"))

    # ------------------------------------------------------------------
    # CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "vin" in vals:
                vals["vin"] = vin_tools.normalize_vin(vals["vin"])
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.appraisal") or "/"
        appraisals = super().create(vals_list)
        for appraisal, vals in zip(appraisals, vals_list, strict=True):
            if "check_line_ids" not in vals:
                appraisal.check_line_ids = appraisal.check_template_id._dealer_line_commands()
            if "document_line_ids" not in vals:
                appraisal.document_line_ids = self.env["dealer.appraisal.document.type"]._dealer_line_commands(
                    appraisal.company_id
                )
        return appraisals

    def write(self, vals):
        if "vin" in vals:
            vals = dict(vals, vin=vin_tools.normalize_vin(vals["vin"]))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        bought = self.filtered(lambda appraisal: appraisal.state == "bought")
        if bought:
            raise UserError(
                _(
                    "%(appraisals)s led to a purchase and cannot be deleted.",
                    appraisals=", ".join(bought.mapped("name")),
                )
            )

    # ------------------------------------------------------------------
    # onchanges and constraints
    @api.onchange("vin")
    def _onchange_vin(self):
        vin = vin_tools.normalize_vin(self.vin)
        if vin != self.vin:
            self.vin = vin
        if not vin or vin_tools.vin_format_error(vin):
            return
        decoded = self.env["fleet.vehicle"]._dealer_decode_vin(vin)
        if decoded.get("brand_id") and not self.brand_id:
            self.brand_id = decoded["brand_id"]

    @api.onchange("model_id")
    def _onchange_model_id(self):
        if self.model_id:
            self.brand_id = self.model_id.brand_id

    @api.onchange("check_template_id")
    def _onchange_check_template_id(self):
        if self.check_template_id and self.state == "draft":
            self.check_line_ids = [fields.Command.clear(), *self.check_template_id._dealer_line_commands()]

    @api.constrains("vin", "company_id")
    def _check_vin(self):
        for appraisal in self.filtered("vin"):
            message = vin_tools.vin_error(self.env, appraisal.vin, appraisal.company_id.dealer_vin_check_digit)
            if message:
                raise ValidationError(message)

    # ------------------------------------------------------------------
    # actions
    def _dealer_check_state(self, allowed, action_name):
        wrong = self.filtered(lambda appraisal: appraisal.state not in allowed)
        if wrong:
            state_names = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                _(
                    "%(action)s is not possible for %(appraisal)s in the state %(state)s.",
                    action=action_name,
                    appraisal=wrong[0].name,
                    state=state_names[wrong[0].state],
                )
            )

    def action_done(self):
        """Draft → appraised: the car is identified (VIN) and priced."""
        self._dealer_lock()
        todo = self.filtered(lambda appraisal: appraisal.state != "done")
        todo._dealer_check_state(("draft",), _("Finishing the appraisal"))
        for appraisal in todo:
            if not appraisal.vin:
                raise UserError(_("Enter the VIN of the car of %(appraisal)s first.", appraisal=appraisal.name))
            if appraisal.price_offered <= 0:
                raise UserError(
                    _("Enter the price offered to the owner on %(appraisal)s first.", appraisal=appraisal.name)
                )
        todo._dealer_write({"state": "done"})
        return True

    def action_lost(self):
        """The owner did not sell: draft or appraised → lost."""
        self._dealer_lock()
        todo = self.filtered(lambda appraisal: appraisal.state != "lost")
        todo._dealer_check_state(("draft", "done"), _("Marking the appraisal as lost"))
        todo._dealer_write({"state": "lost"})
        return True

    def action_reset(self):
        """Lost → draft, to negotiate again."""
        self._dealer_lock()
        todo = self.filtered(lambda appraisal: appraisal.state != "draft")
        todo._dealer_check_state(("lost",), _("Resetting the appraisal to draft"))
        todo._dealer_write({"state": "draft"})
        return True

    def _dealer_check_buy_right(self):
        """Buying creates a purchase order: a used-car salesperson's own one."""
        if not self.env["purchase.order"].has_access("create"):
            raise AccessError(
                _(
                    "Buying a car creates a purchase order: you need the right Dealer Used Cars / "
                    "Salesperson (ask your administrator)."
                )
            )

    def _dealer_check_buy_limit(self):
        """Above the company's buy limit, a second person buys: a used-car manager other than
        the evaluator (four eyes on the price)."""
        self.ensure_one()
        limit = self.company_id.dealer_appraisal_approval_amount
        if not limit or self.currency_id.compare_amounts(self.price_offered, limit) <= 0:
            return
        user = self.env.user
        if not user.has_group("dealer_usedcar.group_dealer_usedcar_manager") or user == self.evaluator_id:
            raise AccessError(
                _(
                    "%(appraisal)s offers %(price)s, above the buy limit of %(limit)s: a used-car manager "
                    "other than the evaluator %(evaluator)s buys the car.",
                    appraisal=self.name,
                    price=format_amount(self.env, self.price_offered, self.currency_id),
                    limit=format_amount(self.env, limit, self.currency_id),
                    evaluator=self.evaluator_id.name or "",
                )
            )

    def action_buy(self):
        """Appraised → bought: the car (found by its VIN in the company, or created as a stock car)
        and a draft purchase order for it, the owner as vendor, at the offered price.
        A second call returns the same purchase order."""
        self.ensure_one()
        self._dealer_check_buy_right()
        self._dealer_lock()
        if self.state != "bought":
            self._dealer_check_state(("done",), _("Buying the car"))
            self._dealer_check_buy_limit()
            vehicle = self._dealer_buy_vehicle()
            order = self._dealer_create_purchase(vehicle)
            self._dealer_write({"state": "bought", "vehicle_id": vehicle.id, "purchase_id": order.id})
            self.message_post(
                body=_("Car bought: purchase order %(order)s.", order=order._get_html_link()),
                subtype_xmlid="mail.mt_note",
            )
        return self.action_view_purchase()

    def _dealer_buy_vehicle(self):
        """The car of this appraisal: the company's car with this VIN, else a new stock car."""
        self.ensure_one()
        if not self.model_id:
            raise UserError(_("Choose the model of the car of %(appraisal)s first.", appraisal=self.name))
        Vehicle = self.env["fleet.vehicle"].with_company(self.company_id)
        vehicle = Vehicle.with_context(active_test=False).search(
            [("vin_sn", "=", self.vin), ("company_id", "in", (self.company_id.id, False))], limit=1
        )
        if vehicle.stock_location_id:
            raise UserError(
                _(
                    "Car %(car)s (VIN %(vin)s) is already in stock at %(location)s.",
                    car=vehicle.display_name,
                    vin=self.vin,
                    location=vehicle.stock_location_id.display_name,
                )
            )
        if vehicle:
            updates = {
                fname: value
                for fname, value in (
                    ("engine_number", self.engine_number),
                    ("model_code", self.model_code),
                    ("color", self.color),
                    ("acquisition_date", self.first_registration),
                )
                if value and not vehicle[fname]
            }
            if not vehicle.active:
                updates["active"] = True
            if updates:
                vehicle.write(updates)
        else:
            vehicle = Vehicle.create(
                {
                    "vin_sn": self.vin,
                    "model_id": self.model_id.id,
                    "color": self.color,
                    "acquisition_date": self.first_registration,
                    "engine_number": self.engine_number,
                    "model_code": self.model_code,
                    "dealer_usage": "stock",
                    "company_id": self.company_id.id,
                }
            )
        if self.mileage and self.mileage > vehicle.odometer:
            self.env["fleet.vehicle.odometer"].create(
                {"vehicle_id": vehicle.id, "value": self.mileage, "date": self.date or fields.Date.context_today(self)}
            )
        return vehicle

    def _dealer_create_purchase(self, vehicle):
        self.ensure_one()
        name = _("%(car)s (appraisal %(appraisal)s)", car=vehicle.display_name, appraisal=self.name)
        return (
            self.env["purchase.order"]
            .with_company(self.company_id)
            .create(
                {
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "currency_id": self.currency_id.id,
                    "user_id": (self.user_id or self.env.user).id,
                    "origin": self.name,
                    "order_line": [fields.Command.create(vehicle._dealer_purchase_line_vals(self.price_offered, name))],
                }
            )
        )

    def action_view_purchase(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "res_id": self.purchase_id.id,
            "view_mode": "form",
            "name": self.purchase_id.name,
        }

    def action_view_vehicle(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "fleet.vehicle",
            "res_id": self.vehicle_id.id,
            "view_mode": "form",
            "name": self.vehicle_id.display_name,
        }
