#!/usr/bin/env bash
# A streaming replica of the local PostgreSQL cluster for `make load REPLICA=1`.
#   scripts/load-replica.sh start   copy the primary (pg_basebackup -R) into
#                                   var/load/replica, start it on LOAD_REPLICA_PORT
#                                   (5433) and wait until it has caught up
#   scripts/load-replica.sh wait    wait until it has caught up again
#   scripts/load-replica.sh stop    stop it, remove its data folder and its
#                                   replication slot on the primary
# Runs as root against Debian's cluster (the replica is started as the user
# postgres with pg_ctl); sockets only, nothing listens on the network. The
# primary's settings are checked, and what is missing for replication (the
# REPLICATION attribute of the role postgres, a pg_hba.conf line for local
# replication) is added and said; wal_level and max_wal_senders need a restart
# of the primary and are only checked.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${LOAD_REPLICA_PORT:-5433}
DATA=${LOAD_REPLICA_DATA:-$ROOT/var/load/replica}
LOG="$ROOT/var/load/replica.log"  # kept when the data folder is removed
SOCKETS=/var/run/postgresql
PRIMARY_PORT=${PGPORT:-5432}
say() { printf '[replica] %s\n' "$*" >&2; }
die() { printf '[replica] ERROR: %s\n' "$*" >&2; exit 1; }
as_postgres() { su postgres -s /bin/bash -c "$*"; }
setting() { primary "SHOW $1"; }
primary() { as_postgres "psql -XAtq -h $SOCKETS -p $PRIMARY_PORT -d postgres -c \"$1\""; }
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
# a replication slot keeps the primary's WAL until the replica has it: the copy
# of a busy cluster takes minutes, and without the slot the primary recycles
# the segments the replica needs next before it starts streaming
SLOT=load_replica_$PORT

drop_slot() {
    primary "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '$SLOT' AND NOT active" >/dev/null 2>&1 || true
}

stop() {
    if [ -f "$DATA/postmaster.pid" ]; then
        as_postgres "$BIN/pg_ctl -D '$DATA' -m fast -w -t 60 stop" >/dev/null 2>&1 || true
        say "stopped the replica on port $PORT"
    fi
    if [ -d "$DATA" ] && [ -z "${LOAD_KEEP_REPLICA:-}" ]; then
        rm -rf "$DATA"
        # without its replica the slot would keep the primary's WAL forever
        drop_slot
    fi
}

check_primary() {
    [ "$(id -u)" = 0 ] || die "the replica is made as root (su postgres); run make load REPLICA=1 as root."
    [ -n "$BIN" ] || die "no PostgreSQL binaries in /usr/lib/postgresql."
    local wal_level senders
    wal_level=$(primary "SHOW wal_level")
    senders=$(primary "SHOW max_wal_senders")
    case "$wal_level" in
        replica | logical) ;;
        *) die "the primary has wal_level=$wal_level: set wal_level = replica in its postgresql.conf and restart it (not done here: other sessions use it)." ;;
    esac
    [ "$senders" -ge 2 ] || die "the primary has max_wal_senders=$senders: set it to 10 and restart it."
    if [ "$(primary "SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = 'postgres'")" != t ]; then
        primary "ALTER ROLE postgres REPLICATION" >/dev/null
        say "changed: ALTER ROLE postgres REPLICATION on the primary"
    fi
    local rules
    rules=$(primary "SELECT count(*) FROM pg_hba_file_rules WHERE type = 'local' AND 'replication' = ANY(database) AND ('postgres' = ANY(user_name) OR 'all' = ANY(user_name)) AND auth_method IN ('peer', 'trust') AND error IS NULL")
    if [ "$rules" = 0 ]; then
        local hba
        hba=$(primary "SHOW hba_file")
        printf '# added by service suite scripts/load-replica.sh: local streaming replicas\nlocal   replication     postgres                                peer\n' >>"$hba"
        primary "SELECT pg_reload_conf()" >/dev/null
        say "changed: added 'local replication postgres peer' to $hba and reloaded the primary"
    fi
    say "primary: wal_level=$wal_level, max_wal_senders=$senders, role postgres may replicate, local replication allowed"
}

start() {
    check_primary
    stop
    if as_postgres "$BIN/pg_isready -q -h $SOCKETS -p $PORT"; then
        die "another server answers on port $PORT: set LOAD_REPLICA_PORT."
    fi
    mkdir -p "$DATA"
    : >"$LOG"
    chown postgres:postgres "$DATA" "$LOG"
    chmod 700 "$DATA"
    say "copying the primary into $DATA (pg_basebackup -R -X stream)"
    local t0=$SECONDS
    drop_slot
    as_postgres "$BIN/pg_basebackup -h $SOCKETS -p $PRIMARY_PORT -U postgres -D '$DATA' -R -X stream -C -S $SLOT -c fast" \
        || die "pg_basebackup failed."
    # Debian keeps the primary's configuration in /etc: the replica gets its own.
    cat >"$DATA/postgresql.conf" <<EOF
# streaming replica made by scripts/load-replica.sh (make load REPLICA=1)
port = $PORT
listen_addresses = ''
unix_socket_directories = '$SOCKETS'
cluster_name = 'load_replica_$PORT'
hot_standby = on
hot_standby_feedback = on
max_standby_streaming_delay = 30s
max_connections = $(setting max_connections)
max_worker_processes = $(setting max_worker_processes)
max_wal_senders = $(setting max_wal_senders)
max_locks_per_transaction = $(setting max_locks_per_transaction)
max_prepared_transactions = $(setting max_prepared_transactions)
shared_buffers = 128MB
dynamic_shared_memory_type = posix
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top
timezone = 'Etc/UTC'
log_timezone = 'Etc/UTC'
datestyle = 'iso, mdy'
EOF
    printf 'local all all peer\n' >"$DATA/pg_hba.conf"
    : >"$DATA/pg_ident.conf"
    chown postgres:postgres "$DATA"/postgresql.conf "$DATA"/pg_hba.conf "$DATA"/pg_ident.conf
    # a hot standby accepts connections once it has replayed the WAL written
    # since the copy began: on a busy machine that takes minutes
    as_postgres "$BIN/pg_ctl -D '$DATA' -l '$LOG' -w -t 600 start" >/dev/null \
        || die "the replica did not start in 10 minutes; see $LOG."
    say "replica started on port $PORT ($((SECONDS - t0)) s)"
    catch_up
}

catch_up() {  # until it has replayed the primary's WAL position of now
    local target t0=$SECONDS
    target=$(primary "SELECT pg_current_wal_lsn()")
    for _ in $(seq 600); do
        if [ "$(as_postgres "psql -XAtq -h $SOCKETS -p $PORT -d postgres -c \"SELECT pg_is_in_recovery() AND pg_last_wal_replay_lsn() >= '$target'::pg_lsn\"" 2>/dev/null)" = t ]; then
            say "replica on port $PORT streaming, caught up with the primary ($((SECONDS - t0)) s)"
            return 0
        fi
        sleep 1
    done
    die "the replica did not catch up with the primary in 600 s; see $LOG."
}

case "${1:-}" in
    start) start ;;
    wait) catch_up ;;
    stop) stop ;;
    *) echo "usage: $0 start|wait|stop" >&2; exit 2 ;;
esac
