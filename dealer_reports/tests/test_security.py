from odoo.tests import TransactionCase, tagged

from odoo.addons.dealer_jobs.tests.common import AddonSecurityMixin


@tagged("post_install", "-at_install")
class TestSecurity(AddonSecurityMixin, TransactionCase):
    addon = "dealer_reports"
    menu_xmlid = "dealer_reports.menu_dealer_reporting"
