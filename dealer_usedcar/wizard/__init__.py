from . import dealer_ownership_transfer_import
