from odoo import api, fields, models


class DealerVinWmi(models.Model):
    """World Manufacturer Identifier: the first three characters of a VIN."""

    _name = "dealer.vin.wmi"
    _description = "VIN Manufacturer Identifier"
    _order = "code"
    _rec_name = "code"

    code = fields.Char(required=True, size=3, index=True, help="First three characters of the VIN")
    manufacturer = fields.Char(required=True)
    brand_name = fields.Char(help="Brand as named in Fleet; decoding a VIN sets this brand on the car.")
    country = fields.Char(size=2, help="ISO country code of the manufacturing plant's region")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "UNIQUE(code)", "A manufacturer identifier must be unique."),
        ("code_length", "CHECK(char_length(code) = 3)", "A manufacturer identifier has three characters."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("code"):
                vals["code"] = vals["code"].strip().upper()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("code"):
            vals["code"] = vals["code"].strip().upper()
        return super().write(vals)
