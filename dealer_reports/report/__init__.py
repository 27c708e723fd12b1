from . import dealer_report_summary_mixin
from . import dealer_report_appraisal
from . import dealer_report_sale
