from odoo.tests import new_test_user

from odoo.addons.dealer_jobs.tests.common import DealerCase, valid_vin

# a 1x1 PNG
PHOTO = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


class AppraisalCase(DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = new_test_user(
            cls.env, login="uc_sales_1", groups="dealer_usedcar.group_dealer_usedcar_user", name="Used-Car Sales 1"
        )
        cls.salesperson_2 = new_test_user(
            cls.env, login="uc_sales_2", groups="dealer_usedcar.group_dealer_usedcar_user", name="Used-Car Sales 2"
        )
        cls.evaluator = new_test_user(
            cls.env, login="uc_evaluator", groups="dealer_usedcar.group_evaluator", name="Evaluator"
        )
        cls.uc_manager = new_test_user(
            cls.env, login="uc_manager", groups="dealer_usedcar.group_dealer_usedcar_manager", name="UC Manager"
        )
        cls.owner = cls.env["res.partner"].create({"name": "Petra Privat", "street": "Lindenweg 3", "city": "Köln"})
        cls.vin = valid_vin("WVWZZZAUZKW512345")
        cls.template = cls.env.ref("dealer_usedcar.check_template_default")

    @classmethod
    def make_appraisal(cls, **vals):
        return cls.env["dealer.appraisal"].create(
            {
                "partner_id": cls.owner.id,
                "vin": cls.vin,
                "model_id": cls.model.id,
                "color": "Moonstone Grey",
                "mileage": 86400,
                "first_registration": "2019-03-08",
                "price_offered": 14500,
                **vals,
            }
        )
