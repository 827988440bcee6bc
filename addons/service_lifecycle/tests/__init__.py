from . import (
    test_deadline_rules,
    test_security_groups,
    test_service_access,
    test_ticket_deadlines,
    test_ticket_flows,
    test_ticket_intake,
    test_warranty_rules,
)
