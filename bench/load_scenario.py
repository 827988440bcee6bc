"""What the clients of bench/load.py do, in the suite and in plain Odoo.

SuiteScenario: hotline technicians record task orders (intake), hand them on
(hand_off: submitted to the coordinator, handed to the technician), record
the first response on one of their open task orders whose deadlines have
passed (respond: the deadline cron alerts those at the same time), callback
agents complete callbacks (callback_done: the answers saved, then done) and
read their monthly statistics, everyone searches task orders.

PlainScenario: the nearest work in a database with only OCA helpdesk_mgmt:
tickets created, two stage changes, a field written on an open ticket, a plain
activity saved and marked done, tickets counted per stage, the same search.

Each operation makes the same number of requests in both, so that requests/s
compare. prepare() makes users and data as admin (and, through SQL, moves the
deadlines of the open backlog into the past); start_crons() makes the
suite's crons due when the clock starts; verify() checks that nothing was lost
or duplicated, by the records' natural keys.
"""

import threading

import psycopg2

PASSWORD = "load-Password-1"
SUITE_CRON_MODULES = ("service_lifecycle", "service_callback", "service_kpi")


def xmlid(admin, ref):
    module, name = ref.split(".")
    return admin.call("ir.model.data", "check_object_reference", module, name)[1]


def columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
        [table],
    )
    return {row[0] for row in cr.fetchall()}


def duplicates(cr, table, key, where="TRUE"):
    """(rows, duplicated keys) of ``table`` by the natural key ``key``;
    None when the table or a key column does not exist (any more)."""
    needed = {part.strip() for part in key.split(",")}
    if not needed <= columns(cr, table):
        return None
    cr.execute(
        f"SELECT count(*), count(*) FILTER (WHERE n > 1) FROM ("
        f"SELECT count(*) AS n FROM {table} WHERE {where} GROUP BY {key}) AS g"
    )
    _groups, duplicated = cr.fetchone()
    cr.execute(f"SELECT count(*) FROM {table} WHERE {where}")
    return cr.fetchone()[0], duplicated


class BaseScenario:
    label = ""

    def __init__(self, name, clients, seconds, backlog):
        self.name = name  # of the users and the team, made once
        self.run = name  # of this phase's records
        self.clients = clients
        self.seconds = seconds
        self.backlog_size = backlog
        self.per_agent = max(40, min(500, int(seconds * 4)))
        self.lock = threading.Lock()
        self.start_phase(name)

    def start_phase(self, run):
        """A new phase (shape): its own records, counted from zero."""
        self.run = run
        self.created = []  # ids of the records the intake created
        self.done = 0  # callbacks (activities) completed

    def record_created(self, ticket):
        with self.lock:
            self.created.append(ticket)

    def record_done(self):
        with self.lock:
            self.done += 1

    def _users(self, admin, groups_of):
        values, logins = [], []
        for index in range(self.clients):
            login = f"load_{self.label}_{self.name}_{index}"
            values.append(
                {
                    "name": f"Load {self.label} user {index}",
                    "login": login,
                    "password": PASSWORD,
                    "tz": "Asia/Shanghai",
                    "groups_id": [(6, 0, groups_of(index))],
                }
            )
            logins.append((login, PASSWORD))
        self.users = admin.call("res.users", "create", values)
        self.technicians = [
            user for index, user in enumerate(self.users) if self.is_technician(index)
        ] or self.users
        return logins

    @staticmethod
    def is_technician(index):
        return index % 3 != 0

    def setup_client(self, client, index):
        """A technician's open task orders, or an agent's work to complete."""
        context = {"technician": self.is_technician(index)}
        if context["technician"]:
            context["backlog"] = [
                ticket
                for i, ticket in enumerate(self.backlog)
                if self.technicians[i % len(self.technicians)] == client.uid
            ]
        else:
            context["callbacks"] = self._agent_work(client, index)
        return context

    def actions(self, client, context, rng):
        """One round of a user's operations, the same in both scenarios:
        (name, callable) pairs, each callable one user action."""

        def intake():
            context["ticket"] = self.intake(client, context, rng)

        def hand_off():
            ticket = context.pop("ticket", None)
            if ticket:
                self.hand_off(client, ticket)

        def respond():
            if context["backlog"]:
                self.respond(client, rng.choice(context["backlog"]))

        def callback_done():
            if context["callbacks"]:
                self.callback_done(client, context["callbacks"].pop())
                self.record_done()

        if context["technician"]:
            yield "intake", intake
            yield "hand_off", hand_off
            yield "respond", respond
        else:
            yield "callback_done", callback_done
            yield "statistics", lambda: self.statistics(client)
        yield "search", lambda: self._search(client)

    def _check_tickets(self, cr, problems):
        cr.execute(
            "SELECT count(*), count(DISTINCT name) FROM helpdesk_ticket "
            "WHERE name LIKE %s",
            [f"Load {self.run} %"],
        )
        found, names = cr.fetchone()
        cr.execute(
            "SELECT count(*) FROM helpdesk_ticket WHERE id = ANY(%s)", [self.created]
        )
        known = cr.fetchone()[0]
        if found != len(self.created) or known != len(self.created):
            problems.append(
                f"{len(self.created)} task orders created by the clients, "
                f"{found} in the database ({known} of the clients' ids)"
            )
        if names != found:
            problems.append(f"{found - names} task orders duplicated")
        if problems:
            return f"{found} tickets found for {len(self.created)} created"
        return f"{len(self.created)} tickets created, found once each"

    def _search(self, client):
        return client.call(
            "helpdesk.ticket",
            "search_read",
            [("name", "ilike", f"Load {self.run}")],
            fields=["name", "stage_id"],
            limit=40,
        )


class SuiteScenario(BaseScenario):
    label = "suite"

    def prepare(self, admin, cr):
        tech_group = xmlid(admin, "service_lifecycle.group_hotline_technician")
        agent_group = xmlid(admin, "service_callback.group_callback_agent")
        self.channel = xmlid(admin, "helpdesk_mgmt.helpdesk_ticket_channel_phone")
        done_stage = xmlid(admin, "helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.customers = admin.call(
            "res.partner",
            "create",
            [
                {"name": f"Load Customer {self.run}-{i}", "customer_class": "farmer"}
                for i in range(50)
            ],
        )
        self.product = admin.call(
            "product.product",
            "create",
            {"name": f"Load Tractor {self.run}", "type": "consu"},
        )
        logins = self._users(
            admin,
            lambda index: [tech_group] if self.is_technician(index) else [agent_group],
        )
        self.team = admin.call(
            "helpdesk.ticket.team",
            "create",
            {"name": f"Load Hotline {self.name}", "user_ids": [(6, 0, self.users)]},
        )
        self.done_stage = done_stage
        return logins

    def prepare_phase(self, admin, cr):
        """This phase's open backlog and closed anchors."""
        done_stage = self.done_stage
        # open task orders of the technicians whose deadlines have passed:
        # the deadline cron alerts them while their technicians write them
        self.backlog = admin.call(
            "helpdesk.ticket",
            "create",
            [
                self._ticket(f"Load backlog {self.run} {i}", i, "repair")
                for i in range(self.backlog_size)
            ],
        )
        self._past_deadlines(cr, self.backlog)
        # anchors of the callback planner: closed task orders whose callbacks
        # are left to the planner cron, run during the load
        self.anchors = admin.call(
            "helpdesk.ticket",
            "create",
            [
                dict(
                    self._ticket(f"Load anchor {self.run} {i}", i, "consultation"),
                    description="<p>Question answered</p>",
                    fault_symptoms="Question",
                    working_conditions="Field work",
                )
                for i in range(self.backlog_size)
            ],
        )
        # closed the way the workflow allows: handed on, solved, the
        # customer's satisfaction recorded, then done
        for button in ("action_submit_intake", "action_hand_to_technician"):
            admin.call("helpdesk.ticket", button, self.anchors, button=True)
        admin.call(
            "helpdesk.ticket",
            "write",
            self.anchors,
            {
                "solution": "<p>Answered on the phone</p>",
                "diagnosis_steps": "<p>Asked about the question</p>",
                "satisfaction": "satisfied",
            },
        )
        admin.call("helpdesk.ticket", "write", self.anchors, {"stage_id": done_stage})
        # closing planned their callbacks at once: leave them to the cron
        planned = admin.call("service.callback", "search", self._anchor_domain())
        admin.call("service.callback", "unlink", planned)

    def _ticket(self, name, index, request_type):
        return {
            "name": name,
            "description": "<p>Engine stalls under load</p>",
            "partner_id": self.customers[index % len(self.customers)],
            "team_id": self.team,
            "user_id": self.technicians[index % len(self.technicians)],
            "request_type": request_type,
            "channel_id": self.channel,
            "purchase_date": "2026-01-15",
            "product_id": self.product,
            "fault_symptoms": "Stalls",
            "working_conditions": "Ploughing",
            "duplicate_confirmed": True,
        }

    @staticmethod
    def _past_deadlines(cr, ids):
        """Deadlines an hour ago, risk dates two hours ago (stored computed
        fields: set in SQL, as time passing would)."""
        have = columns(cr, "helpdesk_ticket")
        sets = []
        for kind in ("handoff", "response", "resolution"):
            for suffix, hours in (("deadline", 1), ("risk_date", 2)):
                column = f"{kind}_{suffix}"
                if column in have:
                    sets.append(
                        f"{column} = (now() AT TIME ZONE 'UTC') "
                        f"- interval '{hours} hours'"
                    )
        if sets and ids:
            cr.execute(
                f"UPDATE helpdesk_ticket SET {', '.join(sets)} WHERE id = ANY(%s)",
                [ids],
            )

    def _anchor_domain(self):
        return [
            ("res_model", "=", "helpdesk.ticket"),
            ("res_id", "in", self.anchors),
            ("rule_key", "!=", False),
        ]

    def _agent_work(self, client, index):
        return client.call(
            "service.callback",
            "create",
            [
                {
                    "partner_id": self.customers[(index * 7 + k) % len(self.customers)],
                    "user_id": client.uid,
                    "method": "phone",
                    "purpose": f"Load {self.run}",
                }
                for k in range(self.per_agent)
            ],
        )

    def start_crons(self, admin, cr):
        """The suite's crons due now, the planner first (a cron worker runs
        the due jobs one after the other): a trigger each, as Odoo's own
        ``ir.cron._trigger()`` adds (writing a job being run would fail),
        and the notification that wakes the cron workers."""
        cr.execute(
            "SELECT res_id FROM ir_model_data WHERE model = 'ir.cron' "
            "AND module = ANY(%s)",
            [list(SUITE_CRON_MODULES)],
        )
        crons = [row[0] for row in cr.fetchall()]
        cr.execute("SET lock_timeout = '2s'")
        try:
            cr.execute(
                "UPDATE ir_cron SET priority = 0 WHERE id = %s AND priority > 0",
                [xmlid(admin, "service_callback.ir_cron_service_callback_plan")],
            )
        except psycopg2.errors.LockNotAvailable:
            pass  # being run: it keeps its priority this time
        cr.execute("RESET lock_timeout")
        cr.execute(
            "INSERT INTO ir_cron_trigger (cron_id, call_at, create_uid, "
            "create_date, write_uid, write_date) SELECT id, now() AT TIME ZONE "
            "'UTC', 1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC' "
            "FROM ir_cron WHERE id = ANY(%s) AND active",
            [crons],
        )
        # the cron workers listen on the database postgres (ir.cron._notifydb)
        wake = psycopg2.connect(dbname="postgres")
        wake.autocommit = True
        with wake.cursor() as wcr:
            wcr.execute(
                "SELECT pg_notify('cron_trigger', %s)", [cr.connection.info.dbname]
            )
        wake.close()
        return len(crons)

    # the operations (BaseScenario.actions() runs them in order)
    def intake(self, client, context, rng):
        ticket = client.call(
            "helpdesk.ticket",
            "create",
            self._ticket(
                f"Load {self.run} {client.name}-{client.rounds}",
                rng.randrange(len(self.customers)),
                "repair",
            )
            | {"user_id": client.uid, "partner_id": rng.choice(self.customers)},
        )
        self.record_created(ticket)
        return ticket

    def hand_off(self, client, ticket):
        client.call("helpdesk.ticket", "action_submit_intake", [ticket], button=True)
        client.call(
            "helpdesk.ticket", "action_hand_to_technician", [ticket], button=True
        )

    def respond(self, client, ticket):
        client.call("helpdesk.ticket", "action_record_response", [ticket], button=True)

    def callback_done(self, client, callback):
        client.call(
            "service.callback",
            "write",
            [callback],
            {
                "reached": True,
                "rating": "satisfied",
                "score": 5,
                "customer_feedback": "Works well",
            },
        )
        client.call("service.callback", "action_done", [callback], button=True)

    def statistics(self, client):
        client.call(
            "service.callback.monthly.report",
            "read_group",
            [],
            ["due_count:sum", "done_count:sum", "callback_rate"],
            ["month:month"],
        )

    def verify(self, cr):
        problems, lines = [], []
        lines.append(self._check_tickets(cr, problems))
        cr.execute(
            "SELECT count(*) FROM service_callback WHERE purpose = %s "
            "AND state = 'done'",
            [f"Load {self.run}"],
        )
        done = cr.fetchone()[0]
        if done != self.done:
            problems.append(f"{self.done} callbacks completed, {done} done")
        lines.append(f"{done} callbacks completed")
        cr.execute(
            "SELECT count(*) FROM service_callback WHERE res_model = "
            "'helpdesk.ticket' AND res_id = ANY(%s) AND rule_key IS NOT NULL",
            [self.anchors],
        )
        lines.append(
            f"{cr.fetchone()[0]} callbacks planned by the cron for "
            f"{len(self.anchors)} closed task orders"
        )
        alerted = [
            f"{kind}_sla_alert IS NOT NULL"
            for kind in ("handoff", "response", "resolution")
            if f"{kind}_sla_alert" in columns(cr, "helpdesk_ticket")
        ]
        if alerted:
            cr.execute(
                "SELECT count(*) FROM helpdesk_ticket WHERE id = ANY(%s) "
                f"AND ({' OR '.join(alerted)})",
                [self.backlog],
            )
            alerted_count = cr.fetchone()[0]
            lines.append(
                f"{alerted_count} of {len(self.backlog)} overdue task orders "
                "alerted by the deadline cron"
            )
            if alerted_count != len(self.backlog):
                problems.append(
                    f"{len(self.backlog) - alerted_count} overdue task orders "
                    "not alerted by the deadline cron during the run"
                )
        lines += self._natural_keys(cr, problems)
        return lines, problems

    @staticmethod
    def _natural_keys(cr, problems):
        cr.execute(
            "SELECT array_agg(res_id) FROM ir_model_data WHERE model = "
            "'mail.activity.type' AND module = 'service_lifecycle' "
            "AND name IN ('mail_activity_type_sla_warning', "
            "'mail_activity_type_sla_breach')"
        )
        alert_types = cr.fetchone()[0] or [0]
        checks = [
            (
                "planned callbacks",
                "service_callback",
                "rule_key, res_model, res_id, occurrence",
                "rule_key IS NOT NULL",
            ),
            (
                "deadline alert activities",
                "mail_activity",
                "res_model, res_id, activity_type_id, summary",
                f"activity_type_id IN ({', '.join(map(str, alert_types))})",
            ),
            (
                "penalties",
                "service_kpi_penalty",
                "ticket_id, kind, employee_id",
                "source = 'auto'",
            ),
            (
                "indicator values",
                "service_kpi_value",
                "indicator_id, company_id, period_type, date_from, level, "
                "employee_id, manager_id, department_id",
                "TRUE",
            ),
        ]
        lines = []
        for label, table, key, where in checks:
            result = duplicates(cr, table, key, where)
            if result is None:
                lines.append(f"{label}: not checked ({table} has no {key})")
                continue
            rows, duplicated = result
            lines.append(f"{label}: {rows} rows, {duplicated} keys duplicated")
            if duplicated:
                problems.append(f"{duplicated} {label} duplicated ({key})")
        return lines


class PlainScenario(BaseScenario):
    label = "plain"

    def prepare(self, admin, cr):
        group = xmlid(admin, "helpdesk_mgmt.group_helpdesk_user")
        self.channel = xmlid(admin, "helpdesk_mgmt.helpdesk_ticket_channel_phone")
        self.stages = [
            xmlid(admin, f"helpdesk_mgmt.helpdesk_ticket_stage_{name}")
            for name in ("in_progress", "awaiting")
        ]
        self.call_type = xmlid(admin, "mail.mail_activity_data_call")
        self.customers = admin.call(
            "res.partner",
            "create",
            [{"name": f"Load Customer {self.run}-{i}"} for i in range(50)],
        )
        logins = self._users(admin, lambda index: [group])
        self.team = admin.call(
            "helpdesk.ticket.team",
            "create",
            {"name": f"Load Hotline {self.name}", "user_ids": [(6, 0, self.users)]},
        )
        self.ticket_model = admin.call(
            "ir.model", "search", [("model", "=", "helpdesk.ticket")]
        )[0]
        return logins

    def prepare_phase(self, admin, cr):
        """This phase's open backlog."""
        self.activities = 0
        self.backlog = admin.call(
            "helpdesk.ticket",
            "create",
            [
                self._ticket(f"Load backlog {self.run} {i}", i)
                for i in range(self.backlog_size)
            ],
        )

    def _ticket(self, name, index):
        return {
            "name": name,
            "description": "<p>Engine stalls under load</p>",
            "partner_id": self.customers[index % len(self.customers)],
            "team_id": self.team,
            "user_id": self.technicians[index % len(self.technicians)],
            "channel_id": self.channel,
        }

    def _agent_work(self, client, index):
        # the plain analogue of a callback: a call activity on a ticket
        activities = client.call(
            "mail.activity",
            "create",
            [
                {
                    "res_model_id": self.ticket_model,
                    "res_id": self.backlog[(index * 7 + k) % len(self.backlog)],
                    "activity_type_id": self.call_type,
                    "user_id": client.uid,
                    "summary": f"Load {self.run}",
                }
                # one per ticket: Odoo subscribes the assignee once per
                # record, and refuses a batch subscribing it twice
                for k in range(min(self.per_agent, len(self.backlog)))
            ],
        )
        with self.lock:
            self.activities += len(activities)
        return activities

    def start_crons(self, admin, cr):
        return 0

    # the operations (BaseScenario.actions() runs them in order)
    def intake(self, client, context, rng):
        ticket = client.call(
            "helpdesk.ticket",
            "create",
            self._ticket(
                f"Load {self.run} {client.name}-{client.rounds}",
                rng.randrange(len(self.customers)),
            )
            | {"user_id": client.uid},
        )
        self.record_created(ticket)
        return ticket

    def hand_off(self, client, ticket):
        for stage in self.stages:
            client.call("helpdesk.ticket", "write", [ticket], {"stage_id": stage})

    def respond(self, client, ticket):
        client.call("helpdesk.ticket", "write", [ticket], {"priority": "2"})

    def callback_done(self, client, activity):
        client.call("mail.activity", "write", [activity], {"note": "<p>Works well</p>"})
        client.call(
            "mail.activity",
            "action_feedback",
            [activity],
            feedback="Works well",
            button=True,
        )

    def statistics(self, client):
        client.call(
            "helpdesk.ticket",
            "read_group",
            [("team_id", "=", self.team)],
            ["stage_id"],
            ["stage_id"],
        )

    def verify(self, cr):
        problems, lines = [], []
        lines.append(self._check_tickets(cr, problems))
        cr.execute(
            "SELECT count(*) FROM mail_activity WHERE summary = %s",
            [f"Load {self.run}"],
        )
        left = cr.fetchone()[0]
        total = self.activities
        if total - left != self.done:
            problems.append(f"{self.done} activities done, {total - left} gone")
        lines.append(f"{self.done} activities done")
        return lines, problems
