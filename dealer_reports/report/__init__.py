from . import dealer_report_vehicle_cost
from . import dealer_report_stock_age
from . import dealer_report_model
from . import dealer_report_repair
