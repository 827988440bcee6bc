from . import (
    test_acceptance,
    test_contract_copies,
    test_contract_copies_rpc,
    test_contract_review,
    test_order_tracking,
    test_presale,
    test_rules,
    test_security_groups,
)
