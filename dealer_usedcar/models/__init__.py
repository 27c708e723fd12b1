from . import crm_lead
from . import dealer_appraisal_check_template
from . import dealer_appraisal_check_template_item
from . import dealer_appraisal_check_line
from . import dealer_appraisal_document_type
from . import dealer_appraisal_document_line
from . import dealer_appraisal_photo
from . import dealer_appraisal
