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
    "data": [
        "security/service_kpi_security.xml",
        "security/ir.model.access.csv",
        "views/service_kpi_indicator_views.xml",
        "views/service_kpi_menus.xml",
    ],
    "application": True,
}
