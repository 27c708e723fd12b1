from . import fleet_vehicle
from . import res_company
from . import res_config_settings
