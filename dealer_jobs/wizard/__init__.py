from . import dealer_job_callback
