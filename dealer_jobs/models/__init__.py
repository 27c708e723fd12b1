from . import (
    dealer_vin_wmi,
    fleet_vehicle,
    fleet_vehicle_model,
    product_category,
    res_company,
    res_config_settings,
    stock_lot,
)
