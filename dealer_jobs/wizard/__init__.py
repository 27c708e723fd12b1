from . import dealer_job_callback
from . import mail_compose_message
from . import dealer_quote_reject
from . import dealer_tracking_wizard
