from . import test_security
from . import test_report_appraisal
from . import test_report_sale
from . import test_report_purchase
from . import test_report_transfer
from . import test_report_job
from . import test_report_booking
from . import test_report_views
