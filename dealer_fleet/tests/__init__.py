from . import test_security
from . import test_booking_state
from . import test_booking_handover
from . import test_booking_access
from . import test_booking_race
from . import test_booking_reports
from . import test_booking_action_fields
from . import test_booking_planner
