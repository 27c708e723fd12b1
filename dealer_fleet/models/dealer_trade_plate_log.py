from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# § 41 (4) FZV: the records of a red trade plate are kept for one year
RETENTION = relativedelta(years=1)
# everything an entry records: written by the booking's handover and return only
LOG_FIELDS = frozenset(
    {
        "booking_id",
        "company_id",
        "trade_plate_id",
        "plate_name",
        "vehicle_id",
        "date",
        "time_start",
        "time_end",
        "driver_name",
        "driver_address",
        "vehicle_class",
        "vehicle_make",
        "vehicle_vin",
        "route",
        "state",
        "retention_until",
    }
)


class DealerTradePlateLog(models.Model):
    """The statutory log of a red trade plate (§ 41 FZV): one entry per test drive with the plate.

    Written at handover, completed at return by the booking (``dealer.action.mixin``: no user
    creates or writes an entry directly). A completed entry never changes: a mistake gets an
    annotated correction (``dealer.trade.plate.log.correction``). An entry is kept at least one
    year after the drive; PostgreSQL refuses to change a completed entry and to delete an entry
    before then, whoever asks (also the superuser and raw SQL).
    """

    _name = "dealer.trade.plate.log"
    _inherit = ["dealer.action.mixin"]
    _description = "Trade Plate Log Entry"
    _order = "time_start desc, id desc"
    _rec_name = "plate_name"
    _check_company_auto = True
    _dealer_action_fields = LOG_FIELDS

    booking_id = fields.Many2one(
        "dealer.booking", string="Booking", required=True, readonly=True, ondelete="restrict", index=True
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    trade_plate_id = fields.Many2one(
        "dealer.trade.plate", string="Trade Plate", required=True, readonly=True, ondelete="restrict", index=True
    )
    plate_name = fields.Char(string="Plate", required=True, readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", string="Vehicle", readonly=True, ondelete="restrict", index=True)
    date = fields.Date(required=True, readonly=True, help="Day of the drive (in the company's time zone).")
    time_start = fields.Datetime(string="Start", required=True, readonly=True)
    time_end = fields.Datetime(string="End", readonly=True)
    driver_name = fields.Char(string="Driver", readonly=True)
    driver_address = fields.Char(readonly=True)
    vehicle_class = fields.Char(readonly=True)
    vehicle_make = fields.Char(string="Make", readonly=True)
    vehicle_vin = fields.Char(string="VIN", readonly=True)
    route = fields.Char(string="Route / Destination", readonly=True)
    state = fields.Selection(
        [("open", "Car Out"), ("closed", "Completed")], required=True, default="open", readonly=True, index=True
    )
    retention_until = fields.Date(
        string="Keep Until", readonly=True, help="The entry may not be deleted before this day (§ 41 FZV: one year)."
    )
    correction_ids = fields.One2many("dealer.trade.plate.log.correction", "log_id", string="Corrections")
    correction_count = fields.Integer(compute="_compute_correction_count")

    _sql_constraints = [
        ("one_entry_per_booking", "UNIQUE (booking_id)", "A test drive has one trade-plate log entry."),
        (
            "closed_complete",
            "CHECK (state = 'open' OR (time_end IS NOT NULL AND retention_until IS NOT NULL))",
            "A completed trade-plate log entry has its end time and retention date.",
        ),
    ]

    def init(self):
        """The database guard: a completed entry never changes; none is deleted within retention."""
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE FUNCTION dealer_trade_plate_log_guard() RETURNS trigger AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        IF OLD.state <> 'closed' OR OLD.retention_until > CURRENT_DATE THEN
                            RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation',
                                MESSAGE = 'dealer_trade_plate_log: entry ' || OLD.id || ' is kept until '
                                    || COALESCE(OLD.retention_until::text, 'the car is back');
                        END IF;
                        RETURN OLD;
                    END IF;
                    IF OLD.state = 'closed' AND (
                        (NEW.booking_id, NEW.company_id, NEW.trade_plate_id, NEW.plate_name, NEW.vehicle_id,
                         NEW.date, NEW.time_start, NEW.time_end, NEW.driver_name, NEW.driver_address,
                         NEW.vehicle_class, NEW.vehicle_make, NEW.vehicle_vin, NEW.route, NEW.state,
                         NEW.retention_until)
                        IS DISTINCT FROM
                        (OLD.booking_id, OLD.company_id, OLD.trade_plate_id, OLD.plate_name, OLD.vehicle_id,
                         OLD.date, OLD.time_start, OLD.time_end, OLD.driver_name, OLD.driver_address,
                         OLD.vehicle_class, OLD.vehicle_make, OLD.vehicle_vin, OLD.route, OLD.state,
                         OLD.retention_until)
                    ) THEN
                        RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation',
                            MESSAGE = 'dealer_trade_plate_log: entry ' || OLD.id || ' is completed and cannot change';
                    END IF;
                    RETURN NEW;
                END;
                $$ LANGUAGE plpgsql;
                DROP TRIGGER IF EXISTS dealer_trade_plate_log_guard ON %(table)s;
                CREATE TRIGGER dealer_trade_plate_log_guard BEFORE UPDATE OR DELETE ON %(table)s
                    FOR EACH ROW EXECUTE FUNCTION dealer_trade_plate_log_guard();
                """,
                table=SQL.identifier(self._table),
            )
        )

    @api.depends("correction_ids")
    def _compute_correction_count(self):
        for entry in self:
            entry.correction_count = len(entry.correction_ids)

    def write(self, vals):
        # friendly message in front of the database guard
        if LOG_FIELDS & set(vals) and self.filtered(lambda entry: entry.state == "closed"):
            raise UserError(
                _("A completed trade-plate log entry cannot change: add a correction with the reason instead.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_after_retention(self):
        today = fields.Date.context_today(self)
        kept = self.filtered(lambda entry: entry.state != "closed" or entry.retention_until > today)
        if kept:
            raise UserError(
                _(
                    "Trade-plate log entries are kept at least one year after the drive (§ 41 FZV): "
                    "%(entries)s cannot be deleted yet.",
                    entries=", ".join(f"{entry.plate_name} {entry.date}" for entry in kept),
                )
            )

    # ------------------------------------------------------------------
    # written by the booking
    @api.model
    def _dealer_values_from_booking(self, booking):
        driver = booking.driver_partner_id
        address = driver and ", ".join(
            line for line in driver._display_address(without_company=True).splitlines() if line.strip()
        )
        start = booking.handover_date
        return {
            "booking_id": booking.id,
            "company_id": booking.company_id.id,
            "trade_plate_id": booking.trade_plate_id.id,
            "plate_name": booking.trade_plate_id.name,
            "vehicle_id": booking.vehicle_id.id,
            "date": fields.Date.context_today(booking, start),
            "time_start": start,
            "driver_name": booking.driver_name,
            "driver_address": address or False,
            "vehicle_class": booking.vehicle_body,
            "vehicle_make": booking.vehicle_id.brand_id.name,
            "vehicle_vin": booking.vehicle_vin or booking.vehicle_id.vin_sn,
            "route": ", ".join(filter(None, (booking.destination, booking.purpose))) or False,
        }

    @api.model
    def _dealer_open(self, booking):
        """The entry of a test drive with a trade plate, at handover."""
        return self._dealer_as_action().create(self._dealer_values_from_booking(booking))

    def _dealer_close(self, booking):
        """Complete the entry at return: end time, the driver and route as they stand now."""
        for entry in self.filtered(lambda entry: entry.state == "open"):
            vals = entry._dealer_values_from_booking(booking)
            vals.update(
                {
                    "time_end": booking.return_date,
                    "state": "closed",
                    "retention_until": fields.Date.context_today(booking, booking.return_date) + RETENTION,
                }
            )
            entry._dealer_write(vals)

    def _dealer_restart(self, booking):
        """The handover of a car still out was corrected: the open entry follows it."""
        self.filtered(lambda entry: entry.state == "open")._dealer_write(
            {
                "time_start": booking.handover_date,
                "date": fields.Date.context_today(booking, booking.handover_date),
            }
        )

    def action_add_correction(self):
        self.ensure_one()
        self.env["dealer.trade.plate.log.correction"].check_access("create")
        return {
            "type": "ir.actions.act_window",
            "name": _("Correction"),
            "res_model": "dealer.trade.plate.log.correction",
            "view_mode": "form",
            "target": "new",
            "context": {"default_log_id": self.id},
        }
