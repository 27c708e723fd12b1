from . import test_security
from . import test_appraisal
from . import test_appraisal_report
from . import test_prospect
