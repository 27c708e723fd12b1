from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

REPORTS = {
    "dealer.report.appraisal": "dealer_reports.action_dealer_report_appraisal",
    "dealer.report.purchase": "dealer_reports.action_dealer_report_purchase",
    "dealer.report.sale": "dealer_reports.action_dealer_report_sale",
    "dealer.report.transfer": "dealer_reports.action_dealer_report_transfer",
    "dealer.report.job": "dealer_reports.action_dealer_report_job",
    "dealer.report.booking": "dealer_reports.action_dealer_report_booking",
}


@tagged("post_install", "-at_install")
class TestReportViewsForTheAnalyst(TransactionCase):
    """What the analyst opens: the menu, the views, the favourites and the print menu of every report."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.analyst = new_test_user(
            cls.env,
            login="views_analyst",
            groups="dealer_reports.group_dealer_reports",
            company_ids=[Command.set(cls.env.company.ids)],
        )

    def test_menus_views_favourites_and_print_menu_of_every_report(self):
        visible = self.env["ir.ui.menu"].with_user(self.analyst)._visible_menu_ids()
        for model, action_xmlid in REPORTS.items():
            with self.subTest(model=model):
                action = self.env.ref(action_xmlid)
                menu = self.env["ir.ui.menu"].search([("action", "=", f"ir.actions.act_window,{action.id}")])
                self.assertIn(menu.id, visible)
                Report = self.env[model].with_user(self.analyst)
                views = Report.get_views(
                    [(False, "list"), (False, "pivot"), (False, "graph"), (False, "search")], {"toolbar": True}
                )
                self.assertEqual(set(views["views"]), {"list", "pivot", "graph", "search"})
                # the print menu offers the summary
                prints = views["views"]["list"]["toolbar"]["print"]
                summary = self.env.ref(f"dealer_reports.action_report_dealer_{model.split('.')[-1]}_summary")
                self.assertEqual([item["id"] for item in prints], summary.ids)
                # the web client prints by report name: each report model has its own
                self.assertEqual(self.env["ir.actions.report"]._get_report_from_name(summary.report_name).model, model)
                # the list's rows with their names, as the web client reads them
                spec = {
                    name: {"fields": {"display_name": {}}} if field.type == "many2one" else {}
                    for name, field in Report._fields.items()
                    if field.store and name != "id"
                }
                Report.web_search_read([], spec, limit=5)
                favourites = self.env["ir.filters"].search([("action_id", "=", action.id)])
                self.assertGreaterEqual(len(favourites), 2)
                for favourite in favourites:
                    context = safe_eval(favourite.context)
                    groupby = context.get("group_by") or []
                    measures = [
                        f"{name}:{Report._fields[name].aggregator or 'sum'}"
                        for name in context.get("pivot_measures", [])
                    ]
                    Report.web_read_group(safe_eval(favourite.domain), ["__count", *measures], groupby[:1], lazy=True)
