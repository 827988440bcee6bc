"""make bench: the suite's hot paths at a given data size, on the real stack.

Run inside ``odoo shell`` on a bench database (scripts/bench.sh does it). The
data are generated once per database with set-based SQL (the ORM would take
hours at the large size) and committed; the figures are measured on them, each
as the median of several runs, and printed one per line:

    bench: <size> <figure> = <value> <unit> [ratio / check]

Sizes (env SIZE): see SIZES. Floors (a hand-written SQL statement doing the
same work) are measured in the same run, so ratios compare like with like.
"""

import os
import statistics
import time
from datetime import timedelta

from odoo import fields
from odoo.addons.service_kpi.rules.kpi_periods import datetime_range, month_bounds

SIZES = {
    "tiny": {"customers": 500, "tickets": 5_000, "callbacks": 1_000, "anchors": 2_000},
    "small": {
        "customers": 5_000,
        "tickets": 50_000,
        "callbacks": 10_000,
        "anchors": 20_000,
    },
    "medium": {
        "customers": 20_000,
        "tickets": 200_000,
        "callbacks": 40_000,
        "anchors": 50_000,
    },
    "large": {
        "customers": 100_000,
        "tickets": 1_000_000,
        "callbacks": 200_000,
        "anchors": 100_000,
    },
}
SIZE = os.environ.get("SIZE", "small")
SPEC = SIZES[SIZE]
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
MARK = "service_bench.generated"
STAFF = 40  # hotline technicians and callback agents


def line(figure, value, unit, extra=""):
    print(
        f"bench: {SIZE} {figure} = {value:.3f} {unit}"
        + (f"  {extra}" if extra else ""),
        flush=True,
    )


def median_time(fn, runs=RUNS, setup=None):
    times = []
    for _ in range(runs):
        if setup:
            setup()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


class Generator:
    """Fills the database through set-based SQL, then lets the ORM know."""

    def __init__(self, env):
        self.env = env
        self.cr = env.cr

    def run(self):
        if self.env["ir.config_parameter"].sudo().get_param(MARK) == SIZE:
            print(f"bench: {SIZE} data already generated", flush=True)
            return
        t0 = time.perf_counter()
        company = self.env.company
        self.staff = self._users()
        self._products()
        self._customers(company)
        self._tickets(company)
        self._callbacks(company)
        self.env["ir.config_parameter"].sudo().set_param(MARK, SIZE)
        self.env.invalidate_all()
        self.cr.commit()  # the bench database keeps its data between runs
        # A database in use has statistics (autovacuum); one bulk-filled a
        # moment ago has none, and the planner's first figure depended on
        # whether autovacuum had analysed it yet (24 s instead of 3.4 s seen
        # at medium).
        self.cr.execute("ANALYZE")
        line("generate", time.perf_counter() - t0, "s", str(SPEC))

    def _users(self):
        groups = [
            self.env.ref("service_lifecycle.group_hotline_technician").id,
            self.env.ref("service_callback.group_callback_agent").id,
        ]
        users = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                [
                    {
                        "name": f"Bench Staff {i}",
                        "login": f"bench_staff_{i}",
                        "groups_id": [(6, 0, groups)],
                    }
                    for i in range(STAFF)
                ]
            )
        )
        self.env["hr.employee"].create(
            [{"name": u.name, "user_id": u.id} for u in users]
        )
        return users

    def _products(self):
        category = self.env["product.category"].create({"name": "Bench Machinery"})
        self.products = self.env["product.product"].create(
            [
                {"name": f"Bench Tractor {i}", "type": "consu", "categ_id": category.id}
                for i in range(20)
            ]
        )

    def _customers(self, company):
        self.cr.execute(
            """
            INSERT INTO res_partner (name, complete_name, active, type, is_company,
                                     customer_class, autopost_bills, company_id,
                                     create_date, write_date, create_uid, write_uid)
            SELECT 'Bench Customer ' || g, 'Bench Customer ' || g, TRUE, 'contact',
                   TRUE,
                   (ARRAY['key_account','big_account','farmer','dealer','regular'])
                       [1 + g %% 5],
                   'ask', NULL, now(), now(), 1, 1
              FROM generate_series(1, %s) g
            """,
            (SPEC["customers"],),
        )

    def _tickets(self, company):
        """A year of task orders: most closed, the rest open in every step."""
        Stage = self.env["helpdesk.ticket.stage"]
        closed = Stage.search([("closed", "=", True)], limit=1)
        open_stages = Stage.search([("closed", "=", False)])
        team = self.env["helpdesk.ticket.team"].create(
            {
                "name": "Bench Hotline",
                "user_ids": [(6, 0, self.staff.ids)],
            }
        )
        self.cr.execute(
            """
            WITH c AS (SELECT array_agg(id) ids FROM res_partner
                        WHERE name LIKE 'Bench Customer %%'),
                 s AS (SELECT %s::int[] ids), u AS (SELECT %s::int[] ids),
                 p AS (SELECT %s::int[] ids)
            INSERT INTO helpdesk_ticket (
                number, name, description, company_id, team_id, user_id, partner_id,
                commercial_partner_id, stage_id, product_id, request_type,
                customer_class, is_urgent, received_date, create_date, write_date,
                closed_date, active, priority, create_uid, write_uid,
                handoff_deadline, response_deadline, resolution_deadline,
                handoff_date, first_response_date, resolved_date,
                handoff_sla_state, response_sla_state, resolution_sla_state,
                sla_state, rework_count)
            SELECT 'BT' || g, 'Bench task order ' || g, '<p>bench</p>', %s, %s,
                   u.ids[1 + g %% array_length(u.ids, 1)],
                   c.ids[1 + g %% array_length(c.ids, 1)],
                   c.ids[1 + g %% array_length(c.ids, 1)],
                   CASE WHEN g %% 10 = 0 THEN s.ids[1 + g %% array_length(s.ids, 1)]
                        ELSE %s END,
                   p.ids[1 + g %% array_length(p.ids, 1)],
                   (ARRAY['repair','consultation','complaint','return_exchange',
                          'paid_service'])[1 + g %% 5],
                   (ARRAY['key_account','big_account','farmer','dealer','regular'])
                       [1 + g %% 5],
                   g %% 17 = 0, t.created, t.created, t.created,
                   CASE WHEN g %% 10 = 0 THEN NULL
                        ELSE t.created + interval '1 hour' * (1 + g %% 90) END,
                   TRUE, '1', 1, 1,
                   t.created + interval '15 minutes', t.created + interval '24 hours',
                   t.created + interval '72 hours',
                   t.created + interval '1 minute' * (g %% 30),
                   t.created + interval '1 hour' * (g %% 30),
                   CASE WHEN g %% 10 = 0 THEN NULL
                        ELSE t.created + interval '1 hour' * (1 + g %% 90) END,
                   CASE WHEN g %% 30 < 15 THEN 'met' ELSE 'breached' END,
                   CASE WHEN g %% 30 < 24 THEN 'met' ELSE 'breached' END,
                   CASE WHEN g %% 10 = 0 THEN 'on_track'
                        WHEN g %% 90 < 72 THEN 'met' ELSE 'breached' END,
                   CASE WHEN g %% 10 = 0 THEN 'on_track' ELSE 'met' END,
                   CASE WHEN g %% 50 = 0 THEN 1 ELSE 0 END
              FROM generate_series(1, %s) g, c, s, u, p,
                   LATERAL (SELECT now() - interval '1 minute' * ((g * 524160::bigint
                                   / %s) %% 524160) AS created) t
            """,
            (
                open_stages.ids,
                self.staff.ids,
                self.products.ids,
                self.env.company.id,
                team.id,
                closed.id,
                SPEC["tickets"],
                SPEC["tickets"],
            ),
        )
        self.team = team

    def _callbacks(self, company):
        self.cr.execute(
            """
            WITH c AS (SELECT array_agg(id) ids FROM res_partner
                        WHERE name LIKE 'Bench Customer %%'),
                 u AS (SELECT %s::int[] ids),
                 tk AS (SELECT array_agg(id ORDER BY id) ids FROM helpdesk_ticket)
            INSERT INTO service_callback (name, company_id, partner_id, user_id,
                method, callback_type, due_datetime, state, done_datetime, reached,
                is_valid, is_overdue, rating, score, res_model, res_id,
                create_date, write_date, create_uid, write_uid)
            SELECT 'BCB' || g, %s, c.ids[1 + g %% array_length(c.ids, 1)],
                   u.ids[1 + g %% array_length(u.ids, 1)], 'phone',
                   (ARRAY['installation','routine','complaint','repair','service'])
                       [1 + g %% 5],
                   d.due,
                   CASE WHEN g %% 5 = 0 THEN 'planned' ELSE 'done' END,
                   CASE WHEN g %% 5 = 0 THEN NULL ELSE d.due + interval '2 hours' END,
                   g %% 5 <> 0 AND g %% 7 <> 0,
                   g %% 5 <> 0 AND g %% 7 <> 0,
                   g %% 5 = 0 AND d.due < now() - interval '1 day',
                   CASE WHEN g %% 5 = 0 OR g %% 7 = 0 THEN NULL
                        ELSE (ARRAY['satisfied','satisfied','neutral','dissatisfied'])
                             [1 + g %% 4] END,
                   CASE WHEN g %% 5 = 0 OR g %% 7 = 0 THEN 0 ELSE 1 + g %% 5 END,
                   CASE WHEN g %% 3 <> 0 THEN 'helpdesk.ticket' END,
                   CASE WHEN g %% 3 <> 0
                        THEN tk.ids[1 + (g * 7) %% array_length(tk.ids, 1)] END,
                   d.due, d.due, 1, 1
              FROM generate_series(1, %s) g, c, u, tk,
                   LATERAL (SELECT now() - interval '1 minute' * ((g * 524160::bigint
                                   / %s) %% 524160) AS due) d
            """,
            (self.staff.ids, self.env.company.id, SPEC["callbacks"], SPEC["callbacks"]),
        )


def bench_intake(env):
    """Task order intake with routing: create + warranty decision + deadlines."""
    Ticket = env["helpdesk.ticket"]
    team = env["helpdesk.ticket.team"].search([("name", "=", "Bench Hotline")], limit=1)
    customer = env["res.partner"].search([("name", "like", "Bench Customer")], limit=1)
    product = env["product.product"].search(
        [("name", "like", "Bench Tractor")], limit=1
    )
    phone = env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
    counts, times = [], []
    for i in range(20):
        vals = {
            "name": f"Bench intake {i}",
            "description": "<p>Engine does not start</p>",
            "partner_id": customer.id,
            "team_id": team.id,
            "channel_id": phone.id,
            "request_type": "repair",
            "product_id": product.id,
            "fault_symptoms": "No ignition",
            "working_conditions": "Field work",
            "duplicate_confirmed": True,
        }
        env.invalidate_all()
        q0 = env.cr.sql_log_count
        t0 = time.perf_counter()
        ticket = Ticket.create(vals)
        ticket.flush_recordset()
        times.append(time.perf_counter() - t0)
        counts.append(env.cr.sql_log_count - q0)
    env.cr.rollback()
    line("intake.queries_per_ticket", statistics.median(counts), "queries")
    line("intake.latency", statistics.median(times) * 1000, "ms")


def bench_sla_cron(env):
    """The deadline/escalation cron over all open task orders, 1 in 100 of them
    newly at risk or breached (the cron's daily reality)."""
    Ticket = env["helpdesk.ticket"]
    open_count = Ticket.search_count([("stage_id.closed", "=", False)])

    def setup():
        env.cr.rollback()
        # every 100th open task order (the open ones are every 10th id: a
        # test on the id alone would breach 1 in 10 of them)
        env.cr.execute(
            """UPDATE helpdesk_ticket t SET handoff_sla_alert = NULL,
                      response_sla_alert = NULL, resolution_sla_alert = NULL,
                      resolution_deadline = CASE WHEN o.n % 100 = 0
                          THEN now() - interval '1 hour'
                          ELSE now() + interval '30 days' END,
                      resolution_risk_date = now() + interval '20 days',
                      handoff_deadline = now() + interval '30 days',
                      handoff_risk_date = now() + interval '20 days',
                      response_deadline = now() + interval '30 days',
                      response_risk_date = now() + interval '20 days'
                 FROM (SELECT id, row_number() OVER (ORDER BY id) AS n
                         FROM helpdesk_ticket
                        WHERE stage_id IN (SELECT id FROM helpdesk_ticket_stage
                                            WHERE NOT closed)) o
                WHERE o.id = t.id"""
        )
        env.invalidate_all()

    def alerted():
        env.flush_all()
        env.cr.execute(
            "SELECT count(*) FROM helpdesk_ticket"
            " WHERE resolution_sla_alert IS NOT NULL"
        )
        return env.cr.fetchone()[0]

    stats = {}

    def run_all():
        # The cron handles a batch per call and asks to be run again while work
        # remains (ir.cron does that through _notify_progress): loop likewise.
        while True:
            before = alerted()
            Ticket._cron_check_sla()
            stats["alerted"] = alerted()
            if stats["alerted"] == before:
                break

    first = median_time(run_all, setup=setup)
    second = median_time(lambda: (Ticket._cron_check_sla(), env.flush_all()))
    env.cr.rollback()
    line(
        "sla_cron.first_run",
        first,
        "s",
        f"{open_count} open task orders, {stats['alerted']} breached and escalated",
    )
    line("sla_cron.second_run", second, "s", "nothing left to alert")


KPI_FLOOR_SQL = """
WITH cb AS (
    SELECT c.user_id,
           count(*) FILTER (WHERE f.routine AND c.state = 'done') AS done,
           count(*) FILTER (WHERE f.routine) AS routine,
           count(*) FILTER (WHERE f.due) AS due,
           count(*) FILTER (WHERE f.due AND c.state = 'done' AND c.reached) AS valid
      FROM service_callback c,
           LATERAL (SELECT c.state <> 'cancelled' AND c.due_datetime >= %(a)s
                           AND c.due_datetime < %(b)s AS due) d,
           LATERAL (SELECT d.due,
                           d.due AND c.callback_type IN ('installation', 'routine')
                           AS routine) f
     WHERE c.company_id = %(company)s AND d.due
     GROUP BY c.user_id
), sat AS (
    -- rated callbacks credit who served the customer: the task order's
    -- technician, the complaint's owner, the repair's responsible
    SELECT COALESCE(CASE WHEN t.request_type = 'complaint'
                         THEN t.complaint_owner_id ELSE t.user_id END,
                    r.user_id) AS user_id,
           count(*) FILTER (WHERE c.rating = 'satisfied') AS satisfied,
           count(*) FILTER (WHERE c.rating IS NOT NULL) AS rated,
           sum(c.score) FILTER (WHERE c.score > 0) AS score,
           count(*) FILTER (WHERE c.score > 0) AS scored
      FROM service_callback c
      LEFT JOIN helpdesk_ticket t
             ON c.res_model = 'helpdesk.ticket' AND t.id = c.res_id
      LEFT JOIN repair_order r ON c.res_model = 'repair.order' AND r.id = c.res_id
     WHERE c.company_id = %(company)s AND c.state = 'done'
       AND c.done_datetime >= %(a)s AND c.done_datetime < %(b)s
       AND c.res_model IN ('helpdesk.ticket', 'repair.order')
       AND c.res_id IS NOT NULL
     GROUP BY 1
), tk AS (
    SELECT t.user_id,
           count(*) FILTER (WHERE f.received AND t.handoff_deadline IS NOT NULL
                            AND t.handoff_sla_state IS NOT NULL) AS handoff,
           count(*) FILTER (WHERE f.received AND t.handoff_deadline IS NOT NULL
                            AND t.handoff_sla_state = 'met') AS handoff_met,
           count(*) FILTER (WHERE f.received AND t.response_deadline IS NOT NULL
                            AND t.response_sla_state IS NOT NULL) AS response,
           count(*) FILTER (WHERE f.received AND t.response_deadline IS NOT NULL
                            AND t.response_sla_state = 'met') AS response_met,
           count(*) FILTER (WHERE f.resolution) AS resolution,
           count(*) FILTER (WHERE f.resolution
                            AND t.resolution_sla_state = 'met') AS resolution_met,
           count(*) FILTER (WHERE f.resolution
                            AND t.request_type = 'complaint') AS complaint,
           count(*) FILTER (WHERE f.resolution AND t.request_type = 'complaint'
                            AND t.resolution_sla_state = 'met') AS complaint_met,
           count(*) FILTER (WHERE f.closed) AS closed,
           count(*) FILTER (WHERE f.closed
                            AND coalesce(t.rework_count, 0) = 0) AS first_fix,
           count(*) FILTER (WHERE f.closed AND t.rework_count > 0) AS reworked,
           count(*) FILTER (WHERE f.owed) AS owed,
           count(*) FILTER (WHERE f.owed AND cb.res_id IS NOT NULL) AS followed
      FROM helpdesk_ticket t
      LEFT JOIN helpdesk_ticket_stage s ON s.id = t.stage_id
      LEFT JOIN (SELECT DISTINCT res_id FROM service_callback
                  WHERE res_model = 'helpdesk.ticket' AND state = 'done'
                    AND reached AND callback_type = 'complaint') cb
             ON cb.res_id = t.id,
           LATERAL (SELECT t.received_date >= %(a)s AND t.received_date < %(b)s
                           AS received,
                           t.closed_date >= %(a)s AND t.closed_date < %(b)s
                           AND s.closed AND t.duplicate_id IS NULL AS closed) p,
           LATERAL (SELECT p.received,
                           p.received AND t.resolution_deadline IS NOT NULL
                           AND t.resolution_sla_state IS NOT NULL AS resolution,
                           p.closed,
                           p.closed AND t.request_type = 'complaint'
                           AND NOT coalesce(t.complaint_anonymous, FALSE)
                           AND NOT coalesce(t.complaint_reply_only, FALSE) AS owed) f
     WHERE t.company_id = %(company)s AND t.active
       AND (t.received_date >= %(a)s AND t.received_date < %(b)s
            OR t.closed_date >= %(a)s AND t.closed_date < %(b)s)
     GROUP BY t.user_id
), co AS (
    SELECT answered_by_id AS user_id, sum(response_hours) AS hours, count(*) AS n
      FROM crm_consultation
     WHERE company_id = %(company)s
       AND first_answer_date >= %(a)s AND first_answer_date < %(b)s
     GROUP BY answered_by_id
), so AS (
    SELECT user_id, sum(effective_date::date - GREATEST(contract_customer_sign_date,
                                                        contract_company_sign_date))
                    AS days, count(*) AS n
      FROM sale_order
     WHERE company_id = %(company)s AND state = 'sale' AND contract_state = 'signed'
       AND contract_customer_sign_date IS NOT NULL
       AND contract_company_sign_date IS NOT NULL
       AND effective_date >= %(a)s AND effective_date < %(b)s
     GROUP BY user_id
), sp AS (
    SELECT o.user_id, count(*) FILTER (WHERE p.date_done <= o.commitment_date)
                      AS on_time, count(*) AS n
      FROM stock_picking p
      JOIN stock_picking_type pt ON pt.id = p.picking_type_id
      JOIN sale_order o ON o.id = p.sale_id
     WHERE p.company_id = %(company)s AND pt.code = 'outgoing' AND p.state = 'done'
       AND p.date_done >= %(a)s AND p.date_done < %(b)s
       AND o.commitment_date IS NOT NULL
     GROUP BY o.user_id
), pairs AS (
    SELECT cb.user_id, m.* FROM cb, LATERAL (VALUES
        ('callback_rate', done, routine), ('callback_valid_rate', valid, due))
        m(measure, num, den)
    UNION ALL
    SELECT sat.user_id, m.* FROM sat, LATERAL (VALUES
        ('satisfaction_rate', satisfied, rated),
        ('satisfaction_score', score, scored)) m(measure, num, den)
    UNION ALL
    SELECT tk.user_id, m.* FROM tk, LATERAL (VALUES
        ('handoff_15min_rate', handoff_met, handoff),
        ('first_response_24h_rate', response_met, response),
        ('ticket_resolution_72h', resolution_met, resolution),
        ('complaint_72h_rate', complaint_met, complaint),
        ('first_time_fix_rate', first_fix, closed),
        ('rework_rate', reworked, closed),
        ('complaint_callback_rate', followed, owed)) m(measure, num, den)
    UNION ALL
    SELECT user_id, 'consultation_response_time', hours, n FROM co
    UNION ALL
    SELECT user_id, 'order_processing_cycle', days, n FROM so
    UNION ALL
    SELECT user_id, 'on_time_delivery_rate', on_time, n FROM sp
), levels AS (
    SELECT r.measure,
           CASE WHEN GROUPING(e.id) = 0 THEN 'employee'
                WHEN GROUPING(e.parent_id) = 0 THEN 'team'
                WHEN GROUPING(e.department_id) = 0 THEN 'department'
                ELSE 'company' END AS level,
           e.id AS employee_id, e.parent_id AS manager_id, e.department_id,
           sum(r.num) AS num, sum(r.den) AS den
      FROM pairs r
      LEFT JOIN hr_employee e ON e.user_id = r.user_id
                             AND e.company_id = %(company)s AND e.active
     WHERE r.den > 0
     GROUP BY GROUPING SETS ((r.measure, e.id), (r.measure, e.parent_id),
                             (r.measure, e.department_id), (r.measure))
)
SELECT measure, level, employee_id, manager_id, department_id, num, den
  FROM levels
 WHERE level = 'company' OR coalesce(employee_id, manager_id, department_id)
                            IS NOT NULL
"""


def kpi_floor(env, company, date_from, date_to):
    """The hand-written floor of the monthly KPI run: every number of the 14
    measures (numerator, denominator) for every employee, team, department and
    the company, in one SQL statement."""
    # the company's month (local midnight to local midnight, in UTC)
    start, end = datetime_range(date_from, date_to, company.partner_id.tz)
    env.cr.execute(KPI_FLOOR_SQL, {"company": company.id, "a": start, "b": end})
    return {
        (measure, level, employee or False, manager or False, department or False): (
            float(num or 0.0),
            float(den or 0.0),
        )
        for measure, level, employee, manager, department, num, den in env.cr.fetchall()
    }


def kpi_engine_pairs(env, indicators, date_from):
    """What the engine stored for the month, keyed like the floor's rows."""
    env.flush_all()
    values = env["service.kpi.value"].search_fetch(
        [
            ("period_type", "=", "month"),
            ("date_from", "=", date_from),
            ("indicator_id", "in", indicators.ids),
        ],
        [
            "indicator_id",
            "level",
            "employee_id",
            "manager_id",
            "department_id",
            "numerator",
            "denominator",
        ],
    )
    return {
        (
            value.indicator_id.measure,
            value.level,
            value.employee_id.id,
            value.manager_id.id,
            value.department_id.id,
        ): (value.numerator, value.denominator)
        for value in values
    }


def kpi_mismatches(floor_pairs, engine_pairs):
    wrong = []
    for key in sorted(set(floor_pairs) | set(engine_pairs), key=str):
        got, want = engine_pairs.get(key), floor_pairs.get(key)
        if (
            got is None
            or want is None
            or any(abs(g - w) > 1e-3 for g, w in zip(got, want, strict=True))
        ):
            wrong.append(f"{key}: engine {got}, floor {want}")
    return wrong


def bench_kpi(env):
    """The monthly KPI computation for all employees (every indicator, every
    level), against one hand-written SQL statement computing the same numbers;
    the bench fails when the two disagree."""
    Value = env["service.kpi.value"]
    Indicator = env["service.kpi.indicator"]
    indicators = Indicator.search([("measure", "!=", False)])
    company = indicators.company_id[:1] or env.company
    indicators = indicators.filtered(lambda i: i.company_id == company)
    month = fields.Date.context_today(Value) - timedelta(days=31)
    date_from, date_to = month_bounds(month)
    result = {}

    def floor():
        result["floor"] = kpi_floor(env, company, date_from, date_to)

    def compute():
        Value._compute_month(month, indicators)
        env.flush_all()

    floor_time = median_time(floor)
    kpi_time = median_time(compute)
    engine = kpi_engine_pairs(env, indicators, date_from)
    env.cr.rollback()
    wrong = kpi_mismatches(result["floor"], engine)
    if wrong:
        raise AssertionError(
            f"kpi.monthly: the engine and the SQL floor disagree on {len(wrong)} "
            "numbers:\n" + "\n".join(wrong[:40])
        )
    measured = {key[0] for key in engine}
    line(
        "kpi.monthly",
        kpi_time,
        "s",
        f"{len(indicators)} indicators, {len(engine)} values "
        f"({len(measured)} measures with data) = SQL floor; ratio to SQL floor "
        f"{kpi_time / floor_time:.1f}x (floor {floor_time:.3f} s)",
    )


def bench_planner(env):
    """The callback planner: anchors planned per second, a second run that must
    create nothing, and the ratio to one INSERT ... SELECT making the same rows.

    Anchors are task orders closed in the last days (rule "1 week after other
    services"): the planner finds them, computes the due times (contact
    windows, weekends) and inserts the callbacks."""
    if "service.callback.rule" not in env:
        print(f"bench: {SIZE} planner skipped: no callback planner installed")
        return
    rule = env.ref("service_callback.service_callback_rule_other_service")

    def setup():
        env.cr.rollback()
        # the anchors: closed ordinary task orders, closed in the last days
        env.cr.execute(
            """
            UPDATE helpdesk_ticket t
               SET closed_date = now() - interval '1 day' * (id %% 5),
                   request_type = 'consultation'
             WHERE id IN (SELECT t2.id FROM helpdesk_ticket t2
                            JOIN helpdesk_ticket_stage s ON s.id = t2.stage_id
                           WHERE s.closed ORDER BY t2.id LIMIT %s)
            """,
            (SPEC["anchors"],),
        )
        env.cr.execute("DELETE FROM service_callback WHERE rule_id IS NOT NULL")
        env.invalidate_all()

    stats = {}

    def plan():
        stats["created"] = len(rule._plan_callbacks())

    first = median_time(plan, setup=setup)
    created = stats["created"]
    second = median_time(plan)
    created_again = stats["created"]
    # the floor: one INSERT ... SELECT of the same rows (due = closing + 7 days)
    env.cr.execute(
        "SELECT count(*) FROM service_callback WHERE rule_id = %s", (rule.id,)
    )
    planned = env.cr.fetchone()[0]

    def floor_setup():
        env.cr.execute("DELETE FROM service_callback WHERE rule_id IS NOT NULL")

    def floor():
        env.cr.execute(
            """
            INSERT INTO service_callback (name, company_id, partner_id, user_id,
                method, callback_type, due_datetime, state, is_overdue, res_model,
                res_id, rule_key, rule_id, occurrence, create_uid, create_date,
                write_uid, write_date)
            SELECT 'F' || t.id, t.company_id, t.partner_id, t.user_id, 'phone',
                   'service', t.closed_date + interval '7 days', 'planned', FALSE,
                   'helpdesk.ticket', t.id, %s, %s, 1, 1, now(), 1, now()
              FROM helpdesk_ticket t
              JOIN helpdesk_ticket_stage s ON s.id = t.stage_id
             WHERE s.closed AND t.closed_date >= now() - interval '10 days'
               AND t.request_type = 'consultation' AND t.partner_id IS NOT NULL
            ON CONFLICT DO NOTHING
            """,
            (rule.key, rule.id),
        )
        stats["floor_rows"] = env.cr.rowcount

    floor_time = median_time(floor, setup=floor_setup)
    env.cr.rollback()
    line(
        "planner.first_run",
        first,
        "s",
        f"{created} callbacks for {SPEC['anchors']} anchors = "
        f"{SPEC['anchors'] / first:.0f} anchors/s; ratio to INSERT ... SELECT floor "
        f"{first / floor_time:.1f}x (floor {floor_time:.3f} s, "
        f"{stats['floor_rows']} rows)",
    )
    line(
        "planner.second_run",
        second,
        "s",
        f"created {created_again} (must be 0); {planned} planned in all",
    )


def main(env):
    Generator(env).run()
    bench_intake(env)
    bench_sla_cron(env)
    bench_kpi(env)
    bench_planner(env)
    # further figures register here as their features land
    env.cr.rollback()


main(env)  # noqa: F821 (odoo shell)
