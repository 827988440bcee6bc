# Copyright 2026 Kaituo Machinery Service Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Service Lifecycle",
    "summary": "Pre-sale, in-sale and after-sale customer service on CRM, Sales "
    "and the helpdesk ticket",
    "version": "18.0.1.0.0",
    "category": "Services/After-Sales",
    "license": "AGPL-3",
    "author": "Kaituo Service Suite",
    "website": "https://github.com/kaituo/service-suite",
    "depends": [
        "crm",
        "sale_management",
        "sale_stock",
        "repair",
        "hr",
        "resource",
        "helpdesk_mgmt",
    ],
    "data": [
        "security/service_lifecycle_security.xml",
        "views/helpdesk_ticket_views.xml",
        "views/service_lifecycle_menus.xml",
    ],
    "application": True,
}
