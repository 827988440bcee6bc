from . import (
    test_callback_expense,
    test_callback_portal,
    test_callback_survey,
    test_callback_tour,
    test_monthly_report,
    test_res_partner,
    test_rules,
    test_service_callback,
    test_service_callback_report,
)
