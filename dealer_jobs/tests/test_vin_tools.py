from odoo.tests import BaseCase, TransactionCase, tagged

from odoo.addons.dealer_jobs.tools import vin


@tagged("post_install", "-at_install")
class TestVinTools(BaseCase):
    def test_normalize_strips_blanks_and_separators_and_upper_cases(self):
        self.assertEqual(vin.normalize_vin(" 1m8gdm9a xkp-042788 "), "1M8GDM9AXKP042788")
        self.assertIs(vin.normalize_vin(""), False)
        self.assertIs(vin.normalize_vin("  "), False)

    def test_check_digit_of_reference_vins(self):
        # Reference VINs from published check-digit examples
        self.assertEqual(vin.vin_check_digit("1M8GDM9AXKP042788"), "X")
        self.assertEqual(vin.vin_check_digit("11111111111111111"), "1")
        self.assertEqual(vin.vin_check_digit("1HGCM82633A004352"), "3")

    def test_format_errors(self):
        self.assertIsNone(vin.vin_format_error("1M8GDM9AXKP042788"))
        self.assertEqual(vin.vin_format_error("1M8GDM9AXKP04278"), "length")
        self.assertEqual(vin.vin_format_error("1M8GDM9AXKP0427O8"), "ioq")
        self.assertEqual(vin.vin_format_error("1M8GDM9AXKP0427_8"), "chars")

    def test_model_year_takes_latest_cycle_not_in_future(self):
        self.assertEqual(vin.vin_model_year("1M8GDM9AXKP042788", 2027), 2019)  # K
        self.assertEqual(vin.vin_model_year("1M8GDM9AXKP042788", 2005), 1989)
        self.assertEqual(vin.vin_model_year("WVWZZZ1KZSW000001", 2027), 2025)  # S
        self.assertEqual(vin.vin_model_year("WVWZZZ1KZ9W000001", 2027), 2009)  # 9
        self.assertIs(vin.vin_model_year("WVWZZZ1KZUW000001", 2027), False)  # U is not a year code


@tagged("post_install", "-at_install")
class TestVinError(TransactionCase):
    """One VIN validation for vehicles and appraisals, in the user's language."""

    def test_the_message_names_what_is_wrong_and_the_check_digit_only_when_asked(self):
        self.assertIsNone(vin.vin_error(self.env, "1M8GDM9AXKP042788", check_digit=True))
        self.assertIn("a VIN has exactly 17", vin.vin_error(self.env, "1M8GDM9AXKP04278"))
        self.assertIn("I, O or Q", vin.vin_error(self.env, "1M8GDM9AXKP0427O8"))
        self.assertIn("only the letters", vin.vin_error(self.env, "1M8GDM9AXKP0427_8"))
        wrong_digit = "1M8GDM9A1KP042788"
        self.assertIsNone(vin.vin_error(self.env, wrong_digit))
        self.assertIn("check digit 1 where X is expected", vin.vin_error(self.env, wrong_digit, check_digit=True))
