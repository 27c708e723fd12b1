from . import (
    test_access,
    test_job,
    test_job_access,
    test_job_documents,
    test_job_phases,
    test_vehicle_concurrency,
    test_vehicle_decode,
    test_vehicle_stock,
    test_vehicle_unique,
    test_vehicle_vin,
    test_vin_tools,
)
from . import test_job_tour
