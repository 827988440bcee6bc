# odoo shell < existing.py: the records crm, sale and helpdesk put in before
# the suite ("IDS model id" lines), and a read of them with the suite's fields.
for name in ("crm.lead", "sale.order", "helpdesk.ticket", "res.partner"):
    for record_id in env[name].with_context(active_test=False).search([]).ids:
        print("IDS", name, record_id)
if "sla_state" in env["helpdesk.ticket"]._fields:
    rows = env["helpdesk.ticket"].search_read(
        [], ["name", "sla_state", "request_type", "stage_id"]
    )
    leads = env["crm.lead"].search_read([], ["name", "stage_id", "type"])
    orders = env["sale.order"].search_read([], ["name", "state", "amount_total"])
    print("READ", len(rows), "tickets", len(leads), "leads", len(orders), "orders")
