from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_booking_days_before_pickup = fields.Integer(
        string="Days Before Pickup",
        help="How far ahead a handover may be recorded: 0 = up to the next quarter hour; "
        "n = until 23:59 of the n-th day from today.",
    )
    dealer_booking_reserve_vehicle = fields.Boolean(
        string="Reserve Booked Cars", help="Planning a booking marks its car as reserved until the booking ends."
    )
    dealer_booking_contract_on_handover = fields.Boolean(
        string="Contract on Handover", help="Attach the contract PDF to the booking when the car is handed over."
    )
    dealer_booking_extra_field_id = fields.Many2one(
        "ir.model.fields",
        string="Extra Car Info",
        domain="[('model', '=', 'fleet.vehicle'), "
        "('ttype', 'in', ('char', 'selection', 'integer', 'float', 'many2one', 'date', 'boolean'))]",
        ondelete="set null",
        help="A field of the car copied into the booking at handover and printed on the contract.",
    )
    dealer_advisor_test_drive_id = fields.Many2one("hr.employee", string="Advisor for Test Drives")
    dealer_advisor_replacement_id = fields.Many2one("hr.employee", string="Advisor for Replacement Cars")
    dealer_advisor_rental_id = fields.Many2one("hr.employee", string="Advisor for Rentals")
    dealer_planner_two_line_rows = fields.Boolean(
        string="Planner Rows with Make and Model",
        help="The planner shows each car with its plate and, on a second line, its make and model; "
        "off: the plate only (one line, more cars on the screen).",
    )
    # where the external CRM sync of the company's bookings goes
    dealer_sync_url = fields.Char(
        string="CRM Endpoint URL", help="Bookings are POSTed as JSON to this URL; empty = no sync."
    )
    dealer_sync_token = fields.Char(
        string="CRM Token", groups="base.group_system", help="Sent as “Authorization: Bearer <token>”."
    )
    dealer_sync_max_attempts = fields.Integer(
        string="CRM Sync Attempts",
        default=8,
        help="Failed sends are retried after 1, 2, 4 … minutes (at most an hour); "
        "after this many attempts the message is a dead letter until retried by hand.",
    )

    def _dealer_booking_advisor(self, booking_type):
        """The advisor the company names for a booking type, if any."""
        self.ensure_one()
        field = f"dealer_advisor_{booking_type}_id"
        return self[field] if field in self._fields else self.env["hr.employee"]
