#!/usr/bin/env bash
# make run: the demo database (created once, with the three addons and their
# demo data), then Odoo on http://localhost:8069 in the foreground.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/setup.sh"
# shellcheck source=scripts/env.sh
. "$ROOT/scripts/env.sh"
DB=${1:-service_demo}
PORT=${HTTP_PORT:-8069}
ADDONS=service_lifecycle,service_callback,service_kpi

installed() {
    psql -d "$DB" -Atc "SELECT count(*) FROM ir_module_module
        WHERE name IN ('service_lifecycle','service_callback','service_kpi') AND state = 'installed'" \
        2>/dev/null | grep -qx 3
}
# The addons' code as it is now: when it changed since the database was last
# installed or updated, the addons are updated before Odoo starts.
code=$(cd "$ROOT" && git ls-files -s addons 2>/dev/null | sha1sum | cut -c1-16)
stamp="$ODOO_DATA_DIR/$DB.code"
if ! installed; then
    echo "[run] creating the database $DB with the suite and its demo data (a few minutes)" >&2
    dropdb --if-exists "$DB"
    "$ROOT/scripts/odoo.sh" -d "$DB" -i "$ADDONS" --stop-after-init --log-level=warn
    installed || { echo "[run] ERROR: the suite did not install in $DB" >&2; exit 1; }
    mkdir -p "$ODOO_DATA_DIR" && echo "$code" > "$stamp"
elif [ "$(cat "$stamp" 2>/dev/null)" != "$code" ]; then
    echo "[run] the addons changed: updating them in $DB" >&2
    "$ROOT/scripts/odoo.sh" -d "$DB" -u "$ADDONS" --stop-after-init --log-level=warn
    mkdir -p "$ODOO_DATA_DIR" && echo "$code" > "$stamp"
fi

"$ROOT/scripts/odoo.sh" -d "$DB" --db-filter="^$DB\$" --http-port="$PORT" "${@:2}" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' INT TERM EXIT
for _ in $(seq 120); do
    if curl -fs -o /dev/null "http://localhost:$PORT/web/login"; then
        printf '\n[run] Odoo is up: http://localhost:%s  (login: admin / password: admin, database %s)\n\n' "$PORT" "$DB" >&2
        break
    fi
    kill -0 $server 2>/dev/null || exit 1
    sleep 1
done
wait $server
