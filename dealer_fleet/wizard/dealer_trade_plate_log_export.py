import base64
import csv
import io
from datetime import datetime

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError

CSV_COLUMNS = (
    "plate_name",
    "date",
    "time_start",
    "time_end",
    "driver_name",
    "driver_address",
    "vehicle_class",
    "vehicle_make",
    "vehicle_vin",
    "route",
)


class DealerTradePlateLogExport(models.TransientModel):
    """The trade-plate log of one plate and period, as the registration office asks for it:
    a PDF (one page per vehicle) or a CSV file."""

    _name = "dealer.trade.plate.log.export"
    _description = "Export Trade Plate Log"

    trade_plate_id = fields.Many2one("dealer.trade.plate", string="Trade Plate", required=True)
    date_from = fields.Date(
        string="From", required=True, default=lambda self: fields.Date.context_today(self).replace(day=1)
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    export_format = fields.Selection([("pdf", "PDF"), ("csv", "CSV")], string="Format", required=True, default="pdf")
    file_data = fields.Binary(string="File", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        if any(wizard.date_to < wizard.date_from for wizard in self):
            raise UserError(_("The period must end after it starts."))

    def _entries(self):
        self.ensure_one()
        return self.env["dealer.trade.plate.log"].search(
            [
                ("trade_plate_id", "=", self.trade_plate_id.id),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ],
            order="vehicle_vin, time_start, id",
        )

    def action_export(self):
        self.ensure_one()
        entries = self._entries()
        if not entries:
            raise UserError(_("Trade plate %(plate)s has no drives in this period.", plate=self.trade_plate_id.name))
        if self.export_format == "pdf":
            return self.env.ref("dealer_fleet.action_report_trade_plate_log").report_action(entries)
        base_name = f"{self.trade_plate_id.name}_{self.date_from}_{self.date_to}".replace(" ", "-")
        self.write({"file_data": base64.b64encode(self._csv(entries)), "file_name": f"{base_name}.csv"})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _csv(self, entries):
        """Semicolon-separated UTF-8 with BOM (opens in a German spreadsheet as is); local times."""
        fields_info = entries.fields_get(list(CSV_COLUMNS), ["string"])
        tz = pytz.timezone(self.env.user.tz or "UTC")
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow([fields_info[name]["string"] for name in CSV_COLUMNS])
        for entry in entries:
            row = []
            for name in CSV_COLUMNS:
                value = entry[name]
                if isinstance(value, datetime):
                    value = pytz.utc.localize(value).astimezone(tz).strftime("%Y-%m-%d %H:%M")
                elif value is False:
                    value = ""
                row.append(str(value))
            writer.writerow(row)
        return ("\ufeff" + buffer.getvalue()).encode()
