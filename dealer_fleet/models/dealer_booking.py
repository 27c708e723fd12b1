from datetime import datetime, time, timedelta

import psycopg2
import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

BOOKING_TYPES = [
    ("test_drive", "Test Drive"),
    ("replacement", "Replacement Car"),
    ("rental", "Rental"),
]
BOOKING_STATES = [
    ("planned", "Planned"),
    ("confirmed", "Confirmed"),
    ("handed_out", "Handed Out"),
    ("returned", "Returned"),
    ("cancelled", "Cancelled"),
]
# the right (group suffix, per booking type) each action needs beyond editing the booking
BOOKING_ACTIONS = {
    "edit": None,
    "handover": "handover",
    "return": "return",
    "edit_handover": "edit_handover",
    "immediate": "immediate",
    "signature": "signature",
    "delete": "delete",
    "create": "agreement",  # "New agreement" (dealer_booking_planner.py checks it on create)
    "bill": "billing",
}
# written only by the booking's actions and its handover wizard (``_dealer_write``)
HANDOVER_FIELDS = {
    "state",
    "handover_date",
    "handover_odometer",
    "handover_damage",
    "handover_comment",
    "handover_signature",
    "handover_vehicle_odometer",
    "return_date",
    "return_odometer",
    "return_damage",
    "return_comment",
    "return_signature",
    "vehicle_model_name",
    "vehicle_plate",
    "vehicle_vin",
    "vehicle_first_registration",
    "vehicle_body",
    "vehicle_extra_info",
}
# written only by the billing wizard (``action_bill``): a booking is billed once
BILLING_FIELDS = {"billed", "sale_order_id", "billing_repair_id", "billed_amount"}
# locked once the booking is confirmed (un-confirm unlocks them)
PLANNING_FIELDS = {"date_start", "date_end", "vehicle_id"}
# a returned booking is a record (the trade-plate log reads it): these change with the edit-handover right only
RECORD_FIELDS = {"partner_id", "trade_plate_id", "driver_kind", "driver_partner_id", "driver_name", "licence_checked"}


def _as_bytes(value):
    return value.encode() if isinstance(value, str) else bytes(value or b"")


class DealerBooking(models.Model):
    _name = "dealer.booking"
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.action.mixin", "dealer.overdue.mixin"]
    _description = "Booking of a Dealer Car"
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _dealer_action_fields = HANDOVER_FIELDS | BILLING_FIELDS
    _dealer_overdue_state = "handed_out"  # not back by the planned end
    _dealer_overdue_field = "date_end"

    name = fields.Char(string="Number", readonly=True, copy=False, default="/", index="trigram")
    booking_type = fields.Selection(
        BOOKING_TYPES,
        string="Type",
        required=True,
        default=lambda self: self.env.context.get("default_booking_type") or "test_drive",
        tracking=True,
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    state = fields.Selection(
        BOOKING_STATES, required=True, default="planned", readonly=True, copy=False, tracking=True, index=True
    )
    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Vehicle",
        required=True,
        tracking=True,
        check_company=True,
        index=True,
        domain="[('dealer_usage', '=', 'fleet')]",
    )
    vehicle_brand_id = fields.Many2one(related="vehicle_id.brand_id", string="Make", store=True)
    vehicle_model_id = fields.Many2one(related="vehicle_id.model_id", string="Model", store=True)
    trade_plate_id = fields.Many2one(
        "dealer.trade.plate", string="Trade Plate", tracking=True, check_company=True, index="btree_not_null"
    )
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, tracking=True, check_company=True)
    driver_kind = fields.Selection(
        [("customer", "The Customer"), ("contact", "A Contact"), ("free", "Free Text")],
        string="Driver",
        required=True,
        default="customer",
        tracking=True,
    )
    driver_partner_id = fields.Many2one(
        "res.partner",
        string="Driver Contact",
        compute="_compute_driver_partner_id",
        store=True,
        readonly=False,
        check_company=True,
        tracking=True,
    )
    driver_name = fields.Char(compute="_compute_driver_name", store=True, readonly=False, tracking=True)
    licence_checked = fields.Boolean(
        string="Licence Checked", copy=False, tracking=True, help="The driving licence was seen and is valid."
    )
    advisor_id = fields.Many2one(
        "hr.employee",
        string="Advisor",
        compute="_compute_advisor_id",
        store=True,
        readonly=False,
        check_company=True,
        tracking=True,
    )
    date_start = fields.Datetime(
        string="Planned Start", required=True, tracking=True, default=lambda self: self._next_quarter_hour()
    )
    date_end = fields.Datetime(
        string="Planned End",
        required=True,
        tracking=True,
        default=lambda self: self._next_quarter_hour() + timedelta(hours=1),
    )
    max_km = fields.Integer(string="Max. km")
    analytic_account_id = fields.Many2one("account.analytic.account", string="Cost Center", check_company=True)
    destination = fields.Char()
    purpose = fields.Char()
    handover_location = fields.Char()
    note = fields.Html(string="Remark")
    color = fields.Integer()
    repair_id = fields.Many2one("repair.order", string="Repair Order", check_company=True, index="btree_not_null")
    customer_vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Customer's Car",
        check_company=True,
        domain="[('dealer_usage', '=', 'customer')]",
        help="The car in the workshop (owner info).",
    )
    # billing (replacement cars and rentals): the wizard's defaults, then what it made
    tariff_id = fields.Many2one(
        "dealer.booking.tariff",
        string="Tariff",
        check_company=True,
        domain="['|', ('booking_type', '=', False), ('booking_type', '=', booking_type)]",
    )
    insurance_id = fields.Many2one("dealer.booking.insurance", string="Insurance", check_company=True)
    surcharge_ids = fields.Many2many("dealer.booking.surcharge", string="Surcharges and Discounts", check_company=True)
    billed = fields.Boolean(readonly=True, copy=False, tracking=True)
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Billing Order",
        readonly=True,
        copy=False,
        check_company=True,
        index="btree_not_null",
        ondelete="restrict",  # a billed booking keeps its order: cancel the order, do not delete it
    )
    billing_order_state = fields.Selection(
        related="sale_order_id.state",
        string="Billing Order Status",
        help="A billing order that was cancelled lets the booking be billed again.",
    )
    billing_repair_id = fields.Many2one(
        "repair.order", string="Billed on Repair Order", readonly=True, copy=False, check_company=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    billed_amount = fields.Monetary(
        string="Billed Amount", readonly=True, copy=False, help="Untaxed amount of the lines the billing added."
    )
    planning_warning = fields.Char(compute="_compute_planning_warning")

    handover_date = fields.Datetime(readonly=True, copy=False)
    handover_odometer = fields.Float(readonly=True, copy=False)
    handover_vehicle_odometer = fields.Float(
        readonly=True, copy=False, help="The vehicle's last fleet odometer reading when it was handed over."
    )
    handover_damage = fields.Text(readonly=True, copy=False)
    handover_comment = fields.Text(readonly=True, copy=False)
    handover_signature = fields.Binary(readonly=True, copy=False, attachment=True)
    return_date = fields.Datetime(readonly=True, copy=False)
    return_odometer = fields.Float(readonly=True, copy=False)
    return_damage = fields.Text(readonly=True, copy=False)
    return_comment = fields.Text(readonly=True, copy=False)
    return_signature = fields.Binary(readonly=True, copy=False, attachment=True)
    driven_km = fields.Float(compute="_compute_driven_km")

    # the car as it was handed over: copied at handover, never recomputed
    vehicle_model_name = fields.Char(readonly=True, copy=False)
    vehicle_plate = fields.Char(readonly=True, copy=False)
    vehicle_vin = fields.Char(readonly=True, copy=False)
    vehicle_first_registration = fields.Date(readonly=True, copy=False)
    vehicle_body = fields.Char(readonly=True, copy=False)
    vehicle_extra_info = fields.Char(readonly=True, copy=False)

    _sql_constraints = [
        ("dates_ordered", "CHECK (date_end > date_start)", "A booking must end after it starts."),
        (
            "return_after_handover",
            "CHECK (return_date IS NULL OR return_date >= handover_date)",
            "A car cannot come back before it was handed over.",
        ),
        (
            "handover_dated",
            "CHECK (state NOT IN ('handed_out', 'returned') OR handover_date IS NOT NULL)",
            "A handed-out booking needs its handover date.",
        ),
        (
            "billed_once",
            "CHECK (NOT billed OR (state = 'returned' AND sale_order_id IS NOT NULL))",
            "Only a returned booking is billed, and its billing order is kept.",
        ),
        (
            "handout_periods_per_vehicle",
            """EXCLUDE USING GIST (
                tsrange(handover_date, return_date, '[)') WITH &&,
                int4range(vehicle_id, vehicle_id, '[]') WITH =
            ) WHERE (state IN ('handed_out', 'returned'))""",
            "A car cannot be handed out twice at the same time.",
        ),
        (
            "handout_periods_per_plate",
            """EXCLUDE USING GIST (
                tsrange(handover_date, return_date, '[)') WITH &&,
                int4range(trade_plate_id, trade_plate_id, '[]') WITH =
            ) WHERE (state IN ('handed_out', 'returned') AND trade_plate_id IS NOT NULL)""",
            "A trade plate cannot be out on two cars at the same time.",
        ),
    ]

    def init(self):
        # one open handout per car and per trade plate
        for column in ("vehicle_id", "trade_plate_id"):
            self.env.cr.execute(
                SQL(
                    "CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s (%s) WHERE state = 'handed_out'",
                    SQL.identifier(f"dealer_booking_one_handout_per_{column}"),
                    SQL.identifier(self._table),
                    SQL.identifier(column),
                )
            )

    # ------------------------------------------------------------------
    # computes
    @api.depends("driver_kind", "partner_id")
    def _compute_driver_partner_id(self):
        for booking in self:
            if booking.driver_kind == "customer":
                booking.driver_partner_id = booking.partner_id
            elif booking.driver_kind == "free":
                booking.driver_partner_id = False

    @api.depends("driver_partner_id")
    def _compute_driver_name(self):
        for booking in self:
            if booking.driver_partner_id:
                booking.driver_name = booking.driver_partner_id.name

    @api.depends("booking_type", "company_id")
    def _compute_advisor_id(self):
        for booking in self:
            rule = booking.company_id._dealer_booking_advisor(booking.booking_type)
            if rule:
                booking.advisor_id = rule
            elif not booking.advisor_id:
                booking.advisor_id = self.env.user.employee_ids.filtered(
                    lambda employee, company=booking.company_id: employee.company_id == company
                )[:1]

    @api.depends("handover_odometer", "return_odometer", "state")
    def _compute_driven_km(self):
        for booking in self:
            booking.driven_km = booking.return_odometer - booking.handover_odometer if booking.return_date else 0.0

    @api.depends("vehicle_id", "date_start", "date_end")
    def _compute_planning_warning(self):
        """Planning overlaps are allowed (a car may be promised twice); the form warns about them."""
        for booking in self:
            booking.planning_warning = False
            if not (booking.vehicle_id and booking.date_start and booking.date_end):
                continue
            others = self.search(
                [
                    ("id", "!=", booking._origin.id),
                    ("vehicle_id", "=", booking.vehicle_id.id),
                    ("state", "in", ("planned", "confirmed", "handed_out")),
                    ("date_start", "<", booking.date_end),
                    ("date_end", ">", booking.date_start),
                ],
                limit=3,
            )
            if others:
                booking.planning_warning = _(
                    "This car is also planned for %(bookings)s in this period.",
                    bookings=", ".join(others.mapped("display_name")),
                )

    @api.depends("name", "partner_id")
    def _compute_display_name(self):
        for booking in self:
            booking.display_name = (
                f"{booking.name} - {booking.partner_id.name}" if booking.partner_id else booking.name or ""
            )

    @api.model
    def _next_quarter_hour(self):
        now = fields.Datetime.now().replace(second=0, microsecond=0)
        return now + timedelta(minutes=15 - now.minute % 15)

    @api.onchange("date_start")
    def _onchange_date_start_keep_duration(self):
        """Moving the start moves the end along (a booking keeps its length)."""
        if self.date_start and self._origin.date_start and self._origin.date_end:
            self.date_end = self.date_start + (self._origin.date_end - self._origin.date_start)
        elif self.date_start and (not self.date_end or self.date_end <= self.date_start):
            self.date_end = self.date_start + timedelta(hours=1)

    # ------------------------------------------------------------------
    # constraints
    @api.constrains("trade_plate_id", "booking_type")
    def _check_trade_plate_on_test_drives(self):
        if self.filtered(lambda booking: booking.trade_plate_id and booking.booking_type != "test_drive"):
            raise ValidationError(_("Trade plates are for test drives only."))

    @api.constrains("vehicle_id")
    def _check_fleet_car(self):
        for booking in self:
            if booking.vehicle_id.dealer_usage != "fleet":
                raise ValidationError(
                    _(
                        "%(car)s is not one of the dealer's fleet cars: "
                        "only cars with the usage “Fleet” can be booked.",
                        car=booking.vehicle_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_dates(vals.get("date_start"), vals.get("date_end"))
            booking_type = vals.get("booking_type") or self.default_get(["booking_type"])["booking_type"]
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(f"dealer.booking.{booking_type}") or "/"
        bookings = super().create(vals_list)
        bookings._dealer_reserve_vehicle()
        return bookings

    def write(self, vals):
        if not self._dealer_in_action():
            if "booking_type" in vals and any(booking.booking_type != vals["booking_type"] for booking in self):
                raise UserError(_("The type of a booking cannot change: cancel it and plan a new one."))
            locked = PLANNING_FIELDS & set(vals)
            if locked:
                self._check_planning_editable(locked)
            if RECORD_FIELDS & set(vals):
                # tracked fields: the chatter logs who changed what after the return
                self.filtered(lambda booking: booking.state == "returned")._check_booking_right("edit_handover")
        if {"date_start", "date_end"} & set(vals):
            for booking in self:
                self._check_dates(vals.get("date_start", booking.date_start), vals.get("date_end", booking.date_end))
        result = super().write(vals)
        if PLANNING_FIELDS & set(vals) or "partner_id" in vals:
            self._dealer_reserve_vehicle()
        return result

    @api.model
    def _check_dates(self, date_start, date_end):
        """Friendly message in front of the SQL check ``dates_ordered``."""
        if date_start and date_end and fields.Datetime.to_datetime(date_end) <= fields.Datetime.to_datetime(date_start):
            raise ValidationError(_("A booking must end after it starts."))

    def _check_planning_editable(self, field_names):
        frozen = self.filtered(lambda booking: booking.state != "planned")
        if frozen:
            raise UserError(
                _(
                    "%(bookings)s is confirmed: its planning (%(fields)s) is locked. Un-confirm it to change it.",
                    bookings=", ".join(frozen.mapped("name")),
                    fields=", ".join(self._fields[name].string for name in sorted(field_names)),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_unused_bookings(self):
        used = self.filtered(lambda booking: booking.state in ("handed_out", "returned"))
        if used:
            raise UserError(
                _(
                    "%(bookings)s has been handed out: it stays in the logbook and cannot be deleted.",
                    bookings=", ".join(used.mapped("name")),
                )
            )
        self._check_booking_right("delete")
        self._dealer_release_vehicle()

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for vals in vals_list:
            vals.pop("name", None)
        return vals_list

    # ------------------------------------------------------------------
    # rights
    def _check_booking_right(self, action):
        """The one permission check in front of every ``action_*``.

        Every action edits the booking (own or all bookings of its type, by record rules);
        the handover actions also need their right for the booking's type
        (``dealer_fleet.group_<type>_<right>``).
        """
        if action not in BOOKING_ACTIONS:
            raise ValueError(f"unknown booking action {action!r}")
        self.check_access("write")
        right = BOOKING_ACTIONS[action]
        if not right:
            return
        for booking_type in set(self.mapped("booking_type")):
            group = f"dealer_fleet.group_{booking_type}_{right}"
            if not self.env.ref(group, raise_if_not_found=False):
                raise UserError(
                    _(
                        "%(type)s bookings have no “%(right)s” step.",
                        type=dict(self._fields["booking_type"]._description_selection(self.env))[booking_type],
                        right=right,
                    )
                )
            if not self.env.user.has_group(group):
                raise AccessError(
                    _(
                        "%(user)s may not do this on %(bookings)s: it needs the right “%(group)s”.",
                        user=self.env.user.name,
                        bookings=", ".join(self.filtered(lambda b, t=booking_type: b.booking_type == t).mapped("name")),
                        group=self.env.ref(group).full_name,
                    )
                )

    def _dealer_start(self, action):
        """Right, then row lock: a double click or two advisors at once act once."""
        self._check_booking_right(action)
        self._dealer_lock()

    def _raise_wrong_state(self, action_label):
        states = dict(self._fields["state"]._description_selection(self.env))
        raise UserError(
            _(
                "%(action)s is not possible: %(bookings)s.",
                action=action_label,
                bookings=", ".join(f"{booking.name} ({states[booking.state]})" for booking in self),
            )
        )

    # ------------------------------------------------------------------
    # planning actions
    def action_confirm(self):
        self._dealer_start("edit")
        wrong = self.filtered(lambda booking: booking.state not in ("planned", "confirmed"))
        if wrong:
            wrong._raise_wrong_state(_("Confirming"))
        self.filtered(lambda booking: booking.state == "planned")._dealer_write({"state": "confirmed"})
        return True

    def action_unconfirm(self):
        self._dealer_start("edit")
        wrong = self.filtered(lambda booking: booking.state not in ("planned", "confirmed"))
        if wrong:
            wrong._raise_wrong_state(_("Un-confirming"))
        self.filtered(lambda booking: booking.state == "confirmed")._dealer_write({"state": "planned"})
        return True

    def action_cancel(self):
        self._dealer_start("edit")
        wrong = self.filtered(lambda booking: booking.state in ("handed_out", "returned"))
        if wrong:
            raise UserError(
                _(
                    "%(bookings)s has been handed out: take the car back instead of cancelling.",
                    bookings=", ".join(wrong.mapped("name")),
                )
            )
        todo = self.filtered(lambda booking: booking.state != "cancelled")
        todo._dealer_write({"state": "cancelled"})
        todo._dealer_release_vehicle()
        return True

    def action_new_from_template(self):
        """A new booking like this one: same customer, driver and car (its data reloaded at handover),
        licence not yet checked, starting when this one ends, for 30 minutes."""
        self.ensure_one()
        self._dealer_start("edit")
        start = self.date_end
        booking = self.copy(
            {
                "date_start": start,
                "date_end": start + timedelta(minutes=30),
                "licence_checked": False,
            }
        )
        return booking._dealer_form_action()

    def _dealer_form_action(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "views": [(False, "form")],
            "target": "current",
        }

    # ------------------------------------------------------------------
    # billing and contracts
    def action_bill(self):
        """Open the calculation of a returned replacement car or rental (billed once)."""
        self.ensure_one()
        self._check_booking_right("bill")
        self._dealer_check_billable()
        return {
            "type": "ir.actions.act_window",
            "name": _("Bill %(booking)s", booking=self.name),
            "res_model": "dealer.booking.bill",
            "view_mode": "form",
            "target": "new",
            "context": {"default_booking_id": self.id},
        }

    def _dealer_check_billable(self):
        for booking in self:
            if booking.billed and booking.billing_order_state != "cancel":
                raise UserError(
                    _(
                        "%(booking)s is billed already on %(order)s.",
                        booking=booking.name,
                        order=booking.sale_order_id.display_name,
                    )
                )
            if booking.state != "returned":
                booking._raise_wrong_state(_("Billing (take the car back first)"))

    def action_view_billing_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "views": [(False, "form")],
        }

    def action_maintenance_contract(self):
        """A prefilled maintenance contract of the rented car; nothing is saved until the user saves."""
        self.ensure_one()
        self._check_booking_right("edit")
        if self.booking_type != "rental":
            raise UserError(_("Maintenance contracts are made from rentals."))
        if self.state == "cancelled":
            self._raise_wrong_state(_("A maintenance contract"))
        if not self.env["fleet.vehicle.log.contract"].has_access("create"):
            raise AccessError(
                _(
                    "Creating a maintenance contract needs the right “%(group)s”.",
                    group=self.env.ref("fleet.fleet_group_manager").full_name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("Maintenance Contract"),
            "res_model": "fleet.vehicle.log.contract",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_name": f"VM{self.name}",
                "default_ins_ref": f"VM{self.name}",
                "default_vehicle_id": self.vehicle_id.id,
                "default_insurer_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
                "default_start_date": fields.Date.to_string(fields.Date.context_today(self, self.date_start)),
                "default_expiration_date": fields.Date.to_string(fields.Date.context_today(self, self.date_end)),
            },
        }

    def action_push_driver(self):
        """Write the driver back to the master data: a free-text driver becomes a contact of the
        customer, and the car gets this driver."""
        self._dealer_start("edit")
        for booking in self:
            if booking.driver_kind == "free":
                if not booking.driver_name:
                    raise UserError(_("Enter the driver's name first."))
                contact = self.env["res.partner"].create(
                    {"name": booking.driver_name, "parent_id": booking.partner_id.id, "type": "contact"}
                )
                booking.write({"driver_kind": "contact", "driver_partner_id": contact.id})
            booking.vehicle_id.driver_id = booking.driver_partner_id
            booking.message_post(
                body=_("Driver %(driver)s written to the car and the contacts.", driver=booking.driver_name)
            )
        return True

    # ------------------------------------------------------------------
    # handover and return (through the wizard)
    def _open_handover_wizard(self, mode, **context):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Hand Over") if mode == "handover" else _("Take Back"),
            "res_model": "dealer.booking.handover",
            "view_mode": "form",
            "target": "new",
            "context": {"default_booking_id": self.id, "default_mode": mode, **context},
        }

    def action_handover(self):
        self.ensure_one()
        self._check_booking_right("handover")
        if self.state != "confirmed":
            self._raise_wrong_state(_("Handing over (confirm the booking first)"))
        return self._open_handover_wizard("handover")

    def action_immediate_handover(self, **handover):
        """Hand the car over straight from planning (no confirmation step).

        From the form (the web client saves a new booking first) it opens the handover wizard;
        over RPC, ``action_immediate_handover(date=…, odometer=…, damage=…, comment=…,
        signature=…)`` hands the car over in the same call.
        """
        self.ensure_one()
        self._check_booking_right("immediate")
        if self.state not in ("planned", "confirmed"):
            self._raise_wrong_state(_("Handing over"))
        if not handover:
            return self._open_handover_wizard("handover", default_immediate=True)
        unknown = set(handover) - {"date", "odometer", "damage", "comment", "signature"}
        if unknown:
            raise UserError(_("Unknown handover values: %(names)s", names=", ".join(sorted(unknown))))
        self.env["dealer.booking.handover"].create(
            {
                "booking_id": self.id,
                "mode": "handover",
                "immediate": True,
                "date": handover.get("date") or fields.Datetime.now(),
                **{key: value for key, value in handover.items() if key != "date"},
            }
        ).action_apply()
        return True

    def action_return(self):
        self.ensure_one()
        self._check_booking_right("return")
        if self.state != "handed_out":
            self._raise_wrong_state(_("Taking back"))
        return self._open_handover_wizard("return")

    def action_edit_handover(self):
        self.ensure_one()
        self._check_booking_right("edit_handover")
        if self.state not in ("handed_out", "returned"):
            self._raise_wrong_state(_("Editing the handover"))
        return self._open_handover_wizard(
            "handover", default_edit=True, default_date=fields.Datetime.to_string(self.handover_date)
        )

    def _dealer_handover_limit(self):
        """Latest handover date: the next quarter hour, or per the company's "days before pickup"."""
        self.ensure_one()
        now = fields.Datetime.now()
        days = self.company_id.dealer_booking_days_before_pickup
        if days <= 0:
            return self._next_quarter_hour()
        tz = pytz.timezone(self.env.user.tz or self.env.context.get("tz") or "UTC")
        local_day = pytz.utc.localize(now).astimezone(tz).date() + timedelta(days=days)
        local_end = tz.localize(datetime.combine(local_day, time(23, 59)))
        return local_end.astimezone(pytz.utc).replace(tzinfo=None)

    def _dealer_check_in_house(self):
        """Friendly message in front of the database guard: car and plate are not out."""
        for booking in self:
            out = self.search(
                [
                    ("id", "!=", booking.id),
                    ("state", "=", "handed_out"),
                    "|",
                    ("vehicle_id", "=", booking.vehicle_id.id),
                    "&",
                    ("trade_plate_id", "!=", False),
                    ("trade_plate_id", "=", booking.trade_plate_id.id),
                ],
                limit=1,
            )
            if out:
                booking._raise_handed_out(out)

    def _raise_handed_out(self, other):
        if other.vehicle_id == self.vehicle_id:
            raise ValidationError(
                _(
                    "VIN %(vin)s is already handed out on %(booking)s.",
                    vin=self.vehicle_id.vin_sn or self.vehicle_id.display_name,
                    booking=other.name,
                )
            )
        raise ValidationError(
            _(
                "Trade plate %(plate)s is already out on %(booking)s.",
                plate=self.trade_plate_id.name,
                booking=other.name,
            )
        )

    def _dealer_check_handout_period(self, date_from, date_to):
        """Friendly message in front of the exclusion constraint: no other handout of the car or
        the plate intersects [date_from, date_to)."""
        self.ensure_one()
        domain = [
            ("id", "!=", self.id),
            ("state", "in", ("handed_out", "returned")),
            "|",
            ("return_date", "=", False),
            ("return_date", ">", date_from),
            "|",
            ("vehicle_id", "=", self.vehicle_id.id),
            "&",
            ("trade_plate_id", "!=", False),
            ("trade_plate_id", "=", self.trade_plate_id.id),
        ]
        if date_to:
            domain.append(("handover_date", "<", date_to))
        other = self.search(domain, limit=1)
        if other:
            if other.state == "handed_out":
                self._raise_handed_out(other)
            raise ValidationError(
                _(
                    "VIN %(vin)s was out on %(booking)s from %(start)s to %(end)s: handouts cannot overlap.",
                    vin=self.vehicle_id.vin_sn or self.vehicle_id.display_name,
                    booking=other.name,
                    start=fields.Datetime.to_string(fields.Datetime.context_timestamp(self, other.handover_date)),
                    end=fields.Datetime.to_string(fields.Datetime.context_timestamp(self, other.return_date)),
                )
                if other.vehicle_id == self.vehicle_id
                else _(
                    "Trade plate %(plate)s was out on %(booking)s in that period: handouts cannot overlap.",
                    plate=self.trade_plate_id.name,
                    booking=other.name,
                )
            )

    def _dealer_write_guarded(self, vals):
        """Write a handout; a violation of the database guard (a colleague handed the car out in the
        same second) becomes a clear error naming the booking, not a traceback."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self._dealer_write(vals)
                self.flush_recordset()
        except (psycopg2.errors.UniqueViolation, psycopg2.errors.ExclusionViolation):
            self.invalidate_recordset()
            self._dealer_check_in_house()
            self._dealer_check_handout_period(self.handover_date or vals.get("handover_date"), self.return_date)
            raise ValidationError(
                _(
                    "VIN %(vin)s was handed out by someone else a moment ago: reload the booking.",
                    vin=self.vehicle_id.vin_sn or self.vehicle_id.display_name,
                )
            ) from None

    def _dealer_vehicle_snapshot(self):
        self.ensure_one()
        car = self.vehicle_id
        extra_field = self.company_id.dealer_booking_extra_field_id
        extra = False
        if extra_field and extra_field.name in car._fields:
            value = car[extra_field.name]
            if isinstance(value, models.BaseModel):
                extra = ", ".join(value.mapped("display_name"))
            elif value not in (False, None):
                extra = str(value)
        return {
            "vehicle_model_name": car.model_id.display_name,
            "vehicle_plate": car.license_plate,
            "vehicle_vin": car.vin_sn,
            "vehicle_first_registration": car.acquisition_date,
            "vehicle_body": car.model_id.category_id.name
            or dict(car.model_id._fields["vehicle_type"]._description_selection(self.env)).get(
                car.model_id.vehicle_type
            ),
            "vehicle_extra_info": extra and f"{extra_field.field_description}: {extra}",
        }

    def _dealer_log_odometer(self, value, date, always=False):
        """A fleet odometer reading: on return always, at handover when the car shows more."""
        self.ensure_one()
        if value and (value > self.vehicle_id.odometer or (always and value == self.vehicle_id.odometer)):
            self.env["fleet.vehicle.odometer"].create(
                {
                    "vehicle_id": self.vehicle_id.id,
                    "value": value,
                    "date": fields.Date.context_today(self, date),
                    "driver_id": self.driver_partner_id.id,
                }
            )
            self.vehicle_id.invalidate_recordset(["odometer"])

    def _dealer_hand_over(self, vals, immediate=False):
        """Hand the car out: state check, time window, car and plate in house, then the database guard."""
        self._dealer_start("immediate" if immediate else "handover")
        allowed = ("planned", "confirmed") if immediate else ("confirmed",)
        if self.state not in allowed:
            self._raise_wrong_state(_("Handing over"))
        date = vals["handover_date"]
        limit = self._dealer_handover_limit()
        if date > limit:
            raise ValidationError(
                _(
                    "The handover date %(date)s is too far ahead: hand over at the latest at %(limit)s.",
                    date=fields.Datetime.to_string(fields.Datetime.context_timestamp(self, date)),
                    limit=fields.Datetime.to_string(fields.Datetime.context_timestamp(self, limit)),
                )
            )
        if date > self.date_end:
            raise ValidationError(_("The handover date is after the planned end of %(booking)s.", booking=self.name))
        self._dealer_check_in_house()
        self._dealer_check_handout_period(date, None)
        self._dealer_write_guarded(
            {
                **vals,
                **self._dealer_vehicle_snapshot(),
                "state": "handed_out",
                "handover_vehicle_odometer": self.vehicle_id.odometer,
            }
        )
        self._dealer_log_odometer(vals.get("handover_odometer"), date)
        self.message_post(body=_("Car handed over."))
        if self.company_id.dealer_booking_contract_on_handover:
            self._dealer_attach_contract()

    def _dealer_attach_contract(self):
        report = self.env.ref("dealer_fleet.action_report_booking_contract", raise_if_not_found=False)
        if report:
            pdf, _format = report._render_qweb_pdf(report.report_name, self.ids)
            self.message_post(
                body=_("Contract attached."),
                attachments=[(_("Contract %(booking)s.pdf", booking=self.name).replace("/", "-"), pdf)],
            )

    def _dealer_edit_handover(self, vals):
        """Correct a handover: the period stays free of other handouts; the odometer log is kept."""
        self._dealer_start("edit_handover")
        if self.state not in ("handed_out", "returned"):
            self._raise_wrong_state(_("Editing the handover"))
        if (
            "handover_signature" in vals
            and self.handover_signature
            and vals["handover_signature"] != (self.with_context(bin_size=False).handover_signature)
        ):
            self._check_booking_right("signature")
        date = vals["handover_date"]
        if self.return_date and date > self.return_date:
            raise ValidationError(_("The handover cannot be after the return of %(booking)s.", booking=self.name))
        if date > self._dealer_handover_limit():
            raise ValidationError(_("The handover date cannot lie in the future."))
        self._dealer_check_handout_period(date, self.return_date)
        self._dealer_write_guarded(vals)
        self.message_post(body=_("Handover data corrected."))

    def _dealer_take_back(self, vals):
        self._dealer_start("return")
        if self.state != "handed_out":
            self._raise_wrong_state(_("Taking back"))
        date, odometer = vals["return_date"], vals["return_odometer"]
        if date < self.handover_date:
            raise ValidationError(
                _(
                    "The return date must not be before the handover (%(handover)s).",
                    handover=fields.Datetime.to_string(fields.Datetime.context_timestamp(self, self.handover_date)),
                )
            )
        if date > self._dealer_handover_limit():
            raise ValidationError(_("The return date cannot lie in the future."))
        minimum = max(self.handover_odometer, self.handover_vehicle_odometer)
        if odometer < minimum:
            raise ValidationError(
                _(
                    "The return odometer %(odometer)s is lower than at handover (%(minimum)s).",
                    odometer=odometer,
                    minimum=minimum,
                )
            )
        self._dealer_check_handout_period(self.handover_date, date)
        self._dealer_write_guarded({**vals, "state": "returned"})
        self._dealer_log_odometer(odometer, date, always=True)
        self._dealer_release_vehicle()
        self.message_post(body=_("Car taken back after %(km)s km.", km=round(self.driven_km)))

    # ------------------------------------------------------------------
    # vehicle reservation (company setting)
    def _dealer_reserve_vehicle(self):
        for booking in self.filtered(
            lambda b: b.company_id.dealer_booking_reserve_vehicle and b.state in ("planned", "confirmed")
        ):
            booking.vehicle_id._dealer_reserve(booking)

    def _dealer_release_vehicle(self):
        cars = self.env["fleet.vehicle"].search([("reserved_booking_id", "in", self.ids)])
        cars._dealer_unreserve()
