from . import dealer_job_callback
from . import mail_compose_message
