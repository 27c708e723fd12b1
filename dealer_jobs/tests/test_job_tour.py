from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.dealer_jobs.tools.vin import with_check_digit


@tagged("post_install", "-at_install")
class TestJobTour(HttpCase):
    def test_salesperson_creates_a_job_logs_a_call_and_finds_it_on_the_board(self):
        salesperson = new_test_user(
            self.env, login="tour_sales", groups="dealer_jobs.group_dealer_salesperson", name="Tour Sales"
        )
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Tourmarke"})
        model = self.env["fleet.vehicle.model"].create({"name": "Tourwagen", "brand_id": brand.id})
        self.env["fleet.vehicle"].create({"model_id": model.id, "vin_sn": with_check_digit("WVWZZZ1KZSW990001")})
        self.env["res.partner"].create({"name": "Tour Kunde", "email": "tour@example.com"})

        self.start_tour("/odoo", "dealer_job_tour", login=salesperson.login)

        job = self.env["dealer.job"].search([("partner_id.name", "=", "Tour Kunde")])
        self.assertEqual(job.status, "callback")
        self.assertEqual(job.user_id, salesperson)
