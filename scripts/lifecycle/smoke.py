# odoo shell < smoke.py: after service_kpi is uninstalled, the desk and the
# callbacks still work: intake, escalation, the SLA cron, a callback done.
from datetime import datetime

env = env(context=dict(env.context, tracking_disable=True))
assert "service.kpi.appraisal" not in env, "service_kpi models are still there"
module = env["ir.module.module"].search([("name", "=", "service_kpi")])
assert module.state == "uninstalled", module.state
farmer = env["res.partner"].search([("name", "=", "LC Farm")], limit=1)
team = env["helpdesk.ticket.team"].search([("name", "=", "LC Hotline")], limit=1)
ticket = env["helpdesk.ticket"].create(
    {
        "name": "After uninstall",
        "description": "<p>Leaks oil</p>",
        "partner_id": farmer.id,
        "team_id": team.id,
        "request_type": "repair",
        "duplicate_confirmed": True,
    }
)
env["service.escalation"].create(
    {"ticket_id": ticket.id, "symptoms": "Oil", "question": "<p>Seal?</p>"}
).action_submit()
env["helpdesk.ticket"]._cron_check_sla()
callback = env["service.callback"].search(
    [("partner_id", "=", farmer.id), ("state", "=", "planned")], limit=1
)
callback.write(
    {
        "reached": True,
        "rating": callback._fields["rating"].selection[0][0],
        "usage": "Works",
    }
)
callback.write({"state": "done", "done_datetime": datetime.now()})
assert callback.state == "done"
env["helpdesk.ticket"].search_read([], ["name", "sla_state", "stage_id"])
env["service.callback"].search_read([], ["name", "state", "is_overdue"])
env.cr.rollback()
print("SMOKE OK")
