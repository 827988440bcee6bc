#!/usr/bin/env bash
# Prepare everything `make run` and `make test` need: the Odoo 18.0 source, the
# system packages, the Python virtual environment and a reachable PostgreSQL.
# Idempotent: a second run checks a stamp and returns in about a second.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/env.sh
. "$ROOT/scripts/env.sh"

SETUP_VERSION=2
say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
    # Install the Debian packages that are missing; only possible as root.
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! is_root; then
        die "missing Debian packages: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}) and run again."
    fi
    say "installing Debian packages: ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

odoo_source() {
    # The source is ODOO_SRC when set, else the cache folder; an empty cache is
    # filled from Odoo's official upstream when that can be reached.
    if [ -f "$ODOO_SRC/odoo-bin" ]; then
        return 0
    fi
    if [ -n "${ODOO_SRC_FROM_USER:-}" ]; then
        die "ODOO_SRC=$ODOO_SRC does not hold an Odoo source tree (no odoo-bin there)."
    fi
    say "no Odoo source in $ODOO_SRC: downloading Odoo 18.0 Community from upstream"
    mkdir -p "$(dirname "$ODOO_SRC")"
    local tmp
    tmp=$(mktemp -d "$(dirname "$ODOO_SRC")/.download.XXXXXX")
    if git clone --quiet --depth 1 --branch 18.0 https://github.com/odoo/odoo.git "$tmp/odoo" 2>/dev/null \
        || { curl -fsSL --max-time 900 https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz \
                 | tar -xz -C "$tmp" 2>/dev/null && mv "$tmp"/odoo-18.0* "$tmp/odoo"; }; then
        rm -rf "$ODOO_SRC" && mv "$tmp/odoo" "$ODOO_SRC" && rm -rf "$tmp"
        return 0
    fi
    rm -rf "$tmp"
    cat >&2 <<MSG
[setup] ERROR: the Odoo 18.0 Community source is needed and could not be downloaded.
Provide it in one of these ways, then run the command again:
  1. put an Odoo 18.0 Community tree (the folder holding odoo-bin) in
       $ODOO_SRC
     for example: git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo.git "$ODOO_SRC"
  2. or point ODOO_SRC at an existing tree: make test ODOO_SRC=/path/to/odoo-18.0
MSG
    exit 1
}

pip_quiet() {
    # This machine's pip configuration names local indexes that may be absent;
    # pip warns about each of them on every package. Keep the real messages.
    "$@" 2> >(grep -v "^WARNING: Location '.*' is ignored" >&2)
}

python_env() {
    # Redone when the requirements, the Odoo source or this step change
    # (bump SETUP_VERSION when it does).
    local stamp="$VENV/.setup-stamp-v$SETUP_VERSION" want
    want=$(cat "$ROOT/requirements.txt" "$ODOO_SRC/requirements.txt" "$ROOT/scripts/build-constraints.txt" | sha1sum | cut -c1-16)
    want="$want $ODOO_SRC"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && "$VENV/bin/python" -c 'import odoo' 2>/dev/null; then
        return 0
    fi
    local py
    py=$(command -v python3.11 || command -v python3)
    "$py" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
        || die "Python 3.11 is needed ($py is $("$py" --version 2>&1))."
    [ -x "$VENV/bin/python" ] || "$py" -m venv "$VENV"
    local pip=(pip_quiet "$VENV/bin/python" -m pip --disable-pip-version-check -q)
    say "installing Python packages into $VENV (first run: several minutes)"
    "${pip[@]}" install --upgrade 'pip>=25.3' wheel
    # Odoo pins old sdists (cbor2 5.4.2 ...) that do not build with setuptools>=70.
    "${pip[@]}" install --build-constraint "$ROOT/scripts/build-constraints.txt" -r "$ODOO_SRC/requirements.txt"
    # A path entry (not an import hook) so the OCA wheels that install into
    # site-packages/odoo/addons are found next to the source's addons.
    "${pip[@]}" install --no-deps --no-build-isolation --config-settings editable_mode=compat -e "$ODOO_SRC"
    "${pip[@]}" install --build-constraint "$ROOT/scripts/build-constraints.txt" -r "$ROOT/requirements.txt"
    echo "$want" > "$stamp"
}

gevent_runtime() {
    # Odoo's gevent process (the websocket port of --workers=N) imports gevent,
    # which finds its plugins through pkg_resources. The setuptools a new venv
    # starts with (65) does not know the normalized names of today's
    # zope.interface and zope.event wheels (zope_interface-*.dist-info): the
    # process dies at import ("The 'zope.interface' distribution was not
    # found") and is respawned every second. setuptools 70-75 at run time
    # finds them (80 and later warn at every import; the pin setuptools<70 of
    # scripts/build-constraints.txt is for building Odoo's old sdists only).
    if "$VENV/bin/python" -W ignore -c 'import pkg_resources; pkg_resources.require("gevent")' 2>/dev/null; then
        return 0
    fi
    say "installing setuptools>=70,<76 into $VENV (gevent's plugins through pkg_resources)"
    pip_quiet "$VENV/bin/python" -m pip --disable-pip-version-check -q install 'setuptools>=70,<76'
    "$VENV/bin/python" -W ignore -c 'import pkg_resources; pkg_resources.require("gevent")' \
        || die "gevent's distributions are still not found by pkg_resources."
}

browser() {
    # The browser tours (HttpCase.start_tour) run in Debian's headless
    # Chromium, which Odoo finds as /usr/bin/chromium, and talk to it through
    # websocket-client (requirements.txt). As root it is installed; a normal
    # user is told, since Odoo would skip the tours without it.
    if ! command -v chromium >/dev/null 2>&1; then
        if is_root; then
            apt_install chromium
        else
            say "WARNING: chromium is missing, the browser tours will be skipped (sudo apt-get install chromium)."
        fi
    fi
}

odoo_source
# python-ldap builds against these; wkhtmltopdf prints the QWeb PDF reports,
# in a Chinese font for the Chinese forms; the tests read the PDFs' text with
# poppler's pdftotext.
apt_install libldap2-dev libsasl2-dev build-essential wkhtmltopdf fonts-wqy-microhei poppler-utils
python_env
gevent_runtime
browser
"$ROOT/scripts/postgres.sh"
