from . import dealer_booking_handover
from . import dealer_trade_plate_log_export
from . import dealer_booking_bill
