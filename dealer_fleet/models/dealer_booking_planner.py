from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

# booking fields that filter the planner's rows: booking field -> fleet.vehicle field
PLANNER_ROW_FIELDS = {
    "vehicle_id": "id",
    "vehicle_brand_id": "brand_id",
    "vehicle_model_id": "model_id",
    "vehicle_category_id": "category_id",
    "vehicle_vin": "vin_sn",
    "vehicle_plate": "license_plate",
}
ID_OPERATORS = ("=", "!=", "in", "not in")


class DealerBooking(models.Model):
    """The planner board (web_timeline view ``dealer_planner``): its server side.

    Kept apart from dealer_booking.py: a drag or resize calls ``action_planner_move``, the board
    reads its rows with ``planner_rows`` and its items with ``planner_read`` (the visible window only).
    """

    _inherit = "dealer.booking"

    vehicle_category_id = fields.Many2one(related="vehicle_id.category_id", string="Category", store=True)

    # ------------------------------------------------------------------
    # "New agreement": creating a booking of a type is a right of its own
    @api.model_create_multi
    def create(self, vals_list):
        bookings = super().create(vals_list)
        if not self.env.su:
            bookings._check_booking_right("create")
        return bookings

    # ------------------------------------------------------------------
    # drag and resize
    def action_planner_move(self, date_start, date_end, vehicle_id=False):
        """Move or resize a booking on the planner: the booking rules apply as in the form.

        Only planned bookings move; a confirmed booking is un-confirmed first, a handed-out one
        keeps its car and dates. The target car must be a fleet car of the booking's company that
        is not out (handed out) in the new period.
        """
        self.ensure_one()
        self._dealer_start("edit")
        date_start = fields.Datetime.to_datetime(date_start)
        date_end = fields.Datetime.to_datetime(date_end)
        if not date_start or not date_end:
            raise UserError(_("A booking on the planner needs a start and an end."))
        vals = {}
        if date_start != self.date_start:
            vals["date_start"] = date_start
        if date_end != self.date_end:
            vals["date_end"] = date_end
        car = self.env["fleet.vehicle"].browse(int(vehicle_id)) if vehicle_id else self.vehicle_id
        if car != self.vehicle_id:
            vals["vehicle_id"] = car.id
        if not vals:
            return True
        if self.state in ("handed_out", "returned") and "vehicle_id" in vals:
            raise UserError(
                _(
                    "%(booking)s has been handed out with %(car)s: the car of a handed-out booking cannot change.",
                    booking=self.name,
                    car=self.vehicle_id.display_name,
                )
            )
        if self.state != "planned":
            states = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                _(
                    "%(booking)s is %(state)s: its dates and car are locked on the planner. "
                    "Un-confirm a confirmed booking to move it.",
                    booking=self.name,
                    state=states[self.state],
                )
            )
        self._planner_check_date_order(date_start, date_end)
        if "vehicle_id" in vals:
            self._planner_check_car(car)
        self._planner_check_car_in_house(car, date_start, date_end)
        self.write(vals)
        return True

    def _planner_check_date_order(self, date_start, date_end):
        if date_end <= date_start:
            raise UserError(_("A booking must end after it starts."))

    def _planner_check_car(self, car):
        car = car.exists()
        if not car:
            raise UserError(_("This car no longer exists."))
        try:
            car.check_access("read")
        except AccessError:
            raise UserError(_("You may not plan this car.")) from None
        if car.dealer_usage != "fleet" or not car.active:
            raise UserError(
                _(
                    "%(car)s is not an active fleet car: only cars with the usage “Fleet” can be booked.",
                    car=car.display_name,
                )
            )
        if car.company_id and car.company_id != self.company_id:
            raise UserError(
                _(
                    "%(car)s belongs to %(company)s, the booking to %(booking_company)s.",
                    car=car.display_name,
                    company=car.company_id.name,
                    booking_company=self.company_id.name,
                )
            )

    def _planner_check_car_in_house(self, car, date_start, date_end):
        """A car that is out (handed out, until it is back or at least until its planned end)
        takes no other booking in that period."""
        now = fields.Datetime.now()
        outs = self.sudo().search(  # sudo: the guard sees every handout of the car, any advisor's
            [
                ("id", "!=", self.id),
                ("vehicle_id", "=", car.id),
                ("state", "=", "handed_out"),
                ("handover_date", "<", date_end),
            ]
        )
        for out in outs:
            out_until = max(out.date_end, now)
            if out_until > date_start:
                raise UserError(
                    _(
                        "%(car)s is out on %(booking)s until %(until)s: it cannot take this booking then.",
                        car=car.display_name,
                        booking=out.name,
                        until=fields.Datetime.to_string(fields.Datetime.context_timestamp(self, out_until)),
                    )
                )

    # ------------------------------------------------------------------
    # reading the board
    @api.model
    def _planner_row_domain(self, domain=None):
        """The rows: the active fleet cars of the current company, narrowed by the booking
        filters on car, make, model and category (other filters do not hide cars)."""
        row_domain = [
            ("dealer_usage", "=", "fleet"),
            ("active", "=", True),
            ("company_id", "in", [self.env.company.id, False]),
        ]
        domain = list(domain or [])
        if any(leaf == "!" for leaf in domain):
            return row_domain
        mapped = []
        for leaf in domain:
            if isinstance(leaf, list | tuple) and len(leaf) == 3:
                field, operator, value = leaf
                path = str(field).split(".", 1)
                if path[0] in PLANNER_ROW_FIELDS:
                    target = PLANNER_ROW_FIELDS[path[0]]
                    if target == "id":
                        # the car itself: by id, or by its name as a many2one search does
                        target = path[1] if len(path) > 1 else ("id" if operator in ID_OPERATORS else "display_name")
                    elif len(path) > 1:
                        target = f"{target}.{path[1]}"
                    mapped.append((target, operator, value))
                    continue
                mapped.append((1, "=", 1))
            else:
                mapped.append(leaf)
        return row_domain + mapped

    @api.model
    def planner_rows(self, domain=None):
        """The planner's rows: every fleet car (also those without bookings), with its label
        (plate, or plate and make/model per the company setting) and markers."""
        self.check_access("read")
        cars = self.env["fleet.vehicle"].search(self._planner_row_domain(domain), order="license_plate, id")
        two_lines = self.env.company.dealer_planner_two_line_rows
        out_now = {
            car.id
            for [car] in self.sudo()._read_group(  # sudo: "available" counts every handout, any advisor's
                [("vehicle_id", "in", cars.ids), ("state", "=", "handed_out")], ["vehicle_id"]
            )
        }
        campaigns = {
            car.id: count
            for car, count in self.env["fleet.vehicle.log.services"]._read_group(
                [("vehicle_id", "in", cars.ids), ("state", "in", ("new", "running"))], ["vehicle_id"], ["__count"]
            )
        }
        rows = []
        for order, car in enumerate(cars, start=1):
            plate = car.license_plate or car.vin_sn or car.display_name
            label = Markup("<b>%s</b>") % plate
            if two_lines:
                make_model = " ".join(filter(None, [car.brand_id.name, car.model_id.name]))
                label += Markup('<div class="o_dealer_planner_row_model"><small>%s</small></div>') % make_model
            markers = []
            if car.id in out_now:
                markers.append(
                    Markup('<span class="o_dealer_planner_marker o_dealer_planner_out">%s</span>') % _("out")
                )
            else:
                markers.append(
                    Markup('<span class="o_dealer_planner_marker o_dealer_planner_available">%s</span>')
                    % _("available")
                )
            if campaigns.get(car.id):
                markers.append(
                    Markup('<span class="o_dealer_planner_marker o_dealer_planner_campaign">%s</span>')
                    % _("%(count)s campaigns", count=campaigns[car.id])
                )
            rows.append(
                {
                    "id": car.id,
                    "order": order,
                    "content": str(
                        Markup('<div class="o_dealer_planner_row">%s<div>%s</div></div>')
                        % (label, Markup(" ").join(markers))
                    ),
                    "title": str(escape(car.display_name)),
                    "available": car.id not in out_now,
                    "campaigns": campaigns.get(car.id, 0),
                }
            )
        return rows

    @api.model
    def _planner_window_domain(self, window_start, window_end):
        return [
            ("date_start", "<", fields.Datetime.to_datetime(window_end)),
            ("date_end", ">", fields.Datetime.to_datetime(window_start)),
        ]

    @api.model
    def planner_read(self, domain, window_start, window_end, field_names, order=None):
        """The bookings the planner shows: only those in the visible window, in one search_read."""
        if not window_start or not window_end:
            raise UserError(_("The planner reads a window: give its start and end."))
        window = self._planner_window_domain(window_start, window_end)
        return self.search_read(list(domain or []) + window, field_names, order=order or "vehicle_id, date_start")
