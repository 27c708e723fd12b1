from .common import ActionFieldsGuardMixin
from .job_common import JobCase


class TestJobActionFields(ActionFieldsGuardMixin, JobCase):
    def test_progress_lost_and_status_are_the_actions_only(self):
        self.assertActionFieldsGuarded(
            "dealer.job",
            self.salesperson | self.sales_manager,
            {"vehicle_id": self.car.id, "partner_id": self.customer.id},
            {"progress": "ordered", "lost": True, "status": "sold"},
        )
