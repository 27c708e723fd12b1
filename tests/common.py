"""Odoo test cases outside an addon (run by pytest-odoo) need their module and tags set."""


class RootTestMixin:
    test_module = "tests"
    test_tags = {"standard", "at_install"}
    test_class = None
