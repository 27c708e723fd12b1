from datetime import date

from lxml import html as lxml_html

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.dealer_jobs.tools.vin import with_check_digit as valid_vin  # noqa: F401 (used by the tests)
from odoo.addons.stock_account.tests.test_stockvaluation import _create_accounting_data


def setup_vehicle_valuation(env):
    """Accounts for the automated valuation of the Vehicles category in the current company."""
    stock_input, stock_output, stock_valuation, _expense, stock_journal = _create_accounting_data(env)
    env.ref("dealer_jobs.product_category_vehicles").write(
        {
            "property_stock_account_input_categ_id": stock_input.id,
            "property_stock_account_output_categ_id": stock_output.id,
            "property_stock_valuation_account_id": stock_valuation.id,
            "property_stock_journal": stock_journal.id,
        }
    )
    env["product.category"]._dealer_vehicle_category()  # automated valuation, now that accounts exist
    return stock_valuation


def render_pdf(env, report, res_ids):
    """A real PDF through wkhtmltopdf (Odoo returns HTML in tests unless forced).

    wkhtmltopdf must not call back into the test server, which would wait for the registry the
    test runner holds: a closed port as ``report.url`` makes it skip the remote assets at once.
    """
    env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
    return env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(report, res_ids)


def deliver_cars_with_their_delivery(company):
    """dealer_jobs' own flow: a sold car leaves with its delivery. Where dealer_usedcar is installed
    too, a company may ask for the sale's approval instead (Car Sales Need Approval): the tests of
    dealer_jobs' own flow switch that off for their company."""
    if "dealer_sale_approval" in company._fields:
        company.dealer_sale_approval = False


def render_html(env, report, res_ids):
    """The report's HTML (what its PDF prints), as text."""
    html, _format = env["ir.actions.report"]._render_qweb_html(report, res_ids)
    return html.decode()


class ReportTestMixin:
    """Reading printed documents in tests: ``_render`` a report, ``_text`` of its named elements.

    A mixin (not a test case): the report tests of every addon mix it into their case.
    """

    def _render(self, xmlid, records):
        return render_html(self.env, xmlid, records.ids)

    def _text(self, html, name):
        """The text of the elements called ``name``, blanks collapsed."""
        tree = lxml_html.fromstring(html)
        for block in tree.iter("br", "div", "p", "td", "th", "strong"):
            block.tail = " " + (block.tail or "")  # as printed: one line or cell is not glued to the next
        nodes = tree.xpath("//*[@name=$name]", name=name)
        self.assertTrue(nodes, f"{name} is printed")
        return " ".join(" ".join(node.text_content().split()) for node in nodes)


class DealerCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.dealer_vin_check_digit = True
        cls.brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Testmarke"})
        cls.model = cls.env["fleet.vehicle.model"].create(
            {"name": "Kombi", "brand_id": cls.brand.id, "vehicle_type": "car"}
        )
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.seller = cls.env["res.partner"].create({"name": "Autohandel Verkäufer"})
        cls.dealer_user = new_test_user(
            cls.env, login="dealer_user", groups="dealer_jobs.group_dealer_user", name="Dealer User"
        )
        cls.dealer_manager = new_test_user(
            cls.env, login="dealer_manager", groups="dealer_jobs.group_dealer_manager", name="Dealer Manager"
        )

    @classmethod
    def make_car(cls, vin, **vals):
        # what a car needs to be bought into stock (dealer_usedcar requires it at stock-in)
        stock_in = {"engine_number": f"E{vin[-6:]}", "model_code": "T1"}
        return cls.env["fleet.vehicle"].create({"model_id": cls.model.id, "vin_sn": vin, **stock_in, **vals})


class AddonSecurityMixin:
    """Rights of a dealer addon's menu and groups, configured by class attributes.

    A mixin (not a test case) so that only the addons' own test classes run it.
    """

    allow_inherited_tests_method = True  # Odoo collects only a class's own tests unless told so
    addon = None  # e.g. "dealer_fleet"; its groups are group_<addon>_user / group_<addon>_manager
    menu_xmlid = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.menu = cls.env.ref(cls.menu_xmlid)
        cls.dealer_user = new_test_user(cls.env, login="plain_dealer", groups="dealer_jobs.group_dealer_user")
        cls.user = new_test_user(cls.env, login=f"{cls.addon}_user", groups=f"{cls.addon}.group_{cls.addon}_user")
        cls.manager = new_test_user(
            cls.env, login=f"{cls.addon}_manager", groups=f"{cls.addon}.group_{cls.addon}_manager"
        )

    def test_menu_is_shown_to_the_addon_users_only(self):
        menus = self.env["ir.ui.menu"]
        self.assertIn(self.menu.id, menus.with_user(self.user)._visible_menu_ids())
        self.assertNotIn(self.menu.id, menus.with_user(self.dealer_user)._visible_menu_ids())

    def test_user_is_a_dealer_user_and_no_group_of_the_addon_implies_the_dealer_administrator(self):
        self.assertTrue(self.user.has_group("dealer_jobs.group_dealer_user"))
        self.assertTrue(self.manager.has_group(f"{self.addon}.group_{self.addon}_user"))
        administrator = self.env.ref("dealer_jobs.group_dealer_manager")
        own = self.env["ir.model.data"].search([("module", "=", self.addon), ("model", "=", "res.groups")])
        for group in self.env["res.groups"].browse(own.mapped("res_id")):
            self.assertNotIn(administrator, group.trans_implied_ids, group.full_name)


class ActionFieldsGuardMixin:
    """Assertions that a model's action-only fields (``dealer.action.mixin``) stay its actions'.

    For each user and each forced value: ``create`` with the value, with ``default_<field>`` in the
    context and with the user's own ``ir.default`` is refused, and ``write`` of a record the user
    made is refused; the record made the plain way is in its first state.
    """

    def assertActionFieldsGuarded(self, model, users, create_vals, forced):
        """``create_vals``: the values of a plain record, or a function of the user giving them."""
        vals_of = create_vals if callable(create_vals) else lambda user: create_vals
        for user in users:
            create_vals = vals_of(user)
            Model = self.env[model].with_user(user)
            record = Model.create(dict(create_vals))
            for name, value in forced.items():
                first = record[name]
                with self.subTest(user=user.login, field=name):
                    with self.assertRaises(UserError, msg=f"{model}.create({name}=...) as {user.login}"):
                        Model.create({**create_vals, name: value})
                    with self.assertRaises(UserError, msg=f"default_{name} in context as {user.login}"):
                        Model.with_context(**{f"default_{name}": value}).create(dict(create_vals))
                    with self.assertRaises(UserError, msg=f"{model}.write({name}=...) as {user.login}"):
                        record.write({name: value})
                    self.assertEqual(record[name], first)
                    # a user default (ir.default) is a default like the context's
                    default = self.env["ir.default"].with_user(user)
                    json_value = Model._fields[name].convert_to_write(value, Model)
                    if isinstance(json_value, date):  # datetimes too
                        json_value = Model._fields[name].to_string(json_value)
                    default.set(model, name, json_value, user_id=True)
                    with self.assertRaises(UserError, msg=f"ir.default of {name} as {user.login}"):
                        Model.create(dict(create_vals))
                    default.discard_values(model, name, [json_value])
