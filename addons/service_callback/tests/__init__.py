from . import (
    test_callback_expense,
    test_callback_planner,
    test_callback_planner_concurrency,
    test_callback_portal,
    test_callback_schedule,
    test_callback_survey,
    test_complaint_callback,
    test_monthly_report,
    test_res_partner,
    test_rules,
    test_service_callback,
    test_service_callback_report,
)
