from . import dealer_booking_handover
