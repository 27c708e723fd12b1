"""Each approved car sale gets one ownership transfer with its paperwork and deadline."""

from datetime import timedelta

from freezegun import freeze_time

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


@tagged("post_install", "-at_install")
class TestTransferOnlyForAnApprovedSale(TransferCase):
    def test_transfer_of_a_sale_not_approved_is_refused(self):
        quotation = self.make_sale(confirm=False)
        confirmed = self.make_sale(car=self.second_car)
        Transfer = self.env["dealer.ownership.transfer"].with_user(self.salesperson)
        for sale in (quotation, confirmed):
            with self.assertRaisesRegex(UserError, f"{sale.name} is not approved"):
                Transfer.create({"sale_id": sale.id})
        self.approve(confirmed)
        transfer = Transfer.create({"sale_id": confirmed.id})
        self.assertEqual((transfer.vehicle_id, transfer.state), (self.second_car, "draft"))
        with self.assertRaisesRegex(UserError, f"{quotation.name} is not approved"):
            transfer.write({"sale_id": quotation.id})


@tagged("post_install", "-at_install")
class TestUnapprovalAndTheTransfer(TransferCase):
    def test_unapproval_cancels_the_open_transfer_and_approval_reopens_it_with_a_new_deadline(self):
        sale = self.make_sale()
        with freeze_time("2027-01-04 10:00:00"):
            self.approve(sale)
            transfer = self.import_transfers()
        self.assertEqual(transfer.date_deadline, fields.Date.to_date("2027-02-03"))
        self.assertTrue(transfer.activity_ids)

        self.unapprove(sale)
        self.assertEqual(transfer.state, "cancel")
        self.assertFalse(transfer.activity_ids, "nothing left to do for a cancelled transfer")
        with self.assertRaisesRegex(UserError, "cancelled"):
            transfer.with_user(self.salesperson).action_done()
        self.assertFalse(self.import_transfers(user=self.salesperson) - transfer, "no transfer for an un-approved sale")

        with freeze_time("2027-02-15 10:00:00"):
            self.approve(sale)
        self.assertEqual(transfer.state, "draft")
        self.assertEqual(
            transfer.date_deadline,
            fields.Date.to_date("2027-03-17"),
            "the deadline follows the new approval date, not the first approval or the transfer's creation",
        )
        self.assertEqual(transfer.activity_ids.user_id, self.salesperson)
        self.assertEqual(self.import_transfers(), transfer, "still one transfer per sale")

    def test_unapproval_is_refused_once_the_ownership_is_transferred(self):
        sale = self.make_sale()
        self.approve(sale)
        transfer = self.import_transfers()
        transfer.line_ids.done = True
        transfer.action_done()
        with self.assertRaisesRegex(UserError, "transferred already"):
            self.unapprove(sale)
        self.assertEqual((sale.dealer_approval_state, transfer.state), ("approved", "done"))
        self.assertFalse(sale.dealer_invoice_id.reversal_move_ids)
