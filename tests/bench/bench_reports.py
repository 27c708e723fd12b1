"""The vehicle cost ledger's pivot (read_group by model and month) on 50,000 cars, against the same
grouping on Odoo's own stock.valuation.layer in the same database.

The history is inserted with SQL once (``setup_reports``): per car a fleet vehicle and its VIN lot,
a done receipt from the vendor with its valuation layer; every fifth car a revaluation layer
(reconditioning); every second car sold: a done delivery with its (negative) layer, a sale order
with the car's line and a posted customer invoice line linked to it.
"""

import os

REPORT_CARS = int(os.environ.get("DEALER_BENCH_REPORT_CARS", 50_000))
MODELS = 20
MONTHS = 24


def setup_reports(env):
    """50,000 cars with their valuation layers, moves and posted invoice lines (SQL, once)."""
    from odoo.tools import SQL

    if env["fleet.vehicle"].search_count([("vin_sn", "=like", "BNCHR%")]):
        return
    from benchmarks import setup_accounting

    setup_accounting(env)
    company = env.company
    brand = env["fleet.vehicle.model.brand"].create({"name": "Bench Reports"})
    models = env["fleet.vehicle.model"].create(
        [{"name": f"Report Model {i}", "brand_id": brand.id, "vehicle_type": "car"} for i in range(MODELS)]
    )
    products = models._dealer_get_product()
    product_by_model = [model._dealer_get_product().id for model in models]
    assert len(products) == MODELS
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    supplier = env.ref("stock.stock_location_suppliers")
    customer_location = env.ref("stock.stock_location_customers")
    seller = env["res.partner"].create({"name": "Bench Report Seller"})
    customer = env["res.partner"].create({"name": "Bench Report Buyer"})
    journal = env["account.journal"].search([("type", "=", "sale"), ("company_id", "=", company.id)], limit=1)
    income = env["account.account"].search(
        [("account_type", "=", "income"), ("company_ids", "in", company.id)], limit=1
    )
    uom = env.ref("uom.product_uom_unit")
    env.flush_all()
    params = {
        "n": REPORT_CARS,
        "company": company.id,
        "currency": company.currency_id.id,
        "models": models.ids,
        "products": product_by_model,
        "n_models": MODELS,
        "months": MONTHS,
        "stock": warehouse.lot_stock_id.id,
        "supplier": supplier.id,
        "customer_location": customer_location.id,
        "seller": seller.id,
        "customer": customer.id,
        "journal": journal.id,
        "income": income.id,
        "uom": uom.id,
    }
    cr = env.cr
    cr.execute(
        SQL(
            """
            CREATE TEMP TABLE bench_car ON COMMIT DROP AS
            SELECT g AS n,
                   (%(models)s::int[])[mod(g, %(n_models)s) + 1] AS model_id,
                   (%(products)s::int[])[mod(g, %(n_models)s) + 1] AS product_id,
                   'BNCHR' || lpad(g::text, 12, '0') AS vin,
                   (now() - interval '1 day' * mod(g * 7, %(months)s * 30))::timestamp AS date_in,
                   5000 + mod(g * 37, 20000) AS cost,
                   mod(g, 2) = 0 AS sold,
                   mod(g, 5) = 0 AS reconditioned
              FROM generate_series(1, %(n)s) AS g
            """,
            **params,
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO fleet_vehicle (model_id, brand_id, company_id, vin_sn, name, active, dealer_usage,
                                       odometer_unit, power_unit, create_uid, write_uid, create_date, write_date)
            SELECT b.model_id, %(brand)s, %(company)s, b.vin, b.vin, TRUE,
                   CASE WHEN b.sold THEN 'customer' ELSE 'stock' END, 'kilometers', 'power', 1, 1, now(), now()
              FROM bench_car b
            """,
            brand=brand.id,
            **params,
        )
    )
    cr.execute("ALTER TABLE bench_car ADD COLUMN vehicle_id int, ADD COLUMN lot_id int, ADD COLUMN move_in int")
    cr.execute("ALTER TABLE bench_car ADD COLUMN date_out timestamp")
    cr.execute("UPDATE bench_car SET date_out = LEAST(date_in + interval '20 days', now()::timestamp)")
    cr.execute("UPDATE bench_car b SET vehicle_id = car.id FROM fleet_vehicle car WHERE car.vin_sn = b.vin")
    cr.execute(
        SQL(
            """
            INSERT INTO stock_lot (name, product_id, company_id, fleet_vehicle_id, create_uid, write_uid,
                                   create_date, write_date)
            SELECT b.vin, b.product_id, %(company)s, b.vehicle_id, 1, 1, now(), now() FROM bench_car b
            """,
            **params,
        )
    )
    cr.execute("UPDATE bench_car b SET lot_id = lot.id FROM stock_lot lot WHERE lot.fleet_vehicle_id = b.vehicle_id")
    cr.execute("UPDATE fleet_vehicle car SET lot_id = b.lot_id FROM bench_car b WHERE car.id = b.vehicle_id")
    # receipts and their layers
    cr.execute(
        SQL(
            """
            INSERT INTO stock_move (name, company_id, product_id, product_uom, product_uom_qty, quantity,
                                    location_id, location_dest_id, procure_method, state, date, origin,
                                    partner_id, create_uid, write_uid, create_date, write_date)
            SELECT 'IN ' || b.vin, %(company)s, b.product_id, %(uom)s, 1, 1, %(supplier)s, %(stock)s,
                   'make_to_stock', 'done', b.date_in, b.vin, %(seller)s, 1, 1, now(), now()
              FROM bench_car b
            """,
            **params,
        )
    )
    cr.execute(
        "UPDATE bench_car b SET move_in = move.id FROM stock_move move WHERE move.origin = b.vin "
        "AND move.name = 'IN ' || b.vin"
    )
    cr.execute(
        SQL(
            """
            INSERT INTO stock_valuation_layer (company_id, product_id, lot_id, stock_move_id, quantity, unit_cost,
                                               value, remaining_qty, remaining_value, description, create_uid,
                                               write_uid, create_date, write_date)
            SELECT %(company)s, b.product_id, b.lot_id, b.move_in, 1, b.cost, b.cost,
                   CASE WHEN b.sold THEN 0 ELSE 1 END, CASE WHEN b.sold THEN 0 ELSE b.cost END,
                   'IN ' || b.vin, 1, 1, b.date_in, b.date_in
              FROM bench_car b
            """,
            **params,
        )
    )
    # reconditioning: a revaluation of every fifth car
    cr.execute(
        SQL(
            """
            INSERT INTO stock_valuation_layer (company_id, product_id, lot_id, quantity, unit_cost, value,
                                               description, create_uid, write_uid, create_date, write_date)
            SELECT %(company)s, b.product_id, b.lot_id, 0, 0, 500, 'Revaluation ' || b.vin, 1, 1,
                   b.date_in + interval '3 days', b.date_in + interval '3 days'
              FROM bench_car b WHERE b.reconditioned
            """,
            **params,
        )
    )
    # sales: delivery, its layer, the order and the posted invoice line
    cr.execute(
        SQL(
            """
            INSERT INTO stock_move (name, company_id, product_id, product_uom, product_uom_qty, quantity,
                                    location_id, location_dest_id, procure_method, state, date, origin,
                                    partner_id, create_uid, write_uid, create_date, write_date)
            SELECT 'OUT ' || b.vin, %(company)s, b.product_id, %(uom)s, 1, 1, %(stock)s, %(customer_location)s,
                   'make_to_stock', 'done', b.date_out, b.vin, %(customer)s, 1, 1, now(), now()
              FROM bench_car b WHERE b.sold
            """,
            **params,
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO stock_valuation_layer (company_id, product_id, lot_id, stock_move_id, quantity, unit_cost,
                                               value, description, create_uid, write_uid, create_date, write_date)
            SELECT %(company)s, b.product_id, b.lot_id, move.id, -1, b.cost,
                   -(b.cost + CASE WHEN b.reconditioned THEN 500 ELSE 0 END), move.name, 1, 1, move.date, move.date
              FROM bench_car b JOIN stock_move move ON move.origin = b.vin AND move.name = 'OUT ' || b.vin
            """,
            **params,
        )
    )
    cr.execute(
        SQL(
            """
            WITH sale AS (
                INSERT INTO sale_order (name, partner_id, partner_invoice_id, partner_shipping_id, company_id,
                                        date_order, state, picking_policy, dealer_approval_state,
                                        dealer_vehicle_id, currency_id, create_uid, write_uid, create_date,
                                        write_date)
                SELECT 'BENCH-S-' || b.n, %(customer)s, %(customer)s, %(customer)s, %(company)s,
                       b.date_in + interval '15 days', 'sale', 'direct', 'approved', b.vehicle_id, %(currency)s,
                       1, 1, now(), now()
                  FROM bench_car b WHERE b.sold
                RETURNING id, dealer_vehicle_id
            )
            INSERT INTO sale_order_line (order_id, name, product_id, product_uom, product_uom_qty, price_unit,
                                         customer_lead, dealer_vehicle_id, company_id, currency_id,
                                         dealer_cart_state, create_uid, write_uid, create_date, write_date)
            SELECT sale.id, 'Car', b.product_id, %(uom)s, 1, b.cost * 1.2, 0, b.vehicle_id, %(company)s,
                   %(currency)s, 'none', 1, 1, now(), now()
              FROM sale JOIN bench_car b ON b.vehicle_id = sale.dealer_vehicle_id
            """,
            **params,
        )
    )
    cr.execute(
        SQL(
            """
            WITH invoice AS (
                INSERT INTO account_move (name, move_type, state, date, invoice_date, journal_id, company_id,
                                          currency_id, partner_id, commercial_partner_id, auto_post, ref,
                                          create_uid, write_uid, create_date, write_date)
                SELECT 'BENCH/INV/' || b.n, 'out_invoice', 'posted', b.date_out::date,
                       b.date_out::date, %(journal)s, %(company)s, %(currency)s,
                       %(customer)s, %(customer)s, 'no', b.vin, 1, 1, now(), now()
                  FROM bench_car b WHERE b.sold
                RETURNING id, ref, date
            )
            INSERT INTO account_move_line (move_id, journal_id, company_id, account_id, partner_id, product_id,
                                           display_type, parent_state, date, currency_id, company_currency_id,
                                           quantity, price_unit, balance, amount_currency, debit, credit, name,
                                           create_uid, write_uid, create_date, write_date)
            SELECT invoice.id, %(journal)s, %(company)s, %(income)s, %(customer)s, b.product_id, 'product',
                   'posted', invoice.date, %(currency)s, %(currency)s, 1, b.cost * 1.2, -b.cost * 1.2,
                   -b.cost * 1.2, 0, b.cost * 1.2, b.vin, 1, 1, now(), now()
              FROM invoice JOIN bench_car b ON b.vin = invoice.ref
            """,
            **params,
        )
    )
    cr.execute(
        """
        INSERT INTO sale_order_line_invoice_rel (order_line_id, invoice_line_id)
        SELECT line.id, aml.id
          FROM bench_car b
          JOIN sale_order_line line ON line.dealer_vehicle_id = b.vehicle_id
          JOIN account_move_line aml ON aml.name = b.vin AND aml.display_type = 'product'
         WHERE b.sold
        """
    )
    for table in (
        "fleet_vehicle",
        "stock_lot",
        "stock_move",
        "stock_valuation_layer",
        "sale_order_line",
        "account_move_line",
        "sale_order_line_invoice_rel",
    ):
        cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    env.invalidate_all()


def ledger_pivot(env):
    """The pivot of the vehicle cost ledger: by model and month sold, the money measures."""
    ledger = env["dealer.report.vehicle.cost"]
    return lambda: ledger.read_group(
        [],
        ["revenue:sum", "fees:sum", "cogs:sum", "margin:sum", "stock_value:sum"],
        ["model_id", "date_in:month"],
        lazy=False,
    )


def layer_pivot(env):
    """Odoo's own: the valuation layers by product and month."""
    layers = env["stock.valuation.layer"]
    return lambda: layers.read_group([], ["value:sum", "quantity:sum"], ["product_id", "create_date:month"], lazy=False)


def ledger_pivot_extra(measure):
    seconds, queries = measure("bench_reports", ledger_pivot, 3)
    verdict = "ok" if seconds <= 1.0 else "SLOW"
    return f"ledger pivot {seconds:.3f}s (absolute target <= 1.0s: {verdict}, {queries} queries)"
