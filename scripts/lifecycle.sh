#!/usr/bin/env bash
# make lifecycle: the suite's life in a real database, one line per check.
#   upgrade    upgrading the three addons (-u) keeps every record of every
#              suite model (counts before/after, data made by lifecycle/fill.py)
#   uninstall  uninstalling service_kpi leaves the other two working (a smoke
#              script through the ORM, then upgrading the other two)
#   existing   installing the suite into a database that already holds crm,
#              sale_management and helpdesk_mgmt with their demo data works
# Exits non-zero when a check fails. Databases: $LIFECYCLE_DB_{upgrade,existing}
# (default service_lifecycle_check_*), HTTP port $LIFECYCLE_PORT; logs in var/lifecycle/.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/env.sh
. "$ROOT/scripts/env.sh"
"$ROOT/scripts/setup.sh" >/dev/null || exit 1
. "$ROOT/scripts/env.sh"

DB=${LIFECYCLE_DB:-service_lifecycle_check}
PORT=${LIFECYCLE_PORT:-18269}
SUITE=service_lifecycle,service_callback,service_kpi
LOGS="$ROOT/var/lifecycle"
HERE="$ROOT/scripts/lifecycle"
rm -rf "$LOGS" && mkdir -p "$LOGS"
failed=0
t0=$(date +%s)

odoo() { "$ROOT/scripts/odoo.sh" "$@" --http-port="$PORT" --stop-after-init; }
shell() { # shell DB SCRIPT: run a Python snippet in odoo shell
    "$ROOT/scripts/odoo.sh" shell -d "$1" --no-http <"$HERE/$2" 2>>"$LOGS/shell.log"
}
report() { # report NAME OK DETAIL
    if [ "$2" = ok ]; then printf '[lifecycle] %-10s ok    %s\n' "$1" "$3"
    else printf '[lifecycle] %-10s FAIL  %s\n' "$1" "$3"; failed=$((failed + 1)); fi
}

# (a) upgrade keeps every record
db="${DB}_upgrade"
dropdb --if-exists "$db"
if odoo -d "$db" -i "$SUITE" --without-demo=all >"$LOGS/upgrade-install.log" 2>&1 \
    && shell "$db" fill.py >"$LOGS/fill.out" && grep -q FILLED "$LOGS/fill.out"; then
    shell "$db" counts.py | grep '^COUNT' >"$LOGS/before.txt"
    odoo -d "$db" -u "$SUITE" >"$LOGS/upgrade.log" 2>&1
    rc=$?
    shell "$db" counts.py | grep '^COUNT' >"$LOGS/after.txt"
    models=$(wc -l <"$LOGS/before.txt")
    records=$(awk '{s += $3} END {print s + 0}' "$LOGS/before.txt")
    if [ "$rc" -eq 0 ] && [ "$models" -gt 0 ] && diff -u "$LOGS/before.txt" "$LOGS/after.txt" >"$LOGS/upgrade.diff" \
        && ! grep -qE ' (ERROR|CRITICAL) ' "$LOGS/upgrade.log"; then
        report upgrade ok "-u $SUITE kept $records records of $models models"
    else
        report upgrade fail "exit $rc; see var/lifecycle/upgrade.diff and upgrade.log"
    fi
else
    report upgrade fail "could not install or fill (var/lifecycle/upgrade-install.log, fill.out, shell.log)"
fi

# (b) uninstalling service_kpi leaves the other two working
echo "env['ir.module.module'].search([('name', '=', 'service_kpi')]).button_immediate_uninstall(); env.cr.commit()" \
    | "$ROOT/scripts/odoo.sh" shell -d "$db" --no-http >"$LOGS/uninstall.log" 2>&1
smoke=$(shell "$db" smoke.py | grep -c 'SMOKE OK')
odoo -d "$db" -u service_lifecycle,service_callback >"$LOGS/uninstall-upgrade.log" 2>&1
rc=$?
if [ "$smoke" = 1 ] && [ "$rc" -eq 0 ] && ! grep -qE ' (ERROR|CRITICAL) ' "$LOGS/uninstall-upgrade.log" "$LOGS/uninstall.log"; then
    report uninstall ok "service_kpi removed; smoke (intake, escalation, SLA cron, callback done) ok; -u of the other two ok"
else
    report uninstall fail "smoke=${smoke:-0}, upgrade exit $rc (var/lifecycle/uninstall*.log, shell.log)"
fi

# (c) installing into a database that already holds crm, sale and helpdesk data
db="${DB}_existing"
dropdb --if-exists "$db"
if odoo -d "$db" -i crm,sale_management,helpdesk_mgmt >"$LOGS/existing-base.log" 2>&1; then
    shell "$db" existing.py | grep '^IDS' | sort >"$LOGS/existing-before.txt"
    odoo -d "$db" -i "$SUITE" >"$LOGS/existing-install.log" 2>&1
    rc=$?
    shell "$db" existing.py >"$LOGS/existing-after.out"
    grep '^IDS' "$LOGS/existing-after.out" | sort >"$LOGS/existing-after.txt"
    # every record that was there before is still there
    comm -23 "$LOGS/existing-before.txt" "$LOGS/existing-after.txt" >"$LOGS/existing-lost.txt"
    kept=$(wc -l <"$LOGS/existing-before.txt")
    installed=$(psql -Atc "SELECT count(*) FROM ir_module_module WHERE state = 'installed' AND name IN ('service_lifecycle', 'service_callback', 'service_kpi')" "$db")
    read_line=$(grep '^READ' "$LOGS/existing-after.out")
    if [ "$rc" -eq 0 ] && [ "$installed" = 3 ] && [ -n "$read_line" ] && [ "$kept" -gt 0 ] \
        && [ ! -s "$LOGS/existing-lost.txt" ] \
        && ! grep -qE ' (ERROR|CRITICAL) ' "$LOGS/existing-install.log"; then
        report existing ok "suite installed over demo data, all $kept leads, orders, tickets and partners kept; read ${read_line#READ }"
    else
        report existing fail "exit $rc, installed $installed/3 (var/lifecycle/existing-*.log)"
    fi
else
    report existing fail "crm, sale_management, helpdesk_mgmt did not install (var/lifecycle/existing-base.log)"
fi

echo "[lifecycle] wall time $(($(date +%s) - t0))s, $failed failed"
[ "$failed" -eq 0 ]
