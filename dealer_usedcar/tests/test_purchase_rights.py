"""Used-car salespeople buy their cars through the appraisal and the stock-in, without Odoo's
Purchase / User right; a buy above the company's limit needs a manager other than the evaluator."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.dealer_jobs.tests.common import valid_vin

from .appraisal_common import AppraisalCase


@tagged("post_install", "-at_install")
class TestUsedCarGroupsImplyNoPurchaseOrAdministratorRights(AppraisalCase):
    def test_salesperson_groups_do_not_imply_purchase_user(self):
        for xmlid in (
            "dealer_usedcar.group_dealer_usedcar_user",
            "dealer_usedcar.group_evaluator",
            "dealer_usedcar.group_sale_approver",
        ):
            implied = self.env.ref(xmlid).trans_implied_ids
            self.assertNotIn(self.env.ref("purchase.group_purchase_user"), implied, xmlid)
        self.assertFalse(self.salesperson.has_group("purchase.group_purchase_user"))

    def test_no_used_car_group_implies_an_administrator_group(self):
        administrators = (
            self.env.ref("base.group_system")
            | self.env.ref("base.group_erp_manager")
            | self.env.ref("dealer_jobs.group_dealer_manager")
            | self.env.ref("purchase.group_purchase_manager")
            | self.env.ref("account.group_account_manager")
            | self.env.ref("stock.group_stock_manager")
        )
        groups = (
            self.env["res.groups"]
            .search([])
            .filtered(lambda group: group.get_external_id()[group.id].startswith("dealer_usedcar."))
        )
        self.assertTrue(groups)
        for group in groups:
            self.assertFalse(group.trans_implied_ids & administrators, group.full_name)


@tagged("post_install", "-at_install")
class TestSalespersonBuysOwnCars(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.model._dealer_get_product()  # the model's stock product, configured by an administrator

    def buy_as(self, user, **vals):
        appraisal = (
            self.env["dealer.appraisal"]
            .with_user(user)
            .create(
                {
                    "partner_id": self.owner.id,
                    "vin": self.vin,
                    "model_id": self.model.id,
                    "price_offered": 14500,
                    **vals,
                }
            )
        )
        appraisal.action_done()
        appraisal.action_buy()
        return appraisal

    def test_the_appraisal_buy_and_stock_in_work_for_a_salesperson(self):
        appraisal = self.buy_as(self.salesperson, engine_number="CJZ 123456", model_code="AU")
        order = appraisal.purchase_id
        self.assertEqual((order.state, order.user_id), ("draft", self.salesperson))
        order.dealer_payment_method = "cash"
        order.picking_type_id = self.warehouse.in_type_id
        order.button_confirm()
        self.assertEqual(order.state, "purchase")
        self.assertEqual(order.picking_ids.move_ids.dealer_vehicle_id, appraisal.vehicle_id)

    def test_salesperson_cannot_read_others_purchase_orders(self):
        own = self.buy_as(self.salesperson).purchase_id
        others = self.env["purchase.order"].create({"partner_id": self.owner.id})
        colleagues = self.buy_as(self.salesperson_2, vin=valid_vin("WVWZZZAUZKW512346")).purchase_id
        PurchaseOrder = self.env["purchase.order"].with_user(self.salesperson)
        visible = PurchaseOrder.search([("id", "in", (own | others | colleagues).ids)])
        self.assertEqual(visible, own)
        for order in others | colleagues:
            with self.assertRaises(AccessError):
                order.with_user(self.salesperson).read(["name"])
        with self.assertRaises(AccessError):
            colleagues.order_line.with_user(self.salesperson).read(["price_unit"])


@tagged("post_install", "-at_install")
class TestBuyAboveTheLimitNeedsASecondPerson(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.dealer_appraisal_approval_amount = 10000
        cls.other_manager = new_test_user(
            cls.env, login="uc_manager_2", groups="dealer_usedcar.group_dealer_usedcar_manager", name="Second Manager"
        )
        cls.model._dealer_get_product()  # the model's stock product, configured by an administrator

    def appraise(self, price, evaluator, vin=None, salesperson=None):
        appraisal = self.make_appraisal(
            price_offered=price,
            evaluator_id=evaluator.id,
            user_id=(salesperson or evaluator).id,
            vin=vin or self.vin,
        )
        appraisal.action_done()
        return appraisal

    def test_the_evaluators_own_buy_above_the_limit_is_refused(self):
        appraisal = self.appraise(14500, self.uc_manager)
        with self.assertRaisesRegex(AccessError, "other than the evaluator"):
            appraisal.with_user(self.uc_manager).action_buy()
        self.assertEqual(appraisal.state, "done")
        self.assertFalse(appraisal.purchase_id)

    def test_a_salesperson_does_not_buy_above_the_limit(self):
        appraisal = self.appraise(14500, self.uc_manager, salesperson=self.salesperson)
        with self.assertRaisesRegex(AccessError, "used-car manager"):
            appraisal.with_user(self.salesperson).action_buy()
        self.assertFalse(appraisal.purchase_id)

    def test_another_manager_buys_above_the_limit(self):
        appraisal = self.appraise(14500, self.uc_manager)
        appraisal.with_user(self.other_manager).action_buy()
        self.assertEqual(appraisal.state, "bought")
        self.assertEqual(appraisal.purchase_id.order_line.price_unit, 14500)

    def test_up_to_the_limit_and_with_the_limit_off_the_evaluator_buys(self):
        appraisal = self.appraise(10000, self.uc_manager)
        appraisal.with_user(self.uc_manager).action_buy()
        self.assertEqual(appraisal.state, "bought")
        self.company.dealer_appraisal_approval_amount = 0
        appraisal = self.appraise(50000, self.uc_manager, vin=valid_vin("WVWZZZAUZKW512346"))
        appraisal.with_user(self.uc_manager).action_buy()
        self.assertEqual(appraisal.state, "bought")
