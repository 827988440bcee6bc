#!/usr/bin/env bash
# make screenshots: the main screens of the demo database in English and
# Chinese, into docs/screenshots/. Starts Odoo on 127.0.0.1 for the run.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/setup.sh" >/dev/null
# shellcheck source=scripts/env.sh
. "$ROOT/scripts/env.sh"
DB=${DB:-service_demo}
PORT=${SCREENSHOT_PORT:-8079}
OUT=${SCREENSHOT_DIR:-$ROOT/docs/screenshots}

if ! command -v chromium >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y chromium >/dev/null
    else
        echo "[screenshots] chromium is missing: sudo apt-get install -y chromium" >&2
        exit 1
    fi
fi
installed=$(psql -d "$DB" -Atc "SELECT count(*) FROM ir_module_module
    WHERE name IN ('service_lifecycle','service_callback','service_kpi')
    AND state = 'installed'" 2>/dev/null || echo 0)
if [ "$installed" != 3 ]; then
    echo "[screenshots] the demo database $DB is missing: run make run first (or DB=...)" >&2
    exit 1
fi
zh=$(psql -d "$DB" -Atc "SELECT count(*) FROM res_lang WHERE code = 'zh_CN' AND active")
if [ "$zh" != 1 ]; then
    echo "[screenshots] loading the Chinese translations into $DB" >&2
    "$ROOT/scripts/odoo.sh" -d "$DB" --load-language=zh_CN --stop-after-init --log-level=warn
fi

"$ROOT/scripts/odoo.sh" -d "$DB" --db-filter="^$DB\$" --http-interface=127.0.0.1 \
    --http-port="$PORT" --workers=0 --max-cron-threads=0 --log-level=warn &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 120); do
    curl -fs -o /dev/null "http://127.0.0.1:$PORT/web/login" && break
    kill -0 $server 2>/dev/null || exit 1
    sleep 1
done
"$VENV/bin/python" "$ROOT/scripts/screenshots.py" "http://127.0.0.1:$PORT" "$DB" "$OUT"
