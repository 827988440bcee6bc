# Administrators install the addons department by department: each addon must
# install alone with only what it depends on. scripts/test.sh installs
# service_lifecycle alone in <db>_lifecycle and service_callback alone in
# <db>_callback; this reads what those databases hold.
import psycopg2
import pytest

import odoo
from odoo.sql_db import connection_info_for

# database suffix -> (the addon installed alone, modules that must not come with it)
CASES = {
    "_lifecycle": (
        "service_lifecycle",
        {"service_callback", "service_kpi", "survey", "hr_expense"},
    ),
    "_callback": ("service_callback", {"service_kpi"}),
}


def _installed_modules(dbname):
    _name, info = connection_info_for(dbname)
    with psycopg2.connect(**info) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT name, auto_install FROM ir_module_module WHERE state = 'installed'"
        )
        installed = dict(cr.fetchall())
        cr.execute(
            """SELECT m.name, d.name FROM ir_module_module_dependency d
               JOIN ir_module_module m ON m.id = d.module_id"""
        )
        depends = {}
        for module, dependency in cr.fetchall():
            depends.setdefault(module, set()).add(dependency)
    return installed, depends


@pytest.mark.parametrize("suffix", sorted(CASES))
def test_addon_installs_alone(suffix):
    addon, absent = CASES[suffix]
    installed, depends = _installed_modules(odoo.tools.config["db_name"] + suffix)
    assert addon in installed
    assert not absent & set(installed), f"{absent & set(installed)} installed too"
    # Everything installed is the addon's dependency closure, or an auto-install
    # bridge whose own dependencies are all installed, with its closure.
    bridges = [m for m, auto in installed.items() if auto]
    for bridge in bridges:
        assert depends.get(bridge, set()) <= set(installed), bridge
    closure, todo = set(), [addon, "base", *bridges]
    while todo:
        module = todo.pop()
        if module not in closure:
            closure.add(module)
            todo.extend(depends.get(module, ()))
    assert set(installed) <= closure, f"not needed: {set(installed) - closure}"
