# odoo shell < counts.py: one line "model count" per model of the suite
# (every model the three addons define or extend), all records, archived too.
SUITE = ("service_lifecycle", "service_callback", "service_kpi")
data = (
    env["ir.model.data"]
    .sudo()
    .search([("module", "in", SUITE), ("model", "=", "ir.model")])
)
names = sorted(
    set(env["ir.model"].sudo().browse(data.mapped("res_id")).mapped("model"))
)
for name in names:
    if (
        name not in env
        or env[name]._abstract
        or env[name]._transient
        or not env[name]._auto
    ):
        continue
    count = env[name].sudo().with_context(active_test=False).search_count([])
    print("COUNT", name, count)
