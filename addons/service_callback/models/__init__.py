from . import (
    helpdesk_ticket,
    hr_expense,
    res_company,
    res_config_settings,
    res_partner,
    service_callback,
    service_callback_demo,
    service_callback_expense_limit,
    service_callback_monthly_report,
    service_callback_report,
    survey_user_input,
)
