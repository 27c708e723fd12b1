from . import test_security
from . import test_stock_in
from . import test_reconditioning
from . import test_car_cost
