from odoo import fields, models


class ResCompany(models.Model):
    """Where the external CRM sync of the company's bookings goes."""

    _inherit = "res.company"

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
