from . import dealer_report_vehicle_cost
