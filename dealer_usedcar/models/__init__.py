from . import res_company
from . import res_config_settings
from . import sale_order
from . import sale_order_line
from . import survey_user_input
from . import dealer_ownership_transfer
from . import dealer_ownership_transfer_line
