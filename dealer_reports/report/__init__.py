from . import dealer_report_vehicle_cost
from . import dealer_report_stock_age
