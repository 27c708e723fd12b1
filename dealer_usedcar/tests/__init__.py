from . import test_security
from . import test_appraisal
from . import test_appraisal_report
from . import test_prospect
from . import test_sale_approval
from . import test_ownership_transfer
from . import test_survey
