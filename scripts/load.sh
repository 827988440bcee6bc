#!/usr/bin/env bash
# make load: the suite under 20 concurrent JSON-RPC clients on a 2-worker Odoo
# (loopback only), with the cron running; see bench/load.py.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/setup.sh"
# shellcheck source=scripts/env.sh
. "$ROOT/scripts/env.sh"
export LOAD_DB=${LOAD_DB:-service_load} LOAD_PORT=${LOAD_PORT:-18569}
LOGS="$ROOT/var/load"
mkdir -p "$LOGS"
dropdb --if-exists "$LOAD_DB"
echo "[load] installing the suite in $LOAD_DB" >&2
"$ROOT/scripts/odoo.sh" -d "$LOAD_DB" -i service_lifecycle,service_callback,service_kpi \
    --without-demo=all --stop-after-init --log-level=warn >"$LOGS/install.log" 2>&1
"$ROOT/scripts/odoo.sh" -d "$LOAD_DB" --db-filter="^$LOAD_DB\$" --workers=2 --max-cron-threads=1 \
    --http-interface=127.0.0.1 --http-port="$LOAD_PORT" --limit-time-real=600 \
    --log-level=warn >"$LOGS/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 60); do
    curl -fs -o /dev/null "http://127.0.0.1:$LOAD_PORT/web/login" && break
    sleep 1
done
cd "$ROOT/bench" && "$VENV/bin/python" load.py
