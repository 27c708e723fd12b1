from odoo.tests import Form, new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class OrderFlowCase(AccountTestInvoicingCommon):
    """Quotes, orders, the purchase cart and shipments in a company with a chart of accounts: a
    salesperson, a colleague, a sales manager, a purchase user, a storekeeper; parts bought from
    two vendors."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id |= cls.env.ref("dealer_jobs.group_dealer_manager")
        cls.customer = cls.env["res.partner"].create({"name": "Erika Mustermann", "email": "erika@example.com"})
        cls.salesperson = new_test_user(
            cls.env, login="flow_sales", groups="dealer_jobs.group_dealer_salesperson", name="Sam Sales"
        )
        cls.colleague = new_test_user(
            cls.env, login="flow_colleague", groups="dealer_jobs.group_dealer_salesperson", name="Cora Colleague"
        )
        cls.sales_manager = new_test_user(
            cls.env, login="flow_manager", groups="dealer_jobs.group_dealer_sales_manager", name="Mia Manager"
        )
        cls.purchaser = new_test_user(
            cls.env, login="flow_purchaser", groups="base.group_user,purchase.group_purchase_user", name="Paul Purchase"
        )
        cls.storekeeper = new_test_user(
            cls.env, login="flow_store", groups="base.group_user,stock.group_stock_user", name="Stella Store"
        )
        cls.vendor_a = cls.env["res.partner"].create({"name": "Teilegroßhandel A"})
        cls.vendor_b = cls.env["res.partner"].create({"name": "Zubehör B"})
        cls.wheel = cls.make_product("Winter wheel set", 800, cls.vendor_a, 500)
        cls.mat = cls.make_product("Floor mats", 90, cls.vendor_b, 40)
        cls.roof_box = cls.make_product("Roof box", 450, cls.vendor_a, 300)
        cls.no_vendor = cls.make_product("Dealer-made key ring", 5)
        cls.not_purchasable = cls.make_product("Workshop hour", 120, cls.vendor_a, 1, purchase_ok=False)

    @classmethod
    def make_product(cls, name, price, vendor=None, cost=0, **vals):
        return cls.env["product.product"].create(
            {
                "name": name,
                "type": "consu",
                "list_price": price,
                "purchase_ok": True,
                "invoice_policy": "order",
                "seller_ids": [(0, 0, {"partner_id": vendor.id, "price": cost})] if vendor else [],
                **vals,
            }
        )

    def make_order(self, *lines, user=None, partner=None, **vals):
        """A quotation typed by ``user`` (the salesperson) in the form; lines are (product, quantity)."""
        user = user or self.salesperson
        with Form(self.env["sale.order"].with_user(user)) as form:
            form.partner_id = partner or self.customer
            for product, quantity in lines:
                with form.order_line.new() as line:
                    line.product_id = product
                    line.product_uom_qty = quantity
        order = form.record
        if vals:
            order.write(vals)
        return order.with_env(self.env)
