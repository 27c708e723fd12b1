from . import dealer_booking_handover
from . import dealer_booking_bill
