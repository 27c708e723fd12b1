from . import dealer_trade_plate
from . import dealer_booking
from . import dealer_booking_planner
from . import fleet_vehicle
from . import repair_order
from . import res_company
from . import res_config_settings
