# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import uuid
from collections import defaultdict
from datetime import timedelta

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, split_every

from ..rules import callback_schedule
from .service_callback import CALLBACK_METHODS, CALLBACK_TYPES

_logger = logging.getLogger(__name__)

ANCHOR_EVENTS = [
    ("installation", "Installation or Acceptance"),
    ("ticket_closed", "Task Order Closed"),
    ("repair_done", "Repair Done"),
    ("complaint_solved", "Complaint Solved"),
    ("special_done", "Special Service Done"),
    ("lead_created", "Lead Created"),
    ("visit", "Customer Visit"),
    ("deal_won", "Deal Won"),
    ("holiday", "Holiday"),
]
# The model each anchor event's callbacks are anchored on.
ANCHOR_MODELS = {
    "installation": "sale.order",
    "ticket_closed": "helpdesk.ticket",
    "repair_done": "repair.order",
    "complaint_solved": "helpdesk.ticket",
    "special_done": "helpdesk.ticket",
    "lead_created": "crm.lead",
    "visit": "crm.consultation",
    "deal_won": "crm.lead",
    "holiday": "crm.lead",
}
# Task orders of these request types are special services (beyond the
# ordinary repair and consultation): paid service, return or exchange.
SPECIAL_REQUEST_TYPES = ("paid_service", "return_exchange")
PERIOD_UNITS = [
    ("days", "Days"),
    ("weeks", "Weeks"),
    ("months", "Months"),
    ("years", "Years"),
]
ASSIGNMENTS = [
    ("salesperson", "Salesperson"),
    ("technician", "Technician"),
    ("team", "Callback Team (balanced load)"),
    ("severity", "By Complaint Severity"),
]
CUSTOMER_CLASSES = [
    ("key_account", "Key Account"),
    ("big_account", "Big Account"),
    ("farmer", "Farmer"),
    ("dealer", "Dealer"),
    ("regular", "Regular"),
]
LEAD_GRADES = [
    ("a", "A - Key"),
    ("b", "B - Interested"),
    ("c", "C - Possible"),
    ("d", "D - Unlikely"),
]
PLAN_BATCH = 5000


class ServiceCallbackRule(models.Model):
    """A rule of the callback programme: which event starts a series of
    callbacks, when they fall due, how and by whom they are made, and for
    which customers. The planner (and the events themselves) create the
    callbacks; each carries the rule's key and its occurrence number."""

    _name = "service.callback.rule"
    _description = "Callback Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    key = fields.Char(
        required=True,
        copy=False,
        default=lambda self: f"rule_{uuid.uuid4().hex[:12]}",
        help="Technical key written on the callbacks the rule plans; a rule, an "
        "anchor record and an occurrence make one callback at most.",
    )
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to apply the rule in every company.",
    )
    anchor_event = fields.Selection(
        ANCHOR_EVENTS,
        string="Anchor Event",
        required=True,
        default="installation",
        help="The event the callbacks are counted from. Installation or "
        "acceptance: the warranty start of a confirmed order. Task order closed: "
        "closed task orders of the request type below (empty: every type but "
        "complaints and special services, and no task order with a repair "
        "order). Special service: closed paid-service and return/exchange task "
        "orders. Leads, visits and deals need a customer on the lead. Holiday: "
        "the company's public holidays, for leads of the grade below or won "
        "deals.",
    )
    anchor_model = fields.Char(compute="_compute_anchor_model")
    request_type = fields.Selection(
        "_selection_request_type",
        help="Task orders closed with this request type only.",
    )
    customer_class = fields.Selection(
        CUSTOMER_CLASSES,
        help="Only customers of this class; leave empty for every class.",
    )
    lead_grade = fields.Selection(
        LEAD_GRADES,
        help="Only leads of this grade; leave empty for every grade.",
    )
    holiday_audience = fields.Selection(
        [("leads", "Open Leads"), ("deals", "Won Deals")],
        default="leads",
        help="Who gets the holiday greetings.",
    )

    # schedule
    first_offset = fields.Integer(
        string="First After",
        default=1,
        help="The first callback falls due this long after the anchor event.",
    )
    first_unit = fields.Selection(PERIOD_UNITS, required=True, default="months")
    second_offset = fields.Integer(
        string="Second After",
        help="Optional second callback, counted from the anchor event in the "
        "same unit as the first; 0: none.",
    )
    interval = fields.Integer(
        string="Then Every",
        help="Then a callback every interval, counted from the anchor; "
        "0: no recurrence.",
    )
    interval_unit = fields.Selection(PERIOD_UNITS, required=True, default="months")
    max_occurrences = fields.Integer(
        string="At Most",
        help="Number of callbacks of the series at most; 0: no limit.",
    )
    fewer_calls_factor = fields.Integer(
        string="Fewer Calls Factor",
        default=2,
        help="For customers who asked for fewer calls the interval is "
        "multiplied by this factor (2: half as often); 1: no change.",
    )
    schedule_summary = fields.Char(
        string="Schedule", compute="_compute_schedule_summary"
    )

    # the callbacks it makes
    method = fields.Selection(CALLBACK_METHODS, required=True, default="phone")
    callback_type = fields.Selection(
        CALLBACK_TYPES, string="Type", required=True, default="service"
    )
    recurring_callback_type = fields.Selection(
        CALLBACK_TYPES,
        string="Type of Later Callbacks",
        help="Type of the callbacks after the first (e.g. routine callbacks "
        "after the first callback following an installation); empty: the same.",
    )
    purpose = fields.Char(
        translate=True, help="Written on the callbacks: what they should learn."
    )
    assign_to = fields.Selection(
        ASSIGNMENTS,
        string="Made By",
        required=True,
        default="salesperson",
        help="Salesperson: the order's or lead's salesperson. Technician: the "
        "task order's technician (assignee). By complaint severity: the person "
        "the complaint's severity calls for. Whenever nobody is found, the "
        "member of the callback team with the fewest open callbacks.",
    )
    team_user_ids = fields.Many2many(
        "res.users",
        string="Callback Team",
        domain="[('share', '=', False)]",
        help="Callbacks are shared among these users: each new one goes to the "
        "member with the fewest open callbacks.",
    )
    note = fields.Text(help="Why the rule exists and how the callbacks are made.")
    callback_count = fields.Integer(compute="_compute_callback_count")

    _sql_constraints = [
        ("key_uniq", "unique(key)", "Each callback rule needs its own key."),
        (
            "offsets_positive",
            "CHECK(first_offset >= 0 AND second_offset >= 0 AND interval >= 0 "
            "AND max_occurrences >= 0 AND fewer_calls_factor >= 1)",
            "Offsets, intervals and limits are counted from 0 upwards, and the "
            "fewer-calls factor from 1.",
        ),
    ]

    @api.model
    def _selection_request_type(self):
        return self.env["helpdesk.ticket"]._fields["request_type"].selection

    @api.depends("anchor_event")
    def _compute_anchor_model(self):
        for rule in self:
            rule.anchor_model = ANCHOR_MODELS.get(rule.anchor_event, False)

    @api.depends(
        "first_offset",
        "first_unit",
        "second_offset",
        "interval",
        "interval_unit",
        "max_occurrences",
    )
    def _compute_schedule_summary(self):
        units = dict(self._fields["first_unit"]._description_selection(self.env))
        for rule in self:
            parts = [
                self.env._(
                    "after %(count)s %(unit)s",
                    count=rule.first_offset,
                    unit=units.get(rule.first_unit, ""),
                )
            ]
            if rule.second_offset:
                parts.append(
                    self.env._(
                        "after %(count)s %(unit)s",
                        count=rule.second_offset,
                        unit=units.get(rule.first_unit, ""),
                    )
                )
            if rule.interval:
                parts.append(
                    self.env._(
                        "then every %(count)s %(unit)s",
                        count=rule.interval,
                        unit=units.get(rule.interval_unit, ""),
                    )
                )
            if rule.max_occurrences:
                parts.append(self.env._("at most %s", rule.max_occurrences))
            rule.schedule_summary = ", ".join(parts)

    def _compute_callback_count(self):
        counts = dict(
            self.env["service.callback"]._read_group(
                [("rule_id", "in", self.ids)], ["rule_id"], ["__count"]
            )
        )
        for rule in self:
            rule.callback_count = counts.get(rule, 0)

    @api.constrains("first_offset", "second_offset", "first_unit")
    def _check_second_offset(self):
        for rule in self:
            if rule.second_offset and rule.second_offset <= rule.first_offset:
                raise ValidationError(
                    self.env._(
                        "The second callback of rule %s must come after the "
                        "first: make its offset larger than the first one, or 0.",
                        rule.display_name,
                    )
                )

    @api.constrains("anchor_event", "assign_to", "team_user_ids")
    def _check_assignment(self):
        for rule in self:
            if rule.assign_to == "team" and not rule.team_user_ids:
                raise ValidationError(
                    self.env._(
                        "Rule %s shares its callbacks among a team: add the "
                        "callback team's members.",
                        rule.display_name,
                    )
                )
            if rule.assign_to == "severity" and rule.anchor_event != (
                "complaint_solved"
            ):
                raise ValidationError(
                    self.env._(
                        "Only complaint callbacks can be assigned by complaint "
                        "severity (rule %s).",
                        rule.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_plan_now(self):
        """Supervisor: run the planner for these rules now."""
        created = self._plan_callbacks()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%s callbacks planned.", len(created)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_view_callbacks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_callback.service_callback_action"
        )
        action.update({"domain": [("rule_id", "=", self.id)], "context": {}})
        return action

    # ------------------------------------------------------------------
    # planner
    # ------------------------------------------------------------------
    @api.model
    def _cron_plan_callbacks(self):
        """Plan every rule's callbacks falling due within the horizon."""
        self.sudo().search([])._plan_callbacks(notify=True)
        return True

    @api.model
    def _plan_for_event(self, anchor_event, records):
        """An anchor event just happened on ``records``: plan their callbacks
        (the first one of each series whatever its date)."""
        if not records:
            return self.env["service.callback"]
        rules = self.sudo().search([("anchor_event", "=", anchor_event)])
        return rules._plan_callbacks(res_ids=records.ids, always_first=True)

    @api.model
    def _stop_series(self, anchor_event, records):
        """The series of ``anchor_event`` on ``records`` ended (a lead was won,
        lost or visited us): cancel its callbacks still planned for later."""
        if not records:
            return
        callbacks = (
            self.env["service.callback"]
            .sudo()
            .search(
                [
                    ("rule_id.anchor_event", "=", anchor_event),
                    ("res_model", "=", records._name),
                    ("res_id", "in", records.ids),
                    ("state", "=", "planned"),
                    ("due_datetime", ">", fields.Datetime.now()),
                ]
            )
        )
        callbacks.action_cancel()

    def _get_schedule(self):
        self.ensure_one()
        return callback_schedule.Schedule(
            first=self.first_offset,
            first_unit=self.first_unit,
            second=self.second_offset,
            interval=self.interval,
            interval_unit=self.interval_unit,
            max_occurrences=self.max_occurrences,
        )

    def _plan_callbacks(self, res_ids=None, always_first=False, notify=False):
        """Create the missing callbacks of these rules (set-based, in batches).

        One query per rule finds its anchors that may still miss a callback
        (through the anchor columns' indexes, and an anti-join on the unique
        index of rule key, anchor and occurrence that drops the anchors whose
        series is complete); then, per batch of those anchors, one query reads
        what planning needs by primary key, and one statement inserts the
        missing callbacks, skipping those another planner inserted in the
        meantime, so that running it twice, or twice at once, never
        duplicates a callback.
        """
        Callback = self.env["service.callback"].sudo()
        self.env.flush_all()
        today = fields.Date.context_today(self)
        plan = {}
        for rule in self:
            company = rule.company_id or self.env.company
            window = (
                today - timedelta(days=company.callback_plan_catchup_days),
                today + timedelta(days=company.callback_plan_horizon_days),
            )
            plan[rule] = (window, rule._anchor_ids(window, res_ids, always_first))
        total = sum(len(anchor_ids) for _window, anchor_ids in plan.values())
        created_ids = []
        done = 0
        for rule in self:
            window, anchor_ids = plan[rule]
            for anchors, batch_ids in rule._plan_batches(
                window, anchor_ids, always_first
            ):
                created_ids += batch_ids
                done += anchors
                if notify:
                    self.env["ir.cron"]._notify_progress(
                        done=done, remaining=max(total - done, 0)
                    )
        if notify and not total:
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
        if created_ids:
            self.env.invalidate_all()
        if notify:
            _logger.info("Callback planner: %s callbacks planned.", len(created_ids))
        return Callback.browse(created_ids)

    def _anchor_ids(self, window, res_ids, always_first):
        """Ids of the rule's anchors that may miss a callback, in order."""
        self.ensure_one()
        if self.anchor_event == "holiday" and not self._holidays(window):
            return []
        self.env.cr.execute(
            self._anchor_query(window, res_ids=res_ids, always_first=always_first)
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _plan_batches(self, window, anchor_ids, always_first):
        """Plan in batches of anchors; yield the ids created by each batch."""
        self.ensure_one()
        if not anchor_ids:
            return
        holidays = self._holidays(window) if self.anchor_event == "holiday" else None
        context = self._planning_context()
        for batch in split_every(PLAN_BATCH, anchor_ids, list):
            self.env.cr.execute(self._anchor_query(window, batch_ids=batch))
            rows = self.env.cr.dictfetchall()
            values = self._plan_rows(rows, window, always_first, holidays, context)
            yield len(batch), self._insert_callbacks(values, context)

    def _purpose_for(self, company):
        """The purpose written on the planned callbacks, in the company's
        language: the planner runs as OdooBot, whose language is not the
        agents' (a Chinese service department reads Chinese purposes)."""
        lang = company.partner_id.lang
        rule = self.with_context(lang=lang) if lang else self
        return rule.purpose or rule.name

    def _planning_context(self):
        """What every batch of a rule needs, read once per rule."""
        self.ensure_one()
        company = self.company_id or self.env.company
        context = {
            "windows": {},
            "team_load": {},
            "active_users": set(),
            "sequence": self.env["ir.sequence"]
            .sudo()
            .search(
                [
                    ("code", "=", "service.callback"),
                    ("company_id", "in", [company.id, False]),
                ],
                order="company_id",
                limit=1,
            ),
            "purpose": self._purpose_for(company),
            "assign_to": self.assign_to,
        }
        self.env.cr.execute(
            SQL(
                "SELECT id FROM res_users WHERE active AND NOT share",
            )
        )
        context["active_users"] = {row[0] for row in self.env.cr.fetchall()}
        team = self.team_user_ids.filtered(
            lambda u: u.id in context["active_users"]
        ).ids
        if team:
            load = dict.fromkeys(team, 0)
            for user, count in (
                self.env["service.callback"]
                .sudo()
                ._read_group(
                    [("state", "=", "planned"), ("user_id", "in", team)],
                    ["user_id"],
                    ["__count"],
                )
            ):
                load[user.id] = count
            context["team_load"] = load
        return context

    def _company_windows(self, company_id, context):
        windows = context["windows"]
        if company_id not in windows:
            company = self.env["res.company"].browse(company_id)
            windows[company_id] = callback_schedule.parse_windows(
                company.callback_contact_windows or callback_schedule.DEFAULT_WINDOWS
            )
        return windows[company_id]

    def _plan_rows(self, rows, window, always_first, holidays, context):
        """The callbacks missing for a batch of anchor rows (plain Python)."""
        self.ensure_one()
        start, end = window
        schedule = self._get_schedule()
        slow = callback_schedule.scale_interval(schedule, self.fewer_calls_factor)
        first_type = self.callback_type
        later_type = self.recurring_callback_type or first_type
        first_offset, first_unit = self.first_offset, self.first_unit
        assignees = self._complaint_assignees(rows) if self._by_severity() else {}
        values = []
        for row in rows:
            existing = set(row["existing"] or ())
            tz = row["tz"]
            if holidays is not None:
                due_list = [
                    (int(day.strftime("%Y%m%d")), day)
                    for day in (
                        callback_schedule.add_period(holiday, first_offset, first_unit)
                        for holiday in holidays.get(row["company_id"], ())
                    )
                ]
            else:
                anchor = callback_schedule.local_date(row["anchor"], tz)
                due_list = callback_schedule.occurrences(
                    anchor,
                    slow if row["fewer_calls"] else schedule,
                    start,
                    end,
                    always_first=always_first,
                )
            due_list = [(n, day) for n, day in due_list if n not in existing]
            if not due_list:
                continue
            windows = self._company_windows(row["company_id"], context)
            for occurrence, day in due_list:
                user = self._pick_user(row, assignees, context)
                values.append(
                    (
                        row["company_id"],
                        row["partner_id"],
                        user,
                        first_type
                        if occurrence == 1 or holidays is not None
                        else later_type,
                        callback_schedule.contact_datetime(day, windows, tz),
                        row["res_id"],
                        occurrence,
                    )
                )
        return values

    def _by_severity(self):
        return self.assign_to == "severity" and hasattr(
            self.env["helpdesk.ticket"], "_get_complaint_callback_user"
        )

    def _complaint_assignees(self, rows):
        """{ticket id: user id} of the complaint callbacks, by severity."""
        tickets = self.env["helpdesk.ticket"].sudo().browse([r["res_id"] for r in rows])
        return {
            ticket.id: ticket._get_complaint_callback_user()[:1].id
            for ticket in tickets
        }

    def _pick_user(self, row, assignees, context):
        active = context["active_users"]
        assign_to = context["assign_to"]
        if assign_to == "salesperson":
            user = row["salesperson_id"]
        elif assign_to == "technician":
            user = row["technician_id"]
        elif assign_to == "severity":
            user = assignees.get(row["res_id"])
        else:
            user = None
        if user in active:
            return user
        load = context["team_load"]
        if load:
            user = min(load, key=lambda u: (load[u], u))
            load[user] += 1
            return user
        return None

    def _insert_callbacks(self, values, context):
        """Insert the planned callbacks in one statement, skipping those that
        exist already (also when another planner inserted them meanwhile)."""
        if not values:
            return []
        columns = list(zip(*values, strict=True))
        sequence = context["sequence"]
        if sequence and sequence.implementation == "standard":
            prefix, suffix = sequence._get_prefix_suffix()
            number = SQL("nextval(%s)", f"ir_sequence_{sequence.id:03d}")
            name = SQL(
                "%s || lpad(t.n::text, greatest(%s, length(t.n::text)), '0') || %s",
                prefix,
                sequence.padding,
                suffix,
            )
        else:
            number = SQL("0")
            name = SQL("%s", "/")
        query = SQL(
            """
                INSERT INTO service_callback (
                    name, company_id, partner_id, user_id, department_id,
                    method, callback_type, purpose, due_datetime, state,
                    is_overdue, res_model, res_id, rule_key, rule_id, occurrence,
                    create_uid, create_date, write_uid, write_date
                )
                SELECT %(name)s, t.company_id, t.partner_id, t.user_id,
                       emp.department_id, %(method)s, t.callback_type,
                       %(purpose)s, t.due, 'planned', FALSE, %(model)s, t.res_id,
                       %(key)s, %(rule)s, t.occurrence,
                       %(uid)s, now() AT TIME ZONE 'UTC',
                       %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM (
                        SELECT u.*, %(number)s AS n
                          FROM unnest(
                                %(companies)s::int[], %(partners)s::int[],
                                %(users)s::int[], %(types)s::varchar[],
                                %(dues)s::timestamp[], %(res_ids)s::int[],
                                %(occurrences)s::int[]
                               ) AS u(company_id, partner_id, user_id,
                                      callback_type, due, res_id, occurrence)
                       ) AS t
             LEFT JOIN LATERAL (
                        SELECT e.department_id
                          FROM hr_employee e
                         WHERE e.user_id = t.user_id
                           AND e.company_id = t.company_id
                           AND e.active
                         ORDER BY e.id
                         LIMIT 1
                       ) emp ON TRUE
                 ORDER BY t.due, t.res_id, t.occurrence
                    ON CONFLICT DO NOTHING
             RETURNING id
                """,
            name=name,
            number=number,
            method=self.method,
            purpose=context["purpose"],
            model=ANCHOR_MODELS[self.anchor_event],
            key=self.key,
            rule=self.id,
            uid=self.env.uid,
            companies=list(columns[0]),
            partners=list(columns[1]),
            users=list(columns[2]),
            types=list(columns[3]),
            dues=list(columns[4]),
            res_ids=list(columns[5]),
            occurrences=list(columns[6]),
        )
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(query, log_exceptions=False)
                ids = [row[0] for row in self.env.cr.fetchall()]
        except psycopg2.errors.SerializationFailure:
            # Another planner committed some of these callbacks after this
            # transaction began: they exist, and this batch is left to the
            # next run (which sees them and plans only what is missing).
            _logger.info(
                "Callback planner: rule %s was planned by another worker at "
                "the same time; a batch is left to the next run.",
                self.key,
            )
            return []
        if ids and not (sequence and sequence.implementation == "standard"):
            # a gapless sequence: number them one by one
            for callback_id in ids:
                self.env.cr.execute(
                    SQL(
                        "UPDATE service_callback SET name = %s WHERE id = %s",
                        self.env["ir.sequence"].next_by_code("service.callback"),
                        callback_id,
                    )
                )
        return ids

    def _holidays(self, window):
        """{company id: [public holiday dates within the window]} from the
        companies' working-time calendars."""
        start, end = window
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT co.id, l.date_from::date
                  FROM res_company co
                  JOIN resource_calendar_leaves l
                    ON l.calendar_id = co.resource_calendar_id
                       OR (l.calendar_id IS NULL AND l.company_id = co.id)
                 WHERE l.resource_id IS NULL
                   AND l.date_from::date BETWEEN %s AND %s
                 ORDER BY 1, 2
                """,
                start,
                end,
            )
        )
        holidays = defaultdict(list)
        for company_id, day in self.env.cr.fetchall():
            holidays[company_id].append(day)
        return holidays

    # ------------------------------------------------------------------
    # anchors
    # ------------------------------------------------------------------
    def _anchor_query(self, window, res_ids=None, always_first=False, batch_ids=None):
        """Without ``batch_ids``: the ids of the rule's anchors (among
        ``res_ids``) that may miss a callback within the window, in order.
        With them: those anchors with what planning them needs."""
        self.ensure_one()
        source = self._anchor_source()
        model = ANCHOR_MODELS[self.anchor_event]
        joins = SQL(
            """
              JOIN res_partner p ON p.id = a.partner_id
              JOIN res_partner cp ON cp.id = COALESCE(p.commercial_partner_id, p.id)
            """
        )
        if batch_ids is not None:
            return SQL(
                """
                SELECT a.res_id, a.anchor, a.partner_id, a.company_id,
                       a.salesperson_id, a.technician_id,
                       COALESCE(cp.callback_fewer_calls, FALSE) AS fewer_calls,
                       COALESCE(p.tz, cp.tz, cop.tz) AS tz,
                       ex.existing
                  FROM (%(source)s) a
                  %(joins)s
                  JOIN res_company co ON co.id = a.company_id
                  JOIN res_partner cop ON cop.id = co.partner_id
             LEFT JOIN (
                        SELECT c.res_id, array_agg(c.occurrence) AS existing
                          FROM service_callback c
                         WHERE c.rule_key = %(key)s AND c.res_model = %(model)s
                           AND c.res_id = ANY(%(ids)s)
                         GROUP BY c.res_id
                       ) ex ON ex.res_id = a.res_id
                 WHERE a.res_id = ANY(%(ids)s)
                 ORDER BY a.res_id
                """,
                key=self.key,
                model=model,
                source=source,
                joins=joins,
                ids=list(batch_ids),
            )
        conditions = [SQL("TRUE")]
        if res_ids is not None:
            conditions.append(SQL("a.res_id = ANY(%s)", list(res_ids)))
        if self.company_id:
            conditions.append(SQL("a.company_id = %s", self.company_id.id))
        if self.customer_class:
            conditions.append(SQL("cp.customer_class = %s", self.customer_class))
        earliest = None
        if self.anchor_event != "holiday" and not always_first:
            # bounds on the anchor itself (not on an expression of it), so
            # that the index of the anchor column serves them
            latest = callback_schedule.add_period(
                window[1], -self.first_offset, self.first_unit
            ) + timedelta(days=4)
            conditions.append(SQL("a.anchor < %s", latest + timedelta(days=1)))
            if not self.interval and res_ids is None:
                last = self.second_offset or self.first_offset
                earliest = callback_schedule.add_period(
                    window[0], -last, self.first_unit
                ) - timedelta(days=4)
                conditions.append(SQL("a.anchor >= %s", earliest))
        query = SQL(
            "SELECT a.res_id FROM (%s) a %s WHERE %s",
            source,
            joins,
            SQL(" AND ").join(conditions),
        )
        length = self._series_length()
        if length:
            # Anchors whose whole series exists have nothing left to plan. A
            # set difference (one pass over each side, whatever the planner's
            # estimates) rather than a lookup per anchor.
            complete = [
                SQL("c.rule_key = %s", self.key),
                SQL("c.res_model = %s", model),
                SQL("c.occurrence BETWEEN 1 AND %s", length),
            ]
            if res_ids is not None:
                complete.append(SQL("c.res_id = ANY(%s)", list(res_ids)))
            elif earliest:
                # a callback is due after its anchor: older ones are not
                # those of these anchors
                complete.append(
                    SQL("c.due_datetime >= %s", earliest - timedelta(days=1))
                )
            query = SQL(
                """%s
                 EXCEPT
                SELECT c.res_id FROM service_callback c
                 WHERE %s
                 GROUP BY c.res_id
                HAVING count(*) >= %s""",
                query,
                SQL(" AND ").join(complete),
                length,
            )
        return SQL("SELECT res_id FROM (%s) todo ORDER BY res_id", query)

    def _series_length(self):
        """The number of callbacks a series of the rule has at most (numbered
        1 to that number); 0 when unbounded or not numbered so."""
        self.ensure_one()
        if self.anchor_event == "holiday":
            return 0  # holiday greetings are numbered by their date
        if self.max_occurrences:
            if self.interval:
                return self.max_occurrences
            return min(self.max_occurrences, 2 if self.second_offset else 1)
        if self.interval:
            return 0
        return 2 if self.second_offset else 1

    def _anchor_source(self):
        """SQL of the anchor records: res_id, anchor (date or UTC datetime),
        partner_id, company_id, salesperson_id, technician_id."""
        method = getattr(self, f"_anchor_source_{self.anchor_event}")
        return method()

    def _anchor_source_installation(self):
        return SQL(
            """
            SELECT so.id AS res_id, so.warranty_start_date AS anchor,
                   so.partner_id, so.company_id, so.user_id AS salesperson_id,
                   NULL::int AS technician_id
              FROM sale_order so
             WHERE so.state = 'sale' AND so.warranty_start_date IS NOT NULL
            """
        )

    def _ticket_source(self, condition):
        return SQL(
            """
            SELECT t.id AS res_id, t.closed_date AS anchor, t.partner_id,
                   t.company_id, so.user_id AS salesperson_id,
                   t.user_id AS technician_id
              FROM helpdesk_ticket t
              JOIN helpdesk_ticket_stage st ON st.id = t.stage_id
         LEFT JOIN sale_order so ON so.id = t.sale_order_id
             WHERE t.active AND st.closed AND t.closed_date IS NOT NULL
               AND t.partner_id IS NOT NULL AND %s
            """,
            condition,
        )

    def _anchor_source_ticket_closed(self):
        if self.request_type:
            condition = SQL("t.request_type = %s", self.request_type)
        else:
            condition = SQL(
                """t.request_type NOT IN %s
                   AND NOT EXISTS (SELECT 1 FROM repair_order r
                                    WHERE r.ticket_id = t.id)""",
                (*SPECIAL_REQUEST_TYPES, "complaint"),
            )
        return self._ticket_source(condition)

    def _anchor_source_special_done(self):
        types = (self.request_type,) if self.request_type else SPECIAL_REQUEST_TYPES
        return self._ticket_source(SQL("t.request_type IN %s", types))

    def _anchor_source_complaint_solved(self):
        if "complaint_solved_date" not in self.env["helpdesk.ticket"]._fields:
            return SQL(
                "SELECT NULL::int AS res_id, NULL::date AS anchor, "
                "NULL::int AS partner_id, NULL::int AS company_id, "
                "NULL::int AS salesperson_id, NULL::int AS technician_id LIMIT 0"
            )
        return SQL(
            """
            SELECT t.id AS res_id, t.complaint_solved_date AS anchor, t.partner_id,
                   t.company_id, so.user_id AS salesperson_id,
                   t.user_id AS technician_id
              FROM helpdesk_ticket t
         LEFT JOIN sale_order so ON so.id = t.sale_order_id
             WHERE t.active AND t.request_type = 'complaint'
               AND t.complaint_solved_date IS NOT NULL
               AND t.partner_id IS NOT NULL
               AND NOT COALESCE(t.complaint_anonymous, FALSE)
               AND NOT COALESCE(t.complaint_reply_only, FALSE)
            """
        )

    def _anchor_source_repair_done(self):
        return SQL(
            """
            SELECT r.id AS res_id,
                   COALESCE(r.callback_done_date, r.write_date) AS anchor,
                   r.partner_id, r.company_id, so.user_id AS salesperson_id,
                   COALESCE(t.user_id, r.user_id) AS technician_id
              FROM repair_order r
         LEFT JOIN helpdesk_ticket t ON t.id = r.ticket_id
         LEFT JOIN sale_order so ON so.id = r.sale_order_id
             WHERE r.state = 'done' AND r.partner_id IS NOT NULL
            """
        )

    def _lead_condition(self, won):
        conditions = [
            SQL("l.active"),
            SQL("l.partner_id IS NOT NULL"),
            SQL("COALESCE(st.is_won, FALSE) = %s", won),
        ]
        if self.lead_grade:
            conditions.append(SQL("l.lead_grade = %s", self.lead_grade))
        return SQL(" AND ").join(conditions)

    def _lead_source(self, anchor, condition):
        return SQL(
            """
            SELECT l.id AS res_id, %s AS anchor, l.partner_id,
                   COALESCE(l.company_id, %s) AS company_id,
                   l.user_id AS salesperson_id, NULL::int AS technician_id
              FROM crm_lead l
         LEFT JOIN crm_stage st ON st.id = l.stage_id
             WHERE %s
            """,
            anchor,
            (self.company_id or self.env.company).id,
            condition,
        )

    def _anchor_source_lead_created(self):
        # weekly calls "until they visit": a visit ends the lead's series
        condition = SQL(
            """%s AND NOT EXISTS (SELECT 1 FROM crm_consultation v
                                  WHERE v.lead_id = l.id AND v.channel = 'visit')""",
            self._lead_condition(False),
        )
        return self._lead_source(SQL("l.create_date"), condition)

    def _anchor_source_deal_won(self):
        return self._lead_source(
            SQL("COALESCE(l.date_closed, l.write_date)"), self._lead_condition(True)
        )

    def _anchor_source_holiday(self):
        won = self.holiday_audience == "deals"
        return self._lead_source(SQL("l.create_date"), self._lead_condition(won))

    def _anchor_source_visit(self):
        conditions = [SQL("v.channel = 'visit'")]
        if self.lead_grade:
            conditions.append(SQL("l.lead_grade = %s", self.lead_grade))
        return SQL(
            """
            SELECT v.id AS res_id, v.received_date AS anchor,
                   COALESCE(v.partner_id, l.partner_id) AS partner_id,
                   v.company_id, COALESCE(l.user_id, v.user_id) AS salesperson_id,
                   NULL::int AS technician_id
              FROM crm_consultation v
         LEFT JOIN crm_lead l ON l.id = v.lead_id
         LEFT JOIN crm_stage st ON st.id = l.stage_id
             WHERE %s
               AND COALESCE(v.partner_id, l.partner_id) IS NOT NULL
               AND (l.id IS NULL OR (l.active AND NOT COALESCE(st.is_won, FALSE)))
            """,
            SQL(" AND ").join(conditions),
        )
