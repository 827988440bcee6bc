#!/usr/bin/env bash
# Make sure a PostgreSQL server answers and prints nothing else.
# - PGHOST/PGPORT/PGUSER set: that server is used as it is.
# - root: Debian's server is installed when missing, started, and a login role
#   for the current user is created.
# - a normal user with no server running: a private cluster in .pgdata.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/env.sh
. "$ROOT/scripts/env.sh"
say() { printf '[postgres] %s\n' "$*" >&2; }
die() { printf '[postgres] ERROR: %s\n' "$*" >&2; exit 1; }

answers() { pg_isready -q "$@" 2>/dev/null; }

if [ -n "${PGHOST:-}" ]; then
    answers || die "no PostgreSQL server answers at PGHOST=$PGHOST PGPORT=${PGPORT:-5432}."
    exit 0
fi

if [ -f "$PGDATA_LOCAL/PG_VERSION" ]; then
    # A private cluster made on an earlier run (normal user).
    answers -h "$PGDATA_LOCAL" -p 5432 || pg_ctl -D "$PGDATA_LOCAL" -l "$PGDATA_LOCAL/server.log" -w start >/dev/null
    exit 0
fi

me=$(id -un)
if [ "$(id -u)" = 0 ]; then
    if ! command -v pg_lsclusters >/dev/null || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
        say "installing Debian's postgresql"
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    if ! answers; then
        version=$(ls /usr/lib/postgresql | sort -V | tail -n1)
        pg_lsclusters -h | awk '{print $2}' | grep -qx main || pg_createcluster "$version" main >/dev/null
        say "starting PostgreSQL $version"
        pg_ctlcluster "$version" main start
        for _ in $(seq 30); do answers && break; sleep 1; done
        answers || die "PostgreSQL $version did not start; see /var/log/postgresql/."
    fi
    if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$me'\"" | grep -q 1; then
        say "creating the login role $me"
        su postgres -c "createuser --createdb $me"
    fi
    exit 0
fi

# A normal user: a server that already runs, else a private cluster.
answers && exit 0
command -v initdb >/dev/null || PATH="$PATH:$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
command -v initdb >/dev/null || die "no PostgreSQL server runs and none is installed: install Debian's postgresql (as root: apt-get install postgresql) or set PGHOST/PGPORT/PGUSER."
say "creating a private PostgreSQL cluster in $PGDATA_LOCAL"
initdb -D "$PGDATA_LOCAL" -U "$me" --auth=trust >/dev/null
echo "unix_socket_directories = '$PGDATA_LOCAL'" >> "$PGDATA_LOCAL/postgresql.conf"
echo "listen_addresses = ''" >> "$PGDATA_LOCAL/postgresql.conf"
pg_ctl -D "$PGDATA_LOCAL" -l "$PGDATA_LOCAL/server.log" -w start >/dev/null
