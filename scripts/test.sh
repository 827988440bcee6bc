#!/usr/bin/env bash
# make test: fresh databases, the three addons installed without demo data,
# every addon's own Odoo tests, then the cross-addon scenarios in tests/ with
# pytest-odoo. Prints one closing line "N passed, M failed[, K skipped]" and
# exits non-zero on any failure, error or crash.
#
# Each addon's tests run in a database where it is installed alone with only
# what it depends on, which also proves that it installs that way:
#   <db>_lifecycle  service_lifecycle              tests of service_lifecycle
#   <db>_callback   service_callback (+ lifecycle) tests of service_callback
#   <db>            all three                      tests of service_kpi, tests/
# tests/ runs last, with its own HTTP server on TEST_PORT (the Odoo processes
# that used the three ports have stopped by then).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/env.sh
. "$ROOT/scripts/env.sh"
"$ROOT/scripts/setup.sh" || exit 1
. "$ROOT/scripts/env.sh"

DB=${TEST_DB:-service_test}
# Three HTTP ports from TEST_PORT on, one per Odoo process (browser tours).
PORT=${TEST_PORT:-18069}
LOGS="$ROOT/var/test"
rm -rf "$LOGS" && mkdir -p "$LOGS"
passed=0 failed=0 skipped=0 broken=()

odoo_tests() {
    # odoo_tests DB MODULES TAGS PORT: fresh database, install, run the tagged
    # tests; each run has its own HTTP port for browser tours.
    local db=$1 modules=$2 tags=$3 port=$4 log="$LOGS/$1.log"
    dropdb --if-exists "$db" 2>/dev/null
    # A hung process (a browser or wkhtmltopdf waiting forever) fails the run
    # instead of eating CI's time: no database takes half an hour here.
    timeout --signal=TERM --kill-after=30 "${ODOO_TEST_TIMEOUT:-1800}" \
        "$ROOT/scripts/odoo.sh" -d "$db" -i "$modules" --without-demo=all \
        --test-enable --test-tags="$tags" --stop-after-init --log-level=test \
        --http-port="$port" >"$log" 2>&1
}

summarise() {
    # Read a database's closing report: "F failed, E error(s) of T tests when loading database".
    local db=$1 log="$LOGS/$1.log" line f e t
    line=$(grep -aoE '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading database' "$log" | tail -n1)
    if [ -z "$line" ]; then
        broken+=("$db: Odoo stopped before reporting its tests (see $log)")
        failed=$((failed + 1))
        return
    fi
    read -r f e t <<<"$(echo "$line" | sed -E 's/([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+).*/\1 \2 \3/')"
    failed=$((failed + f + e))
    passed=$((passed + t - f - e))
    [ "$t" -gt 0 ] || broken+=("$db: no test ran")
    grep -aE '(ERROR|CRITICAL) .*(FAIL|ERROR|Traceback)|^(FAIL|ERROR):' "$log" | head -n 40
    printf '[test] %s: %s\n' "$db" "$line" >&2
}

t0=$(date +%s)
echo "[test] installing each addon alone and running its tests (logs in var/test/)" >&2
odoo_tests "${DB}_lifecycle" service_lifecycle /service_lifecycle "$PORT" &
p1=$!
odoo_tests "${DB}_callback" service_callback /service_callback $((PORT + 1)) &
p2=$!
wait $p1 $p2
odoo_tests "$DB" service_lifecycle,service_callback,service_kpi /service_kpi $((PORT + 2))
for db in "${DB}_lifecycle" "${DB}_callback" "$DB"; do summarise "$db"; done

echo "[test] suite-wide tests and cross-addon scenarios (pytest-odoo on $DB)" >&2
junit="$LOGS/pytest.xml"
pg=()
[ -n "${PGHOST:-}" ] && pg+=(--odoo-extra "db_host=$PGHOST")
[ -n "${PGPORT:-}" ] && pg+=(--odoo-extra "db_port=$PGPORT")
[ -n "${PGUSER:-}" ] && pg+=(--odoo-extra "db_user=$PGUSER")
(cd "$ROOT" && "$VENV/bin/python" -m pytest tests \
    --odoo-config="$ROOT/odoo.conf" --odoo-database="$DB" \
    --odoo-addons-path="$ODOO_ADDONS_PATH" --odoo-extra "data-dir=$ODOO_DATA_DIR" "${pg[@]}" \
    --odoo-http --odoo-extra "http-port=$PORT" \
    -p no:cacheprovider -q -W ignore::DeprecationWarning -o junit_family=xunit2 --junitxml="$junit") >"$LOGS/pytest.log" 2>&1
rc=$?
tail -n 30 "$LOGS/pytest.log" | grep -vE '^\s*$' | sed 's/^/  /' >&2
if [ -f "$junit" ]; then
    read -r t f e s <<<"$("$VENV/bin/python" - "$junit" <<'PY'
import sys, xml.etree.ElementTree as ET
# One count per test (subtests are checks inside a test, not tests).
cases = list(ET.parse(sys.argv[1]).getroot().iter("testcase"))
def has(case, *tags):
    return any(child.tag in tags for child in case)
failed = sum(has(c, "failure", "error") for c in cases)
skipped = sum(has(c, "skipped") and not has(c, "failure", "error") for c in cases)
print(len(cases), failed, 0, skipped)
PY
)"
    passed=$((passed + t - f - e - s)); failed=$((failed + f + e)); skipped=$((skipped + s))
    [ "$t" -gt 0 ] || broken+=("pytest: no test ran")
    [ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || broken+=("pytest exited with $rc (see $LOGS/pytest.log)")
else
    broken+=("pytest exited with $rc before writing its report (see $LOGS/pytest.log)")
    failed=$((failed + 1))
fi

for b in "${broken[@]}"; do echo "[test] BROKEN: $b" >&2; done
echo "[test] wall time $(( $(date +%s) - t0 ))s" >&2
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ] && [ ${#broken[@]} -eq 0 ]
