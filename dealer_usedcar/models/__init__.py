from . import purchase_order
from . import purchase_order_line
from . import stock_move
from . import fleet_vehicle
from . import dealer_reconditioning
from . import dealer_reconditioning_line
from . import dealer_usedcar_stock
