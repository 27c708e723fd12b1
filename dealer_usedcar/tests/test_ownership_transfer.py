"""Each approved car sale gets one ownership transfer with its paperwork and deadline."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_sale import CarSaleCase


class TransferCase(CarSaleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.second_car = cls.make_stock_car("WVWZZZ1KZSW600003")

    def approved_sales(self):
        first = self.make_sale()
        second = self.make_sale(car=self.second_car)
        self.approve(first)
        self.approve(second)
        return first, second

    def import_transfers(self, user=None):
        wizard = self.env["dealer.ownership.transfer.import"].with_user(user or self.approver).create({})
        wizard.action_import()
        return self.env["dealer.ownership.transfer"].search([("company_id", "=", self.company.id)])


@tagged("post_install", "-at_install")
class TestTransferImportCreatesOnePerApprovedSale(TransferCase):
    def test_import_creates_one_transfer_per_approved_sale_and_not_twice(self):
        first, second = self.approved_sales()
        not_approved = self.make_sale(car=self.make_stock_car("WVWZZZ1KZSW600004"))
        transfers = self.import_transfers()
        self.assertEqual(transfers.sale_id, first | second)
        self.assertNotIn(not_approved, transfers.sale_id)
        transfer = transfers.filtered(lambda t: t.sale_id == first)
        self.assertEqual(
            (transfer.vehicle_id, transfer.partner_id, transfer.user_id, transfer.state),
            (self.car, self.customer, self.salesperson, "draft"),
        )
        self.assertTrue(transfer.name.startswith("OT/"))
        self.assertEqual(transfer.date_deadline, fields.Date.to_date(first.dealer_approved_date) + timedelta(days=30))
        self.assertEqual(self.import_transfers(), transfers, "a second import creates nothing")

    def test_deadline_follows_the_company_setting_and_the_salesperson_gets_an_activity(self):
        self.company.dealer_transfer_days = 10
        first, _second = self.approved_sales()
        transfer = self.import_transfers().filtered(lambda t: t.sale_id == first)
        approved_on = fields.Date.to_date(first.dealer_approved_date)
        self.assertEqual(transfer.date_deadline, approved_on + timedelta(days=10))
        activity = transfer.activity_ids
        self.assertEqual(activity.user_id, self.salesperson)
        self.assertEqual(activity.date_deadline, transfer.date_deadline - timedelta(days=3))

    def test_salesperson_imports_only_own_sales(self):
        first, _second = self.approved_sales()
        other_user = self.salesperson.copy({"login": "uc_other_salesperson"})
        self.assertFalse(self.import_transfers(user=other_user))
        self.assertEqual(self.import_transfers(user=self.salesperson).sale_id, first | _second)


@tagged("post_install", "-at_install")
class TestTransferDoneNeedsMandatoryPapers(TransferCase):
    def test_done_is_refused_while_mandatory_papers_are_missing(self):
        self.approved_sales()
        transfer = self.import_transfers()[0]
        mandatory = transfer.line_ids.filtered("mandatory")
        self.assertTrue(mandatory and transfer.line_ids - mandatory, "mandatory and optional papers")
        mandatory[1:].done = True
        with self.assertRaisesRegex(UserError, mandatory[0].display_name):
            transfer.with_user(self.salesperson).action_done()
        self.assertEqual(transfer.state, "draft")
        mandatory[0].done = True
        transfer.with_user(self.salesperson).action_done()
        self.assertEqual(transfer.state, "done")
        self.assertEqual(transfer.date_done, fields.Date.context_today(transfer))
        self.assertFalse(transfer.activity_ids, "the reminder is done with the transfer")
        transfer.action_done()  # again: nothing changes
        self.assertEqual(transfer.state, "done")

    def test_state_is_not_written_directly(self):
        self.approved_sales()
        transfer = self.import_transfers()[0]
        with self.assertRaisesRegex(UserError, "never directly"):
            transfer.write({"state": "done"})
        self.assertEqual(transfer.state, "draft")


@tagged("post_install", "-at_install")
class TestTransferOverdueFilter(TransferCase):
    def test_overdue_lists_open_transfers_past_their_deadline(self):
        self.approved_sales()
        late, on_time = self.import_transfers()
        late.date_deadline = fields.Date.today() - timedelta(days=1)
        Transfer = self.env["dealer.ownership.transfer"]
        self.assertEqual(Transfer.search([("is_overdue", "=", True), ("id", "in", (late | on_time).ids)]), late)
        self.assertEqual(Transfer.search([("is_overdue", "=", False), ("id", "in", (late | on_time).ids)]), on_time)
        self.assertTrue(late.is_overdue)
        late.line_ids.done = True
        late.action_done()
        self.assertFalse(Transfer.search([("is_overdue", "=", True), ("id", "in", (late | on_time).ids)]))
