# Shared settings for the scripts; sourced, not run.
# shellcheck shell=bash
ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
VENV="$ROOT/.venv"
if [ -n "${ODOO_SRC:-}" ]; then
    ODOO_SRC_FROM_USER=1
else
    ODOO_SRC="${XDG_CACHE_HOME:-$HOME/.cache}/odoo-src/18.0"
fi
export ODOO_SRC
PGDATA_LOCAL="$ROOT/.pgdata"
# The addons path: ours, then the OCA wheels in the venv, then Odoo's own.
ODOO_ADDONS_PATH="$ROOT/addons,$ODOO_SRC/addons,$ODOO_SRC/odoo/addons"
ODOO_DATA_DIR="$ROOT/.odoo-data"
# A private cluster made for a normal user is reached through its socket folder.
if [ -z "${PGHOST:-}" ] && [ -f "$PGDATA_LOCAL/PG_VERSION" ]; then
    export PGHOST="$PGDATA_LOCAL"
fi
