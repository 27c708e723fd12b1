from . import dealer_report_summary_mixin
from . import dealer_report_appraisal
from . import dealer_report_sale
from . import dealer_report_purchase
from . import dealer_report_transfer
from . import dealer_report_job
from . import dealer_report_booking
