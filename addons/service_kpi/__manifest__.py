# Copyright 2026 Kaituo Machinery Service Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Service Appraisal",
    "summary": "Service quality indicators, staff appraisals, bonus tiers and trend "
    "dashboards",
    "version": "18.0.1.0.0",
    "category": "Services/After-Sales",
    "license": "AGPL-3",
    "author": "Kaituo Service Suite",
    "website": "https://github.com/kaituo/service-suite",
    "depends": ["service_lifecycle", "service_callback"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/service_kpi_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_activity_type_data.xml",
        "data/service_kpi_indicator_data.xml",
        "data/service_kpi_indicator_texts.xml",
        "views/service_kpi_indicator_views.xml",
        "views/service_kpi_value_views.xml",
        "views/service_kpi_template_views.xml",
        "views/service_kpi_appraisal_views.xml",
        "views/service_kpi_inspection_views.xml",
        "views/service_kpi_penalty_views.xml",
        "views/res_config_settings_views.xml",
        "views/service_kpi_review_mark_views.xml",
        "report/service_kpi_trend_views.xml",
        "report/service_kpi_appraisal_report.xml",
        "wizard/service_kpi_period_run_views.xml",
        "wizard/service_kpi_payroll_export_views.xml",
        "views/service_kpi_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "service_kpi/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/service_kpi_template_demo.xml",
        "demo/service_kpi_demo.xml",
        "demo/service_kpi_review_mark_demo.xml",
    ],
    "application": True,
}
