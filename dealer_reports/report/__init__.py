from . import dealer_report_vehicle_cost
from . import dealer_report_stock_age
from . import dealer_report_model
from . import dealer_report_repair
from . import dealer_report_xlsx
from . import dealer_report_vehicle_cost_xlsx
from . import dealer_report_stock_age_xlsx
