# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Malformed and hostile values sent through JSON-RPC ``create``/``write`` of
the suite's main models (property-based, with hypothesis): every rejection is
a clean Odoo user error (validation, user or access error), never an internal
server error, nothing is half-written, and HTML comes back sanitized.

They run here, where all three addons are installed, twice:

- ``TestSuiteBadInputRpc`` takes the path of the ``/jsonrpc`` route below its
  HTTP transport: ``odoo.http.dispatch_rpc`` (password check, ``retrying``,
  ``call_kw``) with the registry in test mode so that the call shares the
  test's transaction, and errors named the way the route names them
  (``odoo.http.serialize_exception``); quick, many examples across models;
- ``TestSuiteBadInputHttp`` posts real JSON-RPC requests over HTTP to
  ``/jsonrpc`` of the test server (``service: object``, ``execute_kw``), a
  bounded number of examples for every model: the answer is an HTTP 200 whose
  JSON error names an ``odoo.exceptions`` user error, never an internal error,
  a psycopg2 error or an HTTP 500.
"""

import json
from contextlib import closing

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import Command, exceptions, http
from odoo.addons.service_lifecycle.tests.common import ServiceDeskCase
from odoo.models import MAGIC_COLUMNS
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

# Characters PostgreSQL and JSON can carry (no NUL byte, no lone surrogate:
# Odoo itself refuses those before any model code runs).
CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
SCRIPTS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "<p>ok</p><iframe src='https://evil.example'></iframe>",
    '<svg onload="alert(1)"><p>harvester</p></svg>',
    "<p style='x:expression(alert(1))'>x</p>",
    "'; DROP TABLE helpdesk_ticket; --",
    "{{ 7*7 }} ${7*7} <%= 7*7 %>",
]
HUGE = st.builds(
    lambda n, c: c * n, st.integers(601, 120_000), st.sampled_from("x界😀<")
)
TEXT = st.one_of(st.text(CHARS, max_size=40), st.sampled_from(SCRIPTS), HUGE)
WRONG_TYPES = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.just(True),
    st.lists(st.one_of(st.integers(-5, 10), st.text(max_size=3)), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.text(CHARS, max_size=12),
)
BAD_DATES = st.one_of(
    st.sampled_from(
        [
            "0000-00-00",
            "2025-02-30",
            "2025-13-01",
            "9999-99-99",
            "10000-01-01",
            "0001-01-01",
            "1899-12-31",
            "3000-01-01",
            "9999-12-31 23:59:59",
            "2025-06-30 25:61:00",
            "not a date",
            "",
        ]
    ),
    st.dates().map(str),
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%d %H:%M:%S")),
)
SKIPPED_TYPES = ("binary", "reference", "properties", "properties_definition", "json")
SKIPPED_PREFIXES = ("message_", "activity_", "website_", "access_", "rating_")
CLEAN = exceptions.UserError  # ValidationError, AccessError, MissingError...
# Bounded, reproducible runs: make test stays short and says the same each time.
EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def clean_error(name):
    module, _dot, cls_name = name.rpartition(".")
    cls = getattr(exceptions, cls_name, None)
    return module == "odoo.exceptions" and cls and issubclass(cls, CLEAN)


class RpcError(Exception):
    """The error a JSON-RPC client receives: its ``name`` and ``message``."""

    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name


@tagged("post_install", "-at_install")
class TestSuiteBadInputRpc(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.admin = env.ref("base.user_admin")
        cls.employee = env["hr.employee"].create(
            {"name": "Agent Li", "user_id": cls.agent.id}
        )
        cls.template = env["service.kpi.template"].create({"name": "Agents"})
        cls.order = env["sale.order"].create(
            {
                "partner_id": cls.farmer.id,
                "order_line": [Command.create({"product_id": cls.tractor.id})],
            }
        )
        cls.department = env.ref("service_lifecycle.sale_contract_department_finance")
        # Company B and a few of its records: ids a user of company A must
        # not be able to tie to company A's records.
        cls.company_b = env["res.company"].create({"name": "Company B"})
        env_b = env(context=dict(env.context, allowed_company_ids=cls.company_b.ids))
        cls.foreign = {
            "res.partner": env_b["res.partner"].create(
                {"name": "B Customer", "company_id": cls.company_b.id}
            ),
            "hr.employee": env_b["hr.employee"].create(
                {"name": "B Agent", "company_id": cls.company_b.id}
            ),
            "helpdesk.ticket.team": env_b["helpdesk.ticket.team"].create(
                {"name": "B Hotline", "company_id": cls.company_b.id}
            ),
            "service.kpi.template": env_b["service.kpi.template"].create(
                {"name": "B Agents", "company_id": cls.company_b.id}
            ),
            "sale.order": env_b["sale.order"].create(
                {"partner_id": cls.farmer.id, "company_id": cls.company_b.id}
            ),
            "res.company": cls.company_b,
        }
        cls.foreign["helpdesk.ticket"] = env_b["helpdesk.ticket"].create(
            dict(
                cls._ticket_vals(
                    partner_id=cls.foreign["res.partner"].id,
                    team_id=cls.foreign["helpdesk.ticket.team"].id,
                    company_id=cls.company_b.id,
                    product_id=False,
                    lot_id=False,
                ),
                description="<p>B</p>",
            )
        )
        ticket_vals = dict(
            cls._ticket_vals(duplicate_confirmed=True), description="<p>No ignition</p>"
        )
        cls.base_vals = {
            "helpdesk.ticket": ticket_vals,
            "service.escalation": {
                "ticket_id": False,
                "symptoms": "Engine stalls under load",
                "question": "<p>Which injector?</p>",
            },
            "sale.contract.copy": {
                "order_id": cls.order.id,
                "department_id": cls.department.id,
            },
            "crm.consultation": {
                "question": "Price of the KT-300?",
                "partner_id": cls.farmer.id,
            },
            "service.callback": {"partner_id": cls.farmer.id, "user_id": cls.agent.id},
            "service.callback.report": {
                "user_id": cls.agent.id,
                "report_date": "2025-06-02",
            },
            "service.kpi.appraisal": {
                "employee_id": cls.employee.id,
                "template_id": cls.template.id,
                "date_from": "2025-06-01",
            },
            "service.kpi.penalty": {
                "kind": "incomplete_file",
                "employee_id": cls.employee.id,
            },
        }
        cls.targets = {}
        for model, vals in cls.base_vals.items():
            if model == "service.escalation":
                vals["ticket_id"] = cls.targets["helpdesk.ticket"].id
            create_vals = dict(vals)
            if model == "service.callback.report":
                create_vals["report_date"] = "2025-05-30"
            if model == "service.kpi.appraisal":
                create_vals["date_from"] = "2025-05-01"
            cls.targets[model] = env[model].create(create_vals)
        cls.fields_by_model = {
            model: sorted(
                name
                for name, field in env[model]._fields.items()
                if name not in MAGIC_COLUMNS
                and name not in ("display_name", "company_id")
                and not name.startswith(SKIPPED_PREFIXES)
                and field.type not in SKIPPED_TYPES
                and (field.store or field.inverse)
                and not (field.compute and field.readonly and not field.inverse)
                and not field.related
            )
            for model in cls.base_vals
        }
        cls.env.flush_all()
        # one transaction serves the test and the RPC calls (HttpCase has
        # already put the registry in test mode)
        if cls.registry.test_cr is None:
            cls.registry.enter_test_mode(cls.cr)
            cls.addClassCleanup(cls.registry.leave_test_mode)

    # ------------------------------------------------------------------
    def _call(self, model, method, args):
        """``execute_kw`` as admin, the way the ``/jsonrpc`` route runs it."""
        params = [self.env.cr.dbname, self.admin.id, "admin", model, method, args, {}]
        # the route receives JSON: send only what survives it
        params = json.loads(json.dumps(params))
        try:
            # constraint violations reach the database first: not our noise
            with mute_logger("odoo.sql_db"):
                return http.dispatch_rpc("object", "execute_kw", params)
        except Exception as error:
            data = http.serialize_exception(error)
            raise RpcError(data["name"], data["message"]) from error

    def _value(self, data, model, name):
        field = self.env[model]._fields[name]
        choices = [WRONG_TYPES]
        if field.type in ("char", "text", "html"):
            choices.append(TEXT)
        elif field.type in ("date", "datetime"):
            choices.append(BAD_DATES)
        elif field.type in ("many2one", "many2many", "one2many"):
            foreign = self.foreign.get(field.comodel_name)
            ids = st.integers(min_value=-(2**40), max_value=2**40)
            if foreign:
                ids = st.one_of(ids, st.just(foreign.id), st.just(foreign.id))
            if field.type == "many2one":
                choices.append(ids)
            else:
                choices.append(st.lists(st.tuples(st.just(4), ids), max_size=2))
        elif field.type == "selection":
            choices.append(st.text(CHARS, max_size=20))
        value = data.draw(st.one_of(*choices), label=f"{model}.{name}")
        # JSON-RPC clients send what the JSON encoder accepts: round-trip it
        return json.loads(json.dumps(value))

    def _snapshot(self, record):
        record.env.invalidate_all()
        names = self.fields_by_model[record._name]
        return record.sudo().read(names) if record.sudo().exists() else None

    def _uses_foreign(self, model, vals):
        return [
            name
            for name, value in vals.items()
            # helpdesk.ticket (OCA) does not check its companies automatically
            if self.env[model]._check_company_auto
            and (field := self.env[model]._fields[name]).type == "many2one"
            and field.check_company
            and (foreign := self.foreign.get(field.comodel_name))
            and value == foreign.id
        ]

    def _check_html(self, record, vals):
        record.invalidate_recordset()
        for name in vals:
            field = record._fields[name]
            if field.type != "html" or not field.sanitize:
                continue
            stored = str(record.sudo()[name] or "").lower()
            for bad in ("<script", "onerror", "onload", "javascript:", "<iframe"):
                self.assertNotIn(bad, stored, f"{record._name}.{name} not sanitized")

    def _assert_clean(self, error, model, method, vals):
        self.assertTrue(
            clean_error(error.name),
            f"{model}.{method}({vals!r:.300}) raised {error} instead of a user error",
        )

    @EXAMPLES
    @given(data=st.data())
    def test_create_with_hostile_values(self, data):
        self._check_create(
            data, data.draw(st.sampled_from(sorted(self.base_vals)), label="model")
        )

    @EXAMPLES
    @given(data=st.data())
    def test_write_with_hostile_values(self, data):
        self._check_write(
            data, data.draw(st.sampled_from(sorted(self.base_vals)), label="model")
        )

    def _check_create(self, data, model):
        # each example starts from the same records, whatever the last one did
        with closing(self.env.cr.savepoint()):
            self._check_create_example(data, model)
        self.env.invalidate_all()

    def _check_write(self, data, model):
        with closing(self.env.cr.savepoint()):
            self._check_write_example(data, model)
        self.env.invalidate_all()

    def _check_create_example(self, data, model):
        names = data.draw(
            st.lists(
                st.sampled_from(self.fields_by_model[model]),
                min_size=1,
                max_size=3,
                unique=True,
            ),
            label="fields",
        )
        hostile = {name: self._value(data, model, name) for name in names}
        vals = dict(self.base_vals[model], **hostile)
        Model = self.env[model].sudo().with_context(active_test=False)
        before = Model.search_count([])
        try:
            new_id = self._call(model, "create", [vals])
        except RpcError as error:
            self._assert_clean(error, model, "create", hostile)
            self.env.invalidate_all()
            self.assertEqual(Model.search_count([]), before, "half-written create")
            return
        self.env.invalidate_all()
        self.assertEqual(Model.search_count([]), before + 1)
        self.assertFalse(
            self._uses_foreign(model, hostile),
            f"{model}.create accepted a record of another company: {hostile!r:.300}",
        )
        self._check_html(self.env[model].browse(new_id), hostile)

    def _check_write_example(self, data, model):
        name = data.draw(st.sampled_from(self.fields_by_model[model]), label="field")
        vals = {name: self._value(data, model, name)}
        record = self.targets[model]
        before = self._snapshot(record)
        try:
            self._call(model, "write", [record.ids, vals])
        except RpcError as error:
            self._assert_clean(error, model, "write", vals)
            self.assertEqual(self._snapshot(record), before, "half-written write")
            return
        self.assertFalse(
            self._uses_foreign(model, vals),
            f"{model}.write accepted a record of another company: {vals!r:.300}",
        )
        self._check_html(record, vals)

    def test_rejections_say_what_to_fix(self):
        """The checks answer with a validation error naming the field."""
        ticket = self.targets["helpdesk.ticket"]
        cases = [
            ("service.callback", {"due_datetime": "2025-02-30 10:00:00"}),
            ("service.kpi.appraisal", {"date_from": "10000-01-01"}),
            ("crm.consultation", {"received_date": "0001-01-01 00:00:00"}),
            ("service.kpi.penalty", {"kind": "bonus_for_me"}),
            ("service.escalation", {"ticket_id": 2**40}),
            ("helpdesk.ticket", {"name": "x" * 5000}),
            ("service.callback", {"score": "five"}),
        ]
        for model, hostile in cases:
            with self.subTest(model=model, vals=hostile):
                vals = dict(self.base_vals[model], **hostile)
                if model == "service.escalation":
                    vals["ticket_id"] = hostile["ticket_id"]
                with self.assertRaisesRegex(
                    RpcError, "^odoo.exceptions.ValidationError"
                ):
                    self._call(model, "create", [vals])
        with self.assertRaisesRegex(RpcError, "^odoo.exceptions.ValidationError"):
            self._call("helpdesk.ticket", "write", [ticket.ids, {"stage_id": "abc"}])
        with self.assertRaisesRegex(
            exceptions.ValidationError, "Due.*2025-02-30.*a date and time between"
        ):
            self.env["service.callback"].create(
                dict(self.base_vals["service.callback"], due_datetime="2025-02-30")
            )


# Examples per model over HTTP: every model gets its share, the run stays short.
HTTP_EXAMPLES = 25


@tagged("post_install", "-at_install")
class TestSuiteBadInputHttp(TestSuiteBadInputRpc, HttpCase):
    """The same hostile values, as real JSON-RPC requests over HTTP."""

    def _call(self, model, method, args):
        """``execute_kw`` as admin, posted to ``/jsonrpc`` of the test server."""
        self._request_id = getattr(self, "_request_id", 0) + 1
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": self._request_id,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    self.admin.id,
                    "admin",
                    model,
                    method,
                    args,
                    {},
                ],
            },
        }
        # the server logs the refused calls; the answers are checked below
        with mute_logger("odoo.sql_db", "odoo.http", "odoo.service.model"):
            response = self.url_open(
                "/jsonrpc",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
                timeout=60,
            )
        self.assertEqual(
            response.status_code,
            200,
            f"{model}.{method}: HTTP {response.status_code} {response.text[:300]}",
        )
        answer = response.json()
        self.assertEqual(answer.get("id"), self._request_id)
        if "error" in answer:
            data = answer["error"].get("data") or {}
            raise RpcError(data.get("name", ""), data.get("message", ""))
        return answer["result"]

    def _per_model(self, check):
        for model in sorted(self.base_vals):
            with self.subTest(model=model):
                self._examples(check, model)()

    def _examples(self, check, model):
        @settings(EXAMPLES, max_examples=HTTP_EXAMPLES)
        @given(data=st.data())
        def examples(data):
            check(data, model)

        return examples

    def test_create_with_hostile_values(self):
        self._per_model(self._check_create)

    def test_write_with_hostile_values(self):
        self._per_model(self._check_write)

    def test_http_error_names_the_exception(self):
        """A refused call answers HTTP 200 with the JSON-RPC error naming the
        Odoo exception, a missing record and a foreign company's record alike;
        nothing is written."""
        Ticket = self.env["helpdesk.ticket"].sudo().with_context(active_test=False)
        before = Ticket.search_count([])
        with self.assertRaisesRegex(RpcError, "^odoo.exceptions.ValidationError"):
            self._call(
                "helpdesk.ticket",
                "create",
                [dict(self.base_vals["helpdesk.ticket"], name="x" * 5000)],
            )
        with self.assertRaisesRegex(RpcError, "^odoo.exceptions.MissingError"):
            self._call("helpdesk.ticket", "write", [[2**31 - 1], {"name": "Ghost"}])
        with self.assertRaisesRegex(
            RpcError, r"^odoo\.exceptions\.(ValidationError|UserError|AccessError)"
        ):
            self._call(
                "service.kpi.appraisal",
                "create",
                [
                    dict(
                        self.base_vals["service.kpi.appraisal"],
                        template_id=self.foreign["service.kpi.template"].id,
                    )
                ],
            )
        self.env.invalidate_all()
        self.assertEqual(Ticket.search_count([]), before)
