"""Base class for root scenarios: Odoo test cases outside an addon need their tags set."""

from odoo.tests import TransactionCase


class RootTransactionCase(TransactionCase):
    test_module = "tests"
    test_tags = {"standard", "at_install"}
    test_class = None
