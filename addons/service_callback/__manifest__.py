# Copyright 2026 Kaituo Machinery Service Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Service Callbacks",
    "summary": "Callback programme (回访): plans, callback records with signatures, "
    "reports and supervisor review",
    "version": "18.0.1.1.0",
    "category": "Services/After-Sales",
    "license": "AGPL-3",
    "author": "Kaituo Service Suite",
    "website": "https://github.com/kaituo/service-suite",
    "depends": ["service_lifecycle", "survey", "hr_expense", "portal"],
    "data": [
        "security/service_callback_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_template_data.xml",
        "data/service_callback_expense_limit_data.xml",
        "data/service_callback_rule_data.xml",
        "views/service_callback_views.xml",
        "views/service_callback_report_views.xml",
        "views/service_callback_monthly_report_views.xml",
        "views/service_callback_expense_limit_views.xml",
        "views/service_callback_rule_views.xml",
        "views/hr_expense_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/service_callback_portal_templates.xml",
        "report/service_callback_reports.xml",
        "views/service_callback_menus.xml",
        "views/service_callback_visit_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "service_callback/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/res_users_demo.xml",
        "demo/service_callback_demo.xml",
    ],
    "post_init_hook": "_post_init_hook",
    "application": True,
}
