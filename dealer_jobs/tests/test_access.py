from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DealerCase, valid_vin


@tagged("post_install", "-at_install")
class TestAccess(DealerCase):
    def test_dealer_user_reads_and_writes_every_car(self):
        car = self.make_car(valid_vin("WVWZZZ1KZSW000021"))
        as_user = car.with_user(self.dealer_user)
        self.assertEqual(as_user.vin_sn, car.vin_sn)
        as_user.license_plate = "M-DU 1"
        self.assertEqual(car.license_plate, "M-DU 1")
        new = (
            self.env["fleet.vehicle"]
            .with_user(self.dealer_user)
            .create({"model_id": self.model.id, "vin_sn": valid_vin("WVWZZZ1KZSW000022")})
        )
        self.assertTrue(new.exists())

    def test_dealer_user_reads_where_a_car_is_in_stock_but_moves_no_stock(self):
        car = self.make_car(valid_vin("WVWZZZ1KZSW000025"), dealer_usage="stock")
        car._dealer_receive(self.warehouse, self.seller, price_unit=15000)
        self.assertFalse(self.dealer_user.has_group("stock.group_stock_user"))
        as_user = car.with_user(self.dealer_user)
        self.assertEqual(as_user.stock_location_id, self.warehouse.lot_stock_id)
        self.assertEqual(as_user.lot_id.name, car.vin_sn)
        with self.assertRaises(AccessError):
            self.env["stock.picking"].with_user(self.dealer_user).create(
                {"picking_type_id": self.warehouse.in_type_id.id}
            )
        with self.assertRaises(AccessError):
            as_user.lot_id.name = "WVWZZZ1KZSW000000"

    def test_dealer_user_cannot_delete_cars(self):
        car = self.make_car(valid_vin("WVWZZZ1KZSW000023"))
        with self.assertRaises(AccessError):
            car.with_user(self.dealer_user).unlink()

    def test_dealer_user_cannot_change_settings(self):
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.dealer_user).create({"dealer_vin_check_digit": False})
        with self.assertRaises(AccessError):
            self.company.with_user(self.dealer_user).write({"dealer_vin_check_digit": False})

    def test_dealer_user_reads_but_cannot_edit_the_manufacturer_table(self):
        wmi = self.env["dealer.vin.wmi"].with_user(self.dealer_user)
        self.assertTrue(wmi.search([("code", "=", "WVW")]))
        with self.assertRaises(AccessError):
            wmi.create({"code": "ZZZ", "manufacturer": "Nobody"})

    def test_dealer_manager_configures_models_and_manufacturers(self):
        model = self.model.with_user(self.dealer_manager)
        model.name = "Kombi II"
        self.assertEqual(self.model.name, "Kombi II")
        wmi = self.env["dealer.vin.wmi"].with_user(self.dealer_manager).create({"code": "zzz", "manufacturer": "Z"})
        self.assertEqual(wmi.code, "ZZZ")
        self.make_car(valid_vin("WVWZZZ1KZSW000024")).with_user(self.dealer_manager).unlink()
