# Suite-wide tests and cross-addon scenarios, run by pytest-odoo against the
# database where scripts/test.sh installed all three addons (see README.md):
#
#   .venv/bin/python -m pytest tests --odoo-config=odoo.conf \
#       --odoo-database=service_test --odoo-addons-path=... \
#       --odoo-http --odoo-extra http-port=18069
#
# Two things differ from Odoo's own test runner, and are handled here:
# - the HttpCase tests need Odoo's HTTP server: it is started once for the
#   session, as odoo-bin starts it for its tests, on the port given;
# - nothing is skipped: a test that cannot run fails, with the reason.
import os
import signal

import pytest

import odoo

ADDONS = ("service_lifecycle", "service_callback", "service_kpi")
ADDONS_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "addons")


def pytest_collection_modifyitems(config, items):
    """pytest-odoo skips the HttpCase tests when it starts no HTTP server:
    refuse to run at all instead."""
    if config.getoption("--odoo-http"):
        return
    # Odoo's test framework is imported once pytest-odoo has read Odoo's
    # configuration (importing it before logs an error)
    from odoo.tests.common import HttpCase  # noqa: PLC0415

    http_tests = [
        item.nodeid
        for item in items
        if isinstance(getattr(item, "cls", None), type)
        and issubclass(item.cls, HttpCase)
    ]
    if http_tests:
        raise pytest.UsageError(
            f"{len(http_tests)} tests need Odoo's HTTP server (e.g. "
            f"{http_tests[0]}): pass --odoo-http and --odoo-extra http-port=N"
        )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A skipped test fails: every test here must run where the suite is
    installed, and a check that silently did not run proves nothing."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid} did not run (skipped: {reason})"


@pytest.fixture(scope="session", autouse=True)
def load_http(request, load_registry):
    """Odoo's HTTP server for the HttpCase tests, started the way odoo-bin
    starts it for its tests (``odoo.service.server.ThreadedServer``) on the
    configured ``http_port`` (scripts/test.sh passes its TEST_PORT), on the
    loopback interface, and stopped at the end of the session.

    It replaces pytest-odoo's fixture of the same name, which binds a random
    port on every interface."""
    if not request.config.getoption("--odoo-http"):
        yield None
        return
    from odoo.service import server  # noqa: PLC0415
    from odoo.tests.common import HOST  # noqa: PLC0415

    config = odoo.tools.config
    config["http_interface"] = config["http_interface"] or HOST
    server.load_server_wide_modules()
    server.server = server.ThreadedServer(odoo.http.root)
    # binds the port at once: a port in use fails the session here
    server.server.start(stop=False)
    # ThreadedServer turns Ctrl-C into its own shutdown: give it back to pytest
    signal.signal(signal.SIGINT, signal.default_int_handler)
    port = server.server.httpd.server_port
    assert port == config["http_port"], f"HTTP server on {port}"
    yield port
    server.server.stop()
    server.server = None
