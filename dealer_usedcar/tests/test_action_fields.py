"""No used-car record is born past its first state: states, approval and links are the actions' own."""

from odoo.tests import tagged

from odoo.addons.dealer_jobs.tests.common import ActionFieldsGuardMixin

from .appraisal_common import AppraisalCase
from .common_sale import CarSaleCase
from .test_reconditioning import ReconditioningCase


@tagged("post_install", "-at_install")
class TestAppraisalActionFields(ActionFieldsGuardMixin, AppraisalCase):
    def test_state_car_and_purchase_are_the_actions_only(self):
        order = self.env["purchase.order"].create({"partner_id": self.owner.id})
        self.assertActionFieldsGuarded(
            "dealer.appraisal",
            self.salesperson | self.evaluator | self.uc_manager,
            {"partner_id": self.owner.id, "vin": self.vin, "model_id": self.model.id},
            {"state": "bought", "purchase_id": order, "vehicle_id": self.env["fleet.vehicle"].search([], limit=1)},
        )


@tagged("post_install", "-at_install")
class TestCarSaleActionFields(ActionFieldsGuardMixin, CarSaleCase):
    def test_approval_and_approver_are_the_actions_only(self):
        self.assertActionFieldsGuarded(
            "sale.order",
            self.salesperson | self.approver,
            {"partner_id": self.customer.id, "dealer_payment_method": "financing"},
            {"dealer_approval_state": "approved", "dealer_approved_by": self.salesperson},
        )


@tagged("post_install", "-at_install")
class TestTransferActionFields(ActionFieldsGuardMixin, CarSaleCase):
    def test_state_and_date_done_are_the_actions_only(self):
        sales = {}
        for user, vin in ((self.salesperson, "WVWZZZ1KZSW600101"), (self.approver, "WVWZZZ1KZSW600102")):
            sales[user] = self.make_sale(car=self.make_stock_car(vin))
            self.approve(sales[user])
        self.assertActionFieldsGuarded(
            "dealer.ownership.transfer",
            self.salesperson | self.approver,
            lambda user: {"sale_id": sales[user].id},
            {"state": "done", "date_done": "2026-01-02"},
        )


@tagged("post_install", "-at_install")
class TestReconditioningActionFields(ActionFieldsGuardMixin, ReconditioningCase):
    def test_state_and_its_bill_are_the_actions_only(self):
        self.assertActionFieldsGuarded(
            "dealer.reconditioning",
            self.salesperson | self.manager,
            {"vehicle_id": self.car_1.id},
            {
                "state": "done",
                "invoice_id": self.env["account.move"].create(
                    {"move_type": "in_invoice", "partner_id": self.workshop.id}
                ),
            },
        )
