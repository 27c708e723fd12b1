from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.dealer_jobs.tests.common import setup_vehicle_valuation, valid_vin

from .appraisal_common import PHOTO, AppraisalCase


@tagged("post_install", "-at_install")
class TestAppraisalLinesFromTemplate(AppraisalCase):
    def test_checklist_lines_are_copied_from_the_default_template(self):
        appraisal = self.make_appraisal()
        self.assertEqual(appraisal.check_template_id, self.template)
        self.assertEqual(appraisal.name[:3], "AP/")
        self.assertEqual(
            appraisal.check_line_ids.mapped(lambda line: (line.name, line.section)),
            self.template.item_ids.mapped(lambda item: (item.name, item.section)),
        )
        self.assertEqual(set(appraisal.check_line_ids.mapped("status")), {"ok"})
        self.assertEqual(set(appraisal.check_line_ids.mapped("section")), {"configuration", "accessories", "safety"})

    def test_paperwork_lines_are_one_per_paperwork_type(self):
        appraisal = self.make_appraisal()
        types = self.env["dealer.appraisal.document.type"].search([])
        self.assertEqual(appraisal.document_line_ids.type_id, types)
        self.assertIn(self.env.ref("dealer_usedcar.document_type_registration"), appraisal.document_line_ids.type_id)

    def test_choosing_another_template_replaces_the_lines(self):
        other = self.env["dealer.appraisal.check.template"].create(
            {
                "name": "Short",
                "item_ids": [
                    Command.create({"name": "Charging cable", "section": "accessories"}),
                    Command.create({"name": "Warning triangle", "section": "safety"}),
                ],
            }
        )
        form = Form(self.env["dealer.appraisal"])
        form.partner_id = self.owner
        form.check_template_id = other
        appraisal = form.save()
        self.assertEqual(appraisal.check_line_ids.mapped("name"), ["Charging cable", "Warning triangle"])
        self.assertEqual(appraisal.missing_count, 0)
        appraisal.check_line_ids[0].status = "missing"
        appraisal.check_line_ids[1].status = "damaged"
        self.assertEqual(appraisal.missing_count, 2)


@tagged("post_install", "-at_install")
class TestAppraisalPhotoLimit(AppraisalCase):
    def test_seventh_photo_is_refused(self):
        appraisal = self.make_appraisal()
        appraisal.photo_ids = [Command.create({"image": PHOTO, "caption": f"Side {i}"}) for i in range(6)]
        self.assertEqual(len(appraisal.photo_ids), 6)
        with self.assertRaisesRegex(ValidationError, "at most 6 photos"):
            self.env["dealer.appraisal.photo"].create({"appraisal_id": appraisal.id, "image": PHOTO})
        with self.assertRaisesRegex(ValidationError, "at most 6 photos"):
            appraisal.photo_ids = [Command.create({"image": PHOTO, "caption": "One too many"})]


@tagged("post_install", "-at_install")
class TestAppraisalExpiredPapers(AppraisalCase):
    def test_paper_valid_until_a_past_date_is_expired(self):
        appraisal = self.make_appraisal()
        today = fields.Date.context_today(appraisal)
        inspection, insurance = appraisal.document_line_ids.filtered("has_validity")[:2]
        inspection.write({"present": True, "valid_until": today - timedelta(days=1)})
        insurance.write({"present": True, "valid_until": today + timedelta(days=30)})
        self.assertTrue(inspection.expired)
        self.assertFalse(insurance.expired)
        self.assertEqual(appraisal.expired_document_count, 1)
        insurance.valid_until = today
        self.assertFalse(insurance.expired, "a paper valid until today is still valid today")


@tagged("post_install", "-at_install")
class TestAppraisalStateGuard(AppraisalCase):
    def test_state_is_never_written_directly(self):
        appraisal = self.make_appraisal()
        with self.assertRaisesRegex(UserError, "through its buttons"):
            appraisal.write({"state": "done"})
        with self.assertRaisesRegex(UserError, "through its buttons"):
            appraisal.write({"purchase_id": self.env["purchase.order"].search([], limit=1).id})
        with self.assertRaisesRegex(UserError, "never directly"):
            self.make_appraisal(vin=valid_vin("WVWZZZAUZKW512346"), state="bought")
        self.assertEqual(appraisal.state, "draft")

    def test_done_needs_an_offered_price_and_a_vin(self):
        appraisal = self.make_appraisal(price_offered=0)
        with self.assertRaisesRegex(UserError, "price offered"):
            appraisal.action_done()
        appraisal.write({"price_offered": 14500, "vin": False})
        with self.assertRaisesRegex(UserError, "VIN"):
            appraisal.action_done()
        self.assertEqual(appraisal.state, "draft")
        appraisal.vin = self.vin
        appraisal.action_done()
        self.assertEqual(appraisal.state, "done")
        appraisal.action_done()  # a second click changes nothing
        self.assertEqual(appraisal.state, "done")

    def test_bad_vin_is_a_clear_error(self):
        with self.assertRaisesRegex(ValidationError, "exactly 17"):
            self.make_appraisal(vin="WVWZZZAUZKW51234")
        with self.assertRaisesRegex(ValidationError, "I, O or Q"):
            self.make_appraisal(vin="WVWZZZAUZKW51234O")
        wrong_digit = self.vin[:8] + ("1" if self.vin[8] != "1" else "2") + self.vin[9:]
        with self.assertRaisesRegex(ValidationError, "check digit"):
            self.make_appraisal(vin=wrong_digit)

    def test_vin_is_normalised(self):
        appraisal = self.make_appraisal(vin=" " + self.vin[:8].lower() + "-" + self.vin[8:] + " ")
        self.assertEqual(appraisal.vin, self.vin)

    def test_lost_appraisal_cannot_be_bought(self):
        appraisal = self.make_appraisal()
        appraisal.action_done()
        appraisal.action_lost()
        self.assertEqual(appraisal.state, "lost")
        with self.assertRaisesRegex(UserError, "Buying the car is not possible"):
            appraisal.action_buy()
        self.assertFalse(appraisal.purchase_id)
        appraisal.action_reset()
        self.assertEqual(appraisal.state, "draft")

    def test_draft_appraisal_cannot_be_bought(self):
        appraisal = self.make_appraisal()
        with self.assertRaisesRegex(UserError, "Buying the car is not possible"):
            appraisal.action_buy()


@tagged("post_install", "-at_install")
class TestAppraisalBuy(AppraisalCase):
    def test_buy_creates_the_stock_car_and_a_draft_purchase_at_the_offered_price(self):
        appraisal = self.make_appraisal(engine_number="CJZ 123456", model_code="AU")
        appraisal.action_done()
        action = appraisal.action_buy()
        self.assertEqual(appraisal.state, "bought")
        car = appraisal.vehicle_id
        self.assertEqual(car.vin_sn, self.vin)
        self.assertEqual(car.model_id, self.model)
        self.assertEqual(car.color, "Moonstone Grey")
        self.assertEqual(car.acquisition_date, fields.Date.to_date("2019-03-08"))
        self.assertEqual(car.dealer_usage, "stock")
        self.assertEqual(car.engine_number, "CJZ 123456")
        self.assertEqual(car.odometer, 86400)
        order = appraisal.purchase_id
        self.assertEqual(action["res_id"], order.id)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.partner_id, self.owner)
        self.assertEqual(order.origin, appraisal.name)
        self.assertEqual(len(order.order_line), 1)
        line = order.order_line
        self.assertEqual(line.product_id, self.model._dealer_get_product())
        self.assertEqual(line.product_qty, 1)
        self.assertEqual(line.price_unit, 14500.0)
        self.assertEqual(line.dealer_vehicle_id, car)
        self.assertEqual(order.currency_id, self.company.currency_id)

    def test_buying_twice_returns_the_same_purchase(self):
        appraisal = self.make_appraisal()
        appraisal.action_done()
        first = appraisal.action_buy()
        second = appraisal.action_buy()
        self.assertEqual(first["res_id"], second["res_id"])
        self.assertEqual(self.env["purchase.order"].search_count([("origin", "=", appraisal.name)]), 1)
        self.assertEqual(self.env["fleet.vehicle"].search_count([("vin_sn", "=", self.vin)]), 1)

    def test_buy_reuses_the_car_with_the_same_vin(self):
        customer_car = self.make_car(self.vin, dealer_usage="customer", owner_id=self.owner.id, engine_number=False)
        appraisal = self.make_appraisal(engine_number="CJZ 999")
        appraisal.action_done()
        appraisal.action_buy()
        self.assertEqual(appraisal.vehicle_id, customer_car)
        self.assertEqual(appraisal.purchase_id.order_line.dealer_vehicle_id, customer_car)
        self.assertEqual(customer_car.engine_number, "CJZ 999", "what the car lacked is filled from the appraisal")
        self.assertEqual(self.env["fleet.vehicle"].search_count([("vin_sn", "=", self.vin)]), 1)

    def test_buy_refuses_a_car_already_in_stock(self):
        setup_vehicle_valuation(self.env)
        car = self.make_car(self.vin, dealer_usage="stock")
        car._dealer_receive(self.warehouse, self.seller, price_unit=10000)
        appraisal = self.make_appraisal()
        appraisal.action_done()
        with self.assertRaisesRegex(UserError, "already in stock"):
            appraisal.action_buy()
        self.assertEqual(appraisal.state, "done")
        self.assertFalse(appraisal.purchase_id)

    def test_vin_onchange_decodes_the_brand(self):
        wmi = self.env["dealer.vin.wmi"].search([("code", "=", "WVW")])
        wmi_vals = {"code": "WVW", "manufacturer": "Volkswagen AG", "brand_name": "Testmarke", "country": "DE"}
        if wmi:
            wmi.write(wmi_vals)
        else:
            wmi.create(wmi_vals)
        form = Form(self.env["dealer.appraisal"])
        form.partner_id = self.owner
        form.vin = self.vin.lower()
        self.assertEqual(form.vin, self.vin)
        self.assertEqual(form.brand_id, self.brand)


@tagged("post_install", "-at_install")
class TestAppraisalSecondCompany(AppraisalCase):
    def test_buy_in_a_second_company_makes_its_own_car_and_purchase(self):
        company_2 = self.env["res.company"].create(
            {"name": "Autohaus Zwei", "currency_id": self.company.currency_id.id}
        )
        self.env.user.company_ids += company_2
        car_company_1 = self.make_car(self.vin, dealer_usage="customer", owner_id=self.owner.id)
        Appraisal = self.env["dealer.appraisal"].with_company(company_2)
        appraisal = Appraisal.create(
            {
                "partner_id": self.owner.id,
                "vin": self.vin,
                "model_id": self.model.id,
                "price_offered": 9000,
                "company_id": company_2.id,
            }
        )
        self.assertTrue(appraisal.check_line_ids, "the shared default checklist serves every company")
        appraisal.action_done()
        appraisal.action_buy()
        self.assertNotEqual(appraisal.vehicle_id, car_company_1)
        self.assertEqual(appraisal.vehicle_id.company_id, company_2)
        self.assertEqual(appraisal.purchase_id.company_id, company_2)
        self.assertEqual(appraisal.purchase_id.picking_type_id.company_id, company_2)
        self.assertEqual(appraisal.purchase_id.order_line.price_unit, 9000.0)
        # a user of the first company only does not see it
        self.assertFalse(
            self.env["dealer.appraisal"].with_user(self.uc_manager).search([("id", "=", appraisal.id)]),
        )


@tagged("post_install", "-at_install")
class TestAppraisalRights(AppraisalCase):
    def test_salesperson_sees_own_appraisals_evaluator_and_manager_all(self):
        own = self.make_appraisal(user_id=self.salesperson.id)
        other = self.make_appraisal(user_id=self.salesperson_2.id, vin=valid_vin("WVWZZZAUZKW512346"))
        Appraisal = self.env["dealer.appraisal"]
        both = own | other
        self.assertEqual(Appraisal.with_user(self.salesperson).search([("id", "in", both.ids)]), own)
        with self.assertRaises(AccessError):
            other.with_user(self.salesperson).read(["name"])
        with self.assertRaises(AccessError):
            other.check_line_ids.with_user(self.salesperson).read(["name"])
        self.assertEqual(Appraisal.with_user(self.evaluator).search([("id", "in", both.ids)]), both)
        self.assertEqual(Appraisal.with_user(self.uc_manager).search([("id", "in", both.ids)]), both)

    def test_salesperson_sees_what_he_created(self):
        created = (
            self.env["dealer.appraisal"]
            .with_user(self.salesperson)
            .create({"partner_id": self.owner.id, "user_id": self.salesperson_2.id})
        )
        created.with_user(self.salesperson).read(["name"])
        self.assertTrue(created.with_user(self.salesperson).check_line_ids)

    def test_plain_dealer_user_has_no_access(self):
        self.make_appraisal()
        with self.assertRaises(AccessError):
            self.env["dealer.appraisal"].with_user(self.dealer_user).search([])
        with self.assertRaises(AccessError):
            self.env["dealer.appraisal.check.template"].with_user(self.dealer_user).search([])

    def test_only_managers_configure_checklists(self):
        with self.assertRaises(AccessError):
            self.template.with_user(self.evaluator).name = "Changed"
        self.template.with_user(self.uc_manager).name = "Changed"

    def test_salesperson_cannot_delete_an_appraisal(self):
        own = self.make_appraisal(user_id=self.salesperson.id)
        with self.assertRaises(AccessError):
            own.with_user(self.salesperson).unlink()
