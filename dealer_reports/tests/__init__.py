from . import test_security
from . import test_report_vehicle_cost
from . import test_report_stock_age
from . import test_report_model_repair
from . import test_report_xlsx
