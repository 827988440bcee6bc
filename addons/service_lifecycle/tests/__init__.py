from . import (
    test_acceptance,
    test_contract_copies,
    test_contract_copies_rpc,
    test_contract_review,
    test_deadline_rules,
    test_order_tracking,
    test_presale,
    test_rules,
    test_security_groups,
    test_service_access,
    test_ticket_deadlines,
    test_ticket_flows,
    test_ticket_intake,
    test_warranty_rules,
)
from . import test_service_portal
from . import test_service_tours
