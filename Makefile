# The service suite's commands; see README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help
DB ?= service_demo

.PHONY: help setup run test lint format i18n bench load lifecycle screenshots clean

help:  ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

setup:  ## Prepare the Odoo source, the virtual environment and PostgreSQL
	@scripts/setup.sh

run:  ## Start Odoo on http://localhost:8069 with the demo database (admin / admin)
	@scripts/run.sh $(DB)

test:  ## Fresh test databases, every addon's tests and tests/; closing line "N passed, M failed"
	@scripts/test.sh

lint:  ## ruff (format and lint) and the mandatory OCA pylint-odoo checks
	@scripts/setup.sh >/dev/null
	.venv/bin/ruff format --check addons tests scripts bench
	.venv/bin/ruff check addons tests scripts bench
	.venv/bin/pylint --rcfile=.pylintrc addons/service_lifecycle addons/service_callback addons/service_kpi

format:  ## Reformat the Python code with ruff
	.venv/bin/ruff format addons tests scripts bench
	.venv/bin/ruff check --fix addons tests scripts bench

i18n:  ## Refresh the .pot files and merge new terms into zh_CN.po (from DB=...)
	@scripts/setup.sh >/dev/null
	SUITE_ROOT=$(CURDIR) scripts/odoo.sh shell -d $(DB) --no-http < scripts/i18n.py

bench:  ## Benchmarks of the hot paths at two sizes (SIZE=tiny|small|medium|large)
	@SIZE=$(or $(SIZE),small) scripts/bench.sh

load:  ## 20 web clients, people and stress shapes, vs plain helpdesk (NODES=2 REPLICA=1: scale-out)
	@NODES=$(or $(NODES),1) REPLICA=$(or $(REPLICA),0) scripts/load.sh

lifecycle:  ## Upgrade keeps records, service_kpi uninstalls cleanly, install over crm/sale/helpdesk demo data
	@scripts/lifecycle.sh

screenshots:  ## PNGs of the main screens in English and Chinese from the demo database (DB=...) into docs/screenshots/
	@DB=$(DB) scripts/screenshots.sh

clean:  ## Drop the test databases and remove the logs (keeps .venv and the demo)
	-@for db in $$(psql -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'service_test%'" postgres); do dropdb "$$db"; done
	rm -rf var
