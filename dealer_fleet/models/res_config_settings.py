from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_booking_days_before_pickup = fields.Integer(
        related="company_id.dealer_booking_days_before_pickup", readonly=False
    )
    dealer_booking_reserve_vehicle = fields.Boolean(related="company_id.dealer_booking_reserve_vehicle", readonly=False)
    dealer_booking_contract_on_handover = fields.Boolean(
        related="company_id.dealer_booking_contract_on_handover", readonly=False
    )
    dealer_booking_extra_field_id = fields.Many2one(related="company_id.dealer_booking_extra_field_id", readonly=False)
    dealer_advisor_test_drive_id = fields.Many2one(related="company_id.dealer_advisor_test_drive_id", readonly=False)
    dealer_advisor_replacement_id = fields.Many2one(related="company_id.dealer_advisor_replacement_id", readonly=False)
    dealer_advisor_rental_id = fields.Many2one(related="company_id.dealer_advisor_rental_id", readonly=False)
    dealer_planner_two_line_rows = fields.Boolean(related="company_id.dealer_planner_two_line_rows", readonly=False)
    dealer_sync_url = fields.Char(related="company_id.dealer_sync_url", readonly=False)
    dealer_sync_token = fields.Char(related="company_id.dealer_sync_token", readonly=False, groups="base.group_system")
    dealer_sync_max_attempts = fields.Integer(related="company_id.dealer_sync_max_attempts", readonly=False)
