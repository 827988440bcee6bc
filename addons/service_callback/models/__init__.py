# the mixin first: models below inherit it
from . import service_callback_team_mixin  # isort: skip

# the callback, then its workflow, before the files that extend both
from . import service_callback  # isort: skip
from . import service_callback_workflow  # isort: skip
from . import service_callback_appointment  # isort: skip
from . import (
    crm_consultation,
    crm_lead,
    helpdesk_ticket,
    hr_expense,
    hr_expense_sheet,
    repair_order,
    res_company,
    res_config_settings,
    res_partner,
    sale_order,
    service_callback_expense_limit,
    service_callback_figures,
    service_callback_milestone,
    service_callback_monthly_report,
    service_callback_planner,
    service_callback_report,
    service_callback_report_archive,
    service_callback_rule,
    service_callback_rule_anchor,
    service_callback_script,
    service_callback_todo,
    service_callback_week,
    survey_user_input,
)
