from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .job_common import JobCase


@tagged("post_install", "-at_install")
class TestJobAccess(JobCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls.make_job()
        cls.others = cls.make_job(user_id=cls.colleague.id, partner_id=cls.partner_a.id)

    def test_salesperson_sees_own_jobs_only(self):
        Job = self.env["dealer.job"].with_user(self.salesperson)
        found = Job.search([("id", "in", (self.own | self.others).ids)])
        self.assertEqual(found, self.own)
        with self.assertRaises(AccessError):
            self.others.with_user(self.salesperson).read(["name"])

    def test_salesperson_sees_jobs_they_created_for_a_colleague(self):
        created = (
            self.env["dealer.job"]
            .with_user(self.salesperson)
            .create({"vehicle_id": self.car.id, "partner_id": self.partner_b.id, "user_id": self.colleague.id})
        )
        self.assertEqual(created.with_user(self.salesperson).partner_id, self.partner_b)

    def test_duplicate_of_a_colleagues_job_is_detected_without_showing_it(self):
        duplicate = (
            self.env["dealer.job"]
            .with_user(self.salesperson)
            .create({"vehicle_id": self.car.id, "partner_id": self.partner_a.id})
        )
        self.assertEqual(duplicate.origin, "duplicate")
        self.assertEqual(duplicate.sudo().duplicate_of_id, self.others)
        with self.assertRaises(AccessError):
            duplicate.read(["duplicate_of_id"])
        self.assertNotIn(self.others.name, str(duplicate.web_read({"origin": {}, "name": {}})))
        self.assertEqual(duplicate.with_user(self.sales_manager).duplicate_of_id, self.others)

    def test_salesperson_cannot_act_on_a_colleagues_job(self):
        with self.assertRaises(AccessError):
            self.others.with_user(self.salesperson).action_mark_lost()
        self.assertEqual(self.others.status, "new")

    def test_salesperson_works_own_job_through_its_phases(self):
        job = self.own.with_user(self.salesperson)
        self.env.ref("dealer_jobs.phase_sale_offer").send_on_activation = False
        job.phase_id = self.env.ref("dealer_jobs.phase_sale_offer")
        job.action_activate_phase()
        self.assertEqual(job.status, "offered")
        with self.assertRaisesRegex(UserError, "never directly"):
            job.write({"progress": "ordered"})
        with self.assertRaisesRegex(UserError, "never directly"):
            job.write({"status": "sold"})
        self.assertEqual(self.own.status, "offered")

    def test_salesperson_cannot_configure_phases_nor_delete_jobs(self):
        with self.assertRaises(AccessError):
            self.env["dealer.job.phase"].with_user(self.salesperson).create({"name": "X", "process": "sale"})
        with self.assertRaises(AccessError):
            self.own.with_user(self.salesperson).unlink()

    def test_sales_manager_sees_all_jobs_and_configures_phases(self):
        Job = self.env["dealer.job"].with_user(self.sales_manager)
        self.assertEqual(Job.search([("id", "in", (self.own | self.others).ids)]), self.own | self.others)
        phase = (
            self.env["dealer.job.phase"]
            .with_user(self.sales_manager)
            .create({"name": "Delivery", "process": "sale", "kind": "custom", "sequence": 45})
        )
        self.assertTrue(phase.exists())
        self.others.with_user(self.sales_manager).action_mark_lost()
        self.assertEqual(self.others.status, "lost")

    def test_plain_dealer_user_has_no_access_to_jobs(self):
        user = self.env["res.users"].create(
            {
                "name": "Service Advisor",
                "login": "advisor",
                "groups_id": [(6, 0, [self.env.ref("dealer_jobs.group_dealer_user").id])],
            }
        )
        with self.assertRaises(AccessError):
            self.env["dealer.job"].with_user(user).search([])
        with self.assertRaises(AccessError):
            self.own.with_user(user).action_mark_lost()

    def test_the_dealer_level_comes_first_in_the_dealer_section_of_the_user_form(self):
        section = self.env.ref("dealer_jobs.module_category_dealer")
        level = self.env.ref("dealer_jobs.group_dealer_salesperson").category_id
        self.assertEqual(level.parent_id, section)
        self.assertEqual(
            (
                self.env.ref("dealer_jobs.group_dealer_user") | self.env.ref("dealer_jobs.group_dealer_manager")
            ).category_id,
            level,
        )

    def test_a_board_shows_the_phases_of_its_process_only(self):
        Job = self.env["dealer.job"].with_context(default_process="purchase")
        groups = Job.read_group([("process", "=", "purchase")], ["phase_id"], ["phase_id"])
        self.assertEqual(len(groups), 5, "every phase of the trade-in process, none of the sale process")
        processes = {self.env["dealer.job.phase"].browse(g["phase_id"][0]).process for g in groups if g["phase_id"]}
        self.assertEqual(processes, {"purchase"})
