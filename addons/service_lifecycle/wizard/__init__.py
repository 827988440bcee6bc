from . import (
    sale_contract_return_wizard,
    service_close_wizard,
    service_complaint_handover_wizard,
    service_complaint_summary_wizard,
    service_intake_wizard,
)
