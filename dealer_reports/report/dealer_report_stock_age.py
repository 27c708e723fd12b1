from odoo import _, api, fields, models
from odoo.tools import SQL

from odoo.addons.dealer_usedcar.models.fleet_vehicle import DEALER_COST_GROUPS

AGE_BUCKETS = [("0_30", "0-30 days"), ("31_60", "31-60 days"), ("61_90", "61-90 days"), ("90_plus", "Over 90 days")]


class DealerReportStockAge(models.Model):
    """Days in stock per car: from its (last) receipt from a vendor to its delivery to a customer, or
    to today while it is in stock; the capital it binds is its value in stock (its own layers, as
    the vehicle cost ledger reads them)."""

    _name = "dealer.report.stock.age"
    _inherit = ["dealer.report.summary.mixin"]
    _description = "Stock Age Analysis"
    _auto = False
    _rec_name = "vehicle_id"
    _dealer_summary_groupby = "age_bucket"
    _dealer_summary_measures = ("car_count", "days_in_stock", "stock_value", "list_price")
    _dealer_summary_date_field = "date_in"
    _order = "days_in_stock desc, id desc"
    _depends = {
        "stock.valuation.layer": [
            "lot_id",
            "company_id",
            "value",
            "quantity",
            "stock_move_id",
            "dealer_reconditioning_id",
        ],
        "stock.move": ["date", "location_id", "location_dest_id", "purchase_line_id"],
        "purchase.order.line": ["partner_id"],
        "dealer.reconditioning": ["kind"],
        "stock.location": ["usage", "warehouse_id"],
        "stock.quant": ["lot_id", "location_id", "quantity"],
        "stock.lot": ["name", "fleet_vehicle_id"],
        "fleet.vehicle": ["brand_id", "model_id", "company_id", "dealer_list_price"],
        "sale.order.line": ["order_id", "dealer_vehicle_id"],
        "sale.order": ["partner_id", "state"],
    }

    vehicle_id = fields.Many2one("fleet.vehicle", string="Car", readonly=True)
    lot_id = fields.Many2one("stock.lot", string="Serial Number (VIN)", readonly=True)
    vin = fields.Char(string="VIN", readonly=True)
    brand_id = fields.Many2one("fleet.vehicle.model.brand", string="Brand", readonly=True)
    model_id = fields.Many2one("fleet.vehicle.model", string="Model", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", string="Warehouse", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    in_stock = fields.Boolean(string="In Stock", readonly=True)
    date_in = fields.Date(string="Received on", readonly=True)
    date_out = fields.Date(string="Delivered on", readonly=True)
    days_in_stock = fields.Integer(string="Days in Stock", readonly=True, aggregator="avg")
    age_bucket = fields.Selection(AGE_BUCKETS, string="Age", readonly=True)
    car_count = fields.Integer(string="Cars", readonly=True)
    stock_value = fields.Monetary(
        string="Capital Bound",
        readonly=True,
        groups=DEALER_COST_GROUPS,
        help="The car's value in stock (purchase and reconditioning); 0 once delivered.",
    )
    list_price = fields.Monetary(string="Asking Price", readonly=True, aggregator="sum")

    def _select(self):
        in_stock = SQL("(valuation.quantity > 0)")
        date_in = SQL("valuation.date_last_in::date")
        date_out = SQL("CASE WHEN NOT %s THEN valuation.date_out::date END", in_stock)
        days = SQL("(COALESCE(%s, CURRENT_DATE) - %s)", date_out, date_in)
        return SQL(
            """
                valuation.id AS id,
                car.id AS vehicle_id,
                lot.id AS lot_id,
                lot.name AS vin,
                car.brand_id AS brand_id,
                car.model_id AS model_id,
                place.warehouse_id AS warehouse_id,
                valuation.company_id AS company_id,
                company.currency_id AS currency_id,
                sale.partner_id AS partner_id,
                %(in_stock)s AS in_stock,
                %(date_in)s AS date_in,
                %(date_out)s AS date_out,
                %(days)s AS days_in_stock,
                CASE
                    WHEN %(days)s <= 30 THEN '0_30'
                    WHEN %(days)s <= 60 THEN '31_60'
                    WHEN %(days)s <= 90 THEN '61_90'
                    ELSE '90_plus'
                END AS age_bucket,
                1 AS car_count,
                valuation.value AS stock_value,
                car.dealer_list_price AS list_price
            """,
            in_stock=in_stock,
            date_in=date_in,
            date_out=date_out,
            days=days,
        )

    def _from(self):
        return SQL(
            """
                valuation
                JOIN stock_lot lot ON lot.id = valuation.lot_id
                JOIN fleet_vehicle car ON car.id = lot.fleet_vehicle_id
                JOIN res_company company ON company.id = valuation.company_id
                LEFT JOIN LATERAL (
                    SELECT location.warehouse_id
                      FROM stock_quant quant
                      JOIN stock_location location ON location.id = quant.location_id
                     WHERE quant.lot_id = lot.id AND quant.quantity > 0 AND location.usage = 'internal'
                     LIMIT 1
                ) place ON TRUE
                LEFT JOIN LATERAL (
                    SELECT sale_order.partner_id
                      FROM sale_order_line sale_line
                      JOIN sale_order ON sale_order.id = sale_line.order_id
                     WHERE sale_line.dealer_vehicle_id = car.id AND sale_order.state = 'sale'
                     ORDER BY sale_line.id DESC
                     LIMIT 1
                ) sale ON TRUE
            """
        )

    def _where(self):
        """Only the cars received from a vendor have an age."""
        return SQL("valuation.date_last_in IS NOT NULL")

    @property
    def _table_query(self):
        return SQL(
            "WITH %s SELECT %s FROM %s WHERE %s",
            self.env["dealer.report.vehicle.cost"]._with_valuation(),
            self._select(),
            self._from(),
            self._where(),
        )

    # ------------------------------------------------------------------
    # ageing alert
    @api.model
    def _cron_alert_stock_age(self):
        """An activity for each used-car manager of the company on every car in stock longer than
        the company's threshold: once per car and stay in stock (the car remembers the day)."""
        self.invalidate_model()
        rows = self.search([("in_stock", "=", True)])
        managers = self.env.ref("dealer_usedcar.group_dealer_usedcar_manager").users.filtered(
            lambda user: user.active and not user.share
        )
        for row in rows:
            car = row.vehicle_id
            threshold = row.company_id.dealer_stock_age_alert_days
            if not threshold or row.days_in_stock < threshold:
                continue
            if car.dealer_stock_age_alerted_on and car.dealer_stock_age_alerted_on >= row.date_in:
                continue
            for user in managers.filtered(lambda user, company=row.company_id: company in user.company_ids):
                car.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=_("In stock for %(days)s days", days=row.days_in_stock),
                    note=_(
                        "%(car)s has been in stock since %(date)s (%(days)s days, threshold %(threshold)s): "
                        "reprice, promote or sell it to a dealer.",
                        car=car.display_name,
                        date=row.date_in,
                        days=row.days_in_stock,
                        threshold=threshold,
                    ),
                    user_id=user.id,
                )
            car.dealer_stock_age_alerted_on = fields.Date.context_today(self)
