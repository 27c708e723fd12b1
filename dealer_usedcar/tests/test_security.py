from odoo.tests import TransactionCase, tagged

from odoo.addons.dealer_jobs.tests.common import AddonSecurityMixin


@tagged("post_install", "-at_install")
class TestSecurity(AddonSecurityMixin, TransactionCase):
    addon = "dealer_usedcar"
    menu_xmlid = "dealer_usedcar.menu_dealer_usedcar"
