from odoo import api, fields, models

# Markets whose regulations make the ISO 3779 check digit (9th character) mandatory
VIN_CHECK_DIGIT_COUNTRIES = ("US", "CA", "CN")


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_vin_check_digit = fields.Boolean(
        string="VIN Check Digit",
        compute="_compute_dealer_vin_check_digit",
        store=True,
        readonly=False,
        help="Verify the ISO 3779 check digit (9th character) of every VIN. "
        "Required in North America and China; on by default for companies there.",
    )

    dealer_send_order_confirmation = fields.Boolean(
        string="Send Order Confirmation Automatically",
        help="When a quotation is confirmed, the order confirmation (with its PDF) is mailed to the customer.",
    )
    dealer_ask_tracking_numbers = fields.Boolean(
        string="Ask for Tracking Numbers",
        help="Validating a sale order's delivery to the customer first asks for its tracking numbers; "
        "the customer gets the shipping confirmation with the delivery slip.",
    )

    @api.depends("country_id")
    def _compute_dealer_vin_check_digit(self):
        for company in self:
            company.dealer_vin_check_digit = company.country_id.code in VIN_CHECK_DIGIT_COUNTRIES

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # Cars are valued one by one in every company (automated once its chart of accounts is loaded)
        self.env["product.category"]._dealer_setup_vehicle_valuation(companies)
        return companies
