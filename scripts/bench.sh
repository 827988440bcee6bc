#!/usr/bin/env bash
# make bench [SIZE=small|medium|large]: the figures of bench/bench.py at two
# sizes (the one asked for and one ten times smaller... or the next below), to
# show how cost grows. Each size has its own database, generated once.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/setup.sh"
# shellcheck source=scripts/env.sh
. "$ROOT/scripts/env.sh"
SIZE=${SIZE:-small}
case "$SIZE" in
    tiny) sizes=(tiny) ;;
    small) sizes=(tiny small) ;;
    medium) sizes=(small medium) ;;
    large) sizes=(medium large) ;;
    *) echo "[bench] SIZE must be tiny, small, medium or large" >&2; exit 2 ;;
esac
LOGS="$ROOT/var/bench"
mkdir -p "$LOGS"
# A bench database is made anew when the addons' code changed since it was made.
code=$(cd "$ROOT" && git ls-files -s addons 2>/dev/null | sha1sum | cut -c1-16)
# BENCH_DB_PREFIX (or BENCH_DB): another database name prefix (several engineers on one machine)
prefix=${BENCH_DB_PREFIX:-${BENCH_DB:-service_bench}}
for size in "${sizes[@]}"; do
    db="${prefix}_$size"
    stamp="$LOGS/$db.code"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$code" ] || ! psql -d "$db" -Atc "SELECT 1 FROM ir_module_module WHERE name='service_kpi' AND state='installed'" 2>/dev/null | grep -q 1; then
        echo "[bench] creating $db" >&2
        dropdb --if-exists "$db"
        "$ROOT/scripts/odoo.sh" -d "$db" -i service_lifecycle,service_callback,service_kpi \
            --without-demo=all --stop-after-init --log-level=warn >"$LOGS/install-$size.log" 2>&1
        echo "$code" > "$stamp"
    fi
    SIZE=$size "$ROOT/scripts/odoo.sh" shell -d "$db" --no-http --log-level=warn \
        < "$ROOT/bench/bench.py" 2>"$LOGS/bench-$size.err" | grep '^bench:' | tee "$LOGS/bench-$size.txt"
done
