from . import test_security
from . import test_report_appraisal
from . import test_report_sale
