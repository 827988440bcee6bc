#!/usr/bin/env bash
# make load [NODES=1|2] [REPLICA=0|1]: the suite under LOAD_CLIENTS (20)
# concurrent web-client sessions, with its crons running, against a plain
# helpdesk_mgmt baseline in the same run; see bench/load.py for what it
# prints and its exit status. Loopback only, bounded in time; everything it
# starts (Odoo nodes, the replica) it stops.
#
#   NODES=n        Odoo nodes, each --workers=2 --max-cron-threads=1 on its own
#                  ports (LOAD_PORT + 2k for HTTP, + 1 for gevent); the clients
#                  are spread over them
#   REPLICA=1      a streaming replica of the PostgreSQL cluster on
#                  LOAD_REPLICA_PORT (5433), made by scripts/load-replica.sh;
#                  the nodes get --db_replica_host/--db_replica_port
#   LOAD_DB, LOAD_PLAIN_DB   the databases (service_load, service_load_plain),
#                  copied from templates (<db>_tpl) made once per version of
#                  the addons (LOAD_FRESH=1: made anew)
#   LOAD_PEOPLE_SECONDS (180) and LOAD_SECONDS (60): the people and the
#   stress shape, per database; LOAD_CLIENTS, LOAD_SHAPES
#   ("people stress"), LOAD_BACKLOG (100), LOAD_ENFORCE (1; 0: figures only),
#   LOAD_WARMUP (0: unmeasured rounds per session before the clock)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/setup.sh"
# shellcheck source=scripts/env.sh
. "$ROOT/scripts/env.sh"
export LOAD_DB=${LOAD_DB:-service_load}
export LOAD_PLAIN_DB=${LOAD_PLAIN_DB:-${LOAD_DB}_plain}
export LOAD_PORT=${LOAD_PORT:-18569}
export LOAD_SECONDS=${LOAD_SECONDS:-60} LOAD_PEOPLE_SECONDS=${LOAD_PEOPLE_SECONDS:-180}
export NODES=${NODES:-1} REPLICA=${REPLICA:-0}
export LOAD_REPLICA_PORT=${LOAD_REPLICA_PORT:-5433}
LOGS="$ROOT/var/load"
FILESTORE="$ODOO_DATA_DIR/filestore"
mkdir -p "$LOGS"
say() { printf '[load] %s\n' "$*" >&2; }
die() { printf '[load] ERROR: %s\n' "$*" >&2; exit 1; }
case "$NODES" in 1 | 2 | 3 | 4) ;; *) die "NODES must be 1 to 4." ;; esac
case "$REPLICA" in 0 | 1) ;; *) die "REPLICA must be 0 or 1." ;; esac

# --- databases: a template per code version, copied for each run ----------
helpdesk_manifest=$(ls "$VENV"/lib/python3*/site-packages/odoo/addons/helpdesk_mgmt/__manifest__.py | head -n1)
odoo_version=$(git -C "$ODOO_SRC" rev-parse HEAD 2>/dev/null || sha1sum "$ODOO_SRC/odoo/release.py")
plain_code=$( (echo "$odoo_version"; sha1sum "$helpdesk_manifest") | sha1sum | cut -c1-16)
suite_code=$( (echo "$plain_code"; cd "$ROOT" && git ls-files -co --exclude-standard addons \
    | grep -v -e '\.pyc$' -e '/static/description/' | sort | xargs -d '\n' sha1sum) | sha1sum | cut -c1-16)

prepare_db() {  # db modules code
    local db=$1 modules=$2 code=$3 tpl="${1}_tpl" have
    have=$(psql -XAtq -d postgres -c "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$tpl'")
    if [ "$have" != "load template $code" ] || [ -n "${LOAD_FRESH:-}" ]; then
        say "installing $modules into $tpl (once per code version; log var/load/install-$db.log)"
        dropdb --if-exists --force "$tpl"
        rm -rf "${FILESTORE:?}/$tpl"
        "$ROOT/scripts/odoo.sh" -d "$tpl" -i "$modules" --without-demo=all --stop-after-init \
            --log-level=warn >"$LOGS/install-$db.log" 2>&1 || die "installing $modules failed; see $LOGS/install-$db.log"
        # loopback only: no phoning home to odoo.com from the copies' crons
        psql -XAtq -d "$tpl" -c "UPDATE ir_cron SET active = false WHERE id IN (SELECT res_id FROM ir_model_data WHERE model = 'ir.cron' AND module = 'mail' AND name = 'ir_cron_module_update_notification')" >/dev/null
        psql -XAtq -d postgres -c "COMMENT ON DATABASE \"$tpl\" IS 'load template $code'" >/dev/null
    fi
    dropdb --if-exists --force "$db"
    # file_copy: a checkpoint and a copy, instead of the whole database
    # through the WAL (which a replica would replay)
    createdb --strategy=file_copy -T "$tpl" "$db"
    rm -rf "${FILESTORE:?}/$db"
    if [ -d "$FILESTORE/$tpl" ]; then cp -a "$FILESTORE/$tpl" "$FILESTORE/$db"; fi
    # a database in use: every cron ran just now and is next due after its
    # interval (a fresh one would run them all at the first start)
    psql -XAtq -d "$db" -c "UPDATE ir_cron SET nextcall = (now() AT TIME ZONE 'UTC') + (interval_number || ' ' || interval_type)::interval WHERE active" >/dev/null
}
# --- what this script starts, it stops -------------------------------------
node_pids=() driver=
stop_nodes() {  # SIGTERM to every node, SIGKILL to what still runs after 15 s
    local pid children=()
    for pid in "${node_pids[@]}"; do
        # shellcheck disable=SC2207
        children+=($(ps -o pid= --ppid "$pid" 2>/dev/null || true))
        kill -TERM "$pid" 2>/dev/null || true
    done
    for _ in $(seq 30); do
        local alive=0
        for pid in "${node_pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ "$alive" = 0 ] && break
        sleep 0.5
    done
    for pid in "${node_pids[@]}" "${children[@]}"; do
        # still an Odoo process of ours (not a pid reused meanwhile)
        if grep -qa odoo "/proc/$pid/cmdline" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    done
    for pid in "${node_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
cleanup() {
    local rc=$?
    if [ -n "$driver" ]; then
        # timeout passes the signal on to load.py
        for pid in $(ps -o pid= --ppid "$driver" 2>/dev/null); do kill -TERM "$pid" 2>/dev/null || true; done
        wait "$driver" 2>/dev/null || true
    fi
    stop_nodes
    if [ -n "$replica_job" ]; then
        # the copy under way: su passes the signal on to pg_basebackup
        for pid in $(ps -o pid= --ppid "$replica_job" 2>/dev/null); do kill -TERM "$pid" 2>/dev/null || true; done
        kill -TERM "$replica_job" 2>/dev/null || true
        wait "$replica_job" 2>/dev/null || true
    fi
    if [ "$REPLICA" = 1 ]; then "$ROOT/scripts/load-replica.sh" stop || true; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

replica_args=() replica_job=
if [ "$REPLICA" = 1 ]; then
    # copied while the databases are prepared: the replica replays their
    # creation from the WAL it streams
    "$ROOT/scripts/load-replica.sh" start &
    replica_job=$!
fi
t0=$SECONDS
prepare_db "$LOAD_DB" service_lifecycle,service_callback,service_kpi "$suite_code"
prepare_db "$LOAD_PLAIN_DB" helpdesk_mgmt "$plain_code"
say "databases $LOAD_DB and $LOAD_PLAIN_DB ready ($((SECONDS - t0)) s)"

if [ "$REPLICA" = 1 ]; then
    # the statements the replica serves are counted by pg_stat_statements
    # (preloaded on the replica only; the extension's views come from here)
    su postgres -s /bin/bash -c "psql -XAtq -d '$LOAD_DB' -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements'" >/dev/null
    wait "$replica_job" || die "the replica could not be made; see above."
    replica_job=
    "$ROOT/scripts/load-replica.sh" wait
    replica_args=(--db_replica_host=/var/run/postgresql --db_replica_port="$LOAD_REPLICA_PORT")
fi

# --- the Odoo nodes ----------------------------------------------------------
urls=() logs=()
for ((k = 0; k < NODES; k++)); do
    port=$((LOAD_PORT + 2 * k))
    log="$LOGS/node$k.log"
    "$ROOT/scripts/odoo.sh" -d "$LOAD_DB,$LOAD_PLAIN_DB" --workers=2 --max-cron-threads=1 \
        --http-interface=127.0.0.1 --http-port="$port" --gevent-port=$((port + 1)) \
        --limit-time-real=600 --log-level=warn \
        --log-handler=werkzeug:INFO --log-handler=odoo.addons.base.models.ir_cron:INFO \
        --log-handler=odoo.service.model:INFO --log-handler=odoo.modules.registry:INFO --log-handler=odoo.addons.service_callback:INFO \
        --log-handler=odoo.addons.service_lifecycle:INFO --log-handler=odoo.addons.service_kpi:INFO \
        "${replica_args[@]}" >"$log" 2>&1 &
    node_pids+=($!)
    urls+=("http://127.0.0.1:$port")
    logs+=("$log")
done
for url in "${urls[@]}"; do
    for _ in $(seq 180); do
        curl -fs -o /dev/null "$url/web/login" && break
        sleep 1
    done
    curl -fs -o /dev/null "$url/web/login" || die "no Odoo answered on $url in 180 s; see $LOGS/node*.log"
done
say "$NODES node(s) up: ${urls[*]} (logs var/load/node*.log)$([ "$REPLICA" = 1 ] && echo ", replica on port $LOAD_REPLICA_PORT")"

export LOAD_URLS="${urls[*]}" LOAD_NODE_PIDS="${node_pids[*]}" LOAD_NODE_LOGS="${logs[*]}" LOAD_OUT="$LOGS"
shapes=${LOAD_SHAPES:-people stress}
budget=$(( $(wc -w <<<"$shapes") * 2 * (${LOAD_SECONDS%.*} + ${LOAD_PEOPLE_SECONDS%.*} + 300) + 600 ))
# in the background, so that a signal to this script runs its trap at once
# (bash runs traps only between foreground commands)
(
    cd "$ROOT/bench" && timeout --kill-after=30 "$budget" "$VENV/bin/python" load.py | tee "$LOGS/report.txt"
    exit "${PIPESTATUS[0]}"
) &
driver=$!
set +e
wait "$driver"
rc=$?
set -e
driver=
exit "$rc"
