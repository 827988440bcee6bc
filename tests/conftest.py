# Cross-addon scenarios, run by pytest-odoo against the database where
# scripts/test.sh installed all three addons (see README.md).
import os

import pytest

ADDONS = ("service_lifecycle", "service_callback", "service_kpi")
ADDONS_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "addons")


@pytest.fixture(scope="session")
def addons_dir():
    return ADDONS_DIR
