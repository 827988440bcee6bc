# odoo shell < fill.py: a little of everything the suite stores, through the ORM.
from datetime import date, datetime

from odoo import Command

env = env(context=dict(env.context, tracking_disable=True))
company = env.company
company.contract_review_required = False
Users = env["res.users"].with_context(no_reset_password=True)
agent = Users.create(
    {
        "name": "LC Agent",
        "login": "lc_agent",
        "groups_id": [
            Command.link(env.ref("service_lifecycle.group_phone_agent").id),
            Command.link(env.ref("service_callback.group_callback_agent").id),
        ],
    }
)
tech = Users.create(
    {
        "name": "LC Tech",
        "login": "lc_tech",
        "groups_id": [
            Command.link(env.ref("service_lifecycle.group_hotline_technician").id)
        ],
    }
)
farmer = env["res.partner"].create(
    {"name": "LC Farm", "customer_class": "farmer", "email": "lc@example.com"}
)
product = env["product.product"].create(
    {
        "name": "LC Tractor",
        "type": "consu",
        "is_storable": True,
        "tracking": "serial",
        "list_price": 40000.0,
    }
)
lot = env["stock.lot"].create({"name": "LC-SN-1", "product_id": product.id})
order = env["sale.order"].create(
    {
        "partner_id": farmer.id,
        "order_line": [Command.create({"product_id": product.id})],
    }
)
env["crm.consultation"].create(
    {
        "question": "Price of the LC tractor?",
        "partner_id": farmer.id,
        "answer": "40,000",
    }
)
team = env["helpdesk.ticket.team"].create(
    {
        "name": "LC Hotline",
        "user_id": tech.id,
        "user_ids": [Command.set([agent.id, tech.id])],
    }
)
tickets = env["helpdesk.ticket"].create(
    [
        {
            "name": f"LC ticket {i}",
            "description": "<p>No ignition</p>",
            "partner_id": farmer.id,
            "team_id": team.id,
            "request_type": "repair",
            "product_id": product.id,
            "lot_id": lot.id,
            "duplicate_confirmed": True,
            "received_date": datetime(2025, 6, 2, 1, 0),
        }
        for i in range(5)
    ]
)
env["service.escalation"].create(
    {"ticket_id": tickets[0].id, "symptoms": "Stalls", "question": "<p>Injector?</p>"}
)
env["helpdesk.ticket"]._cron_check_sla()
callbacks = env["service.callback"].create(
    [
        {
            "partner_id": farmer.id,
            "user_id": agent.id,
            "due_datetime": datetime(2025, 6, 3, 2, 0),
        }
        for _i in range(4)
    ]
)
env["service.callback.report"].create(
    {"user_id": agent.id, "report_date": date(2025, 6, 3)}
)
employee = env["hr.employee"].create({"name": "LC Agent", "user_id": agent.id})
template = env["service.kpi.template"].create({"name": "LC Agents"})
env["service.kpi.appraisal"].create(
    {
        "employee_id": employee.id,
        "template_id": template.id,
        "date_from": date(2025, 6, 1),
    }
)
env["service.kpi.penalty"].create(
    {"kind": "incomplete_file", "employee_id": employee.id}
)
env.cr.commit()
print("FILLED", len(tickets), "tickets", len(callbacks), "callbacks")
