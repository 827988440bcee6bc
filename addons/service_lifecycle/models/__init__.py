# The mixins first: the suite's models inherit them.
from . import service_input_mixin  # isort: skip
from . import service_deadline_mixin  # isort: skip
from . import service_workflow_mixin  # isort: skip
from . import service_visit_mixin  # isort: skip

# The task order: its core, then one file per concern, in this order (each
# extends the previous ones and calls them through super()).
from . import helpdesk_ticket  # isort: skip
from . import helpdesk_ticket_workflow  # isort: skip
from . import helpdesk_ticket_warranty  # isort: skip
from . import helpdesk_ticket_deadline  # isort: skip
from . import helpdesk_ticket_service_flow  # isort: skip
from . import helpdesk_ticket_complaint  # isort: skip
from . import helpdesk_ticket_complaint_review  # isort: skip
from . import helpdesk_ticket_visit  # isort: skip
from . import helpdesk_ticket_complaint_letter  # isort: skip
from . import helpdesk_ticket_report_upwards  # isort: skip
from . import helpdesk_ticket_mail  # isort: skip
from . import (
    crm_consultation,
    crm_lead,
    crm_lead_grade,
    crm_lead_solution,
    helpdesk_ticket_stage,
    helpdesk_ticket_team,
    ir_actions_report,
    mail_activity,
    product_category,
    product_template,
    repair_order,
    res_company,
    res_config_settings,
    res_partner,
    res_partner_file,
    resource_calendar,
    sale_contract_copy,
    sale_contract_department,
    sale_order,
    sale_order_acceptance,
    sale_order_acceptance_issue,
    sale_order_line,
    sale_order_milestone,
    service_complaint_group,
    service_complaint_group_severity,
    service_complaint_measure,
    service_complaint_report,
    service_customer_file,
    service_customer_file_access,
    service_escalation,
    service_feedback_channel,
    service_feedback_channel_check,
    service_hotline_script,
    service_knowledge_article,
    service_policy_rule,
    service_warranty_policy,
    stock_picking,
)
