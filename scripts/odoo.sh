#!/usr/bin/env bash
# Run odoo-bin with the committed odoo.conf plus what only this machine knows:
# the Odoo source's addons, the data folder and the database connection.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/env.sh
. "$ROOT/scripts/env.sh"
cd "$ROOT"
# An Odoo subcommand (shell, ...) must come before the options.
command=()
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then command=("$1"); shift; fi
args=(-c "$ROOT/odoo.conf" --addons-path="$ODOO_ADDONS_PATH" --data-dir="$ODOO_DATA_DIR")
[ -n "${PGHOST:-}" ] && args+=(--db_host="$PGHOST")
[ -n "${PGPORT:-}" ] && args+=(--db_port="$PGPORT")
[ -n "${PGUSER:-}" ] && args+=(--db_user="$PGUSER")
[ -n "${PGPASSWORD:-}" ] && args+=(--db_password="$PGPASSWORD")
exec "$VENV/bin/python" "$ODOO_SRC/odoo-bin" "${command[@]}" "${args[@]}" "$@"
