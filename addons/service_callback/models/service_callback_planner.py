# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The callback planner: creates the callbacks the rules call for, set-based
and idempotent (see ``_plan_callbacks``). The anchors it plans from are in
``service_callback_rule_anchor.py``."""

import logging
from collections import defaultdict
from datetime import datetime, timedelta

import psycopg2.errors

from odoo import api, fields, models
from odoo.addons.service_lifecycle.rules import figures
from odoo.tools import SQL, split_every

from ..rules import callback_schedule
from .service_callback_rule import ANCHOR_MODELS, DATED_ANCHORS

_logger = logging.getLogger(__name__)

PLAN_BATCH = 5000


class ServiceCallbackRule(models.Model):
    _inherit = "service.callback.rule"

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
        now = fields.Datetime.now()
        plan = {}
        for rule in self:
            company = rule.company_id or self.env.company
            # the company's day, not the cron user's
            today = company._local_day(now)
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
        if self.anchor_event in DATED_ANCHORS and not self._event_days(window):
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
        holidays = (
            self._event_days(window) if self.anchor_event in DATED_ANCHORS else None
        )
        context = self._planning_context()
        for batch in split_every(PLAN_BATCH, anchor_ids, list):
            self.env.cr.execute(self._anchor_query(window, batch_ids=batch))
            rows = self.env.cr.dictfetchall()
            values = self._plan_rows(rows, window, always_first, holidays, context)
            yield len(batch), self._insert_callbacks(values, context)

    def _planning_context(self):
        """What every batch of a rule needs, read once per rule."""
        self.ensure_one()
        company = self.company_id or self.env.company
        Callback = self.env["service.callback"].sudo()
        context = {
            "windows": {},
            "team_load": {},
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
            "assign_to": self.assign_to,
        }
        self.env.cr.execute(
            SQL(
                "SELECT id FROM res_users WHERE active AND NOT share",
            )
        )
        context["active_users"] = {row[0] for row in self.env.cr.fetchall()}
        # the callbacks' department, as the callback computes it
        context["departments"] = {
            key: department.id or None
            for key, department in Callback._agent_departments(
                self.env["res.users"].browse(context["active_users"])
            ).items()
        }
        team = self.team_user_ids.filtered(
            lambda u: u.id in context["active_users"]
        ).ids
        if team:
            load = dict.fromkeys(team, 0)
            for user, count in Callback._read_group(
                [("state", "=", "planned"), ("user_id", "in", team)],
                ["user_id"],
                ["__count"],
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
        assignees = (
            self._complaint_assignees(rows) if self.assign_to == "severity" else {}
        )
        departments = context["departments"]
        values = []
        for row in rows:
            existing = set(row["existing"] or ())
            tz = row["tz"]
            if holidays is not None:
                dated = self._dated_dues(holidays.get(row["company_id"], ()), window)
                due_list = [(n, day) for n, day, _holiday in dated]
                holiday_of = {n: holiday for n, _day, holiday in dated}
            else:
                anchor = figures.local_day(row["anchor"], tz)
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
            event = row["anchor"] if holidays is None else None
            for occurrence, day in due_list:
                latest = (
                    self._latest_due(event, anchor, day)
                    if event and occurrence == 1 and self.due_within_offset
                    else None
                )
                earliest = event
                if holidays is not None and self.before_event:
                    # made before the day: a weekend moves it earlier
                    latest = figures.local_period_utc(
                        holiday_of[occurrence], holiday_of[occurrence], tz
                    )[0]
                    earliest = latest - timedelta(days=7)
                user = self._pick_user(row, assignees, context)
                values.append(
                    (
                        row["company_id"],
                        row["partner_id"],
                        user,
                        departments.get((user, row["company_id"])),
                        first_type
                        if occurrence == 1 or holidays is not None
                        else later_type,
                        callback_schedule.contact_datetime(
                            day, windows, tz, latest=latest, earliest=earliest
                        ),
                        row["res_id"],
                        occurrence,
                    )
                )
        return values

    @api.model
    def _latest_due(self, event, anchor_day, due_day):
        """When a callback due on ``due_day`` for an ``event`` (naive UTC, or
        a date) on the local ``anchor_day`` must be made at the latest: as
        many days after the event as the due day is after the anchor day, at
        the event's hour; ``None`` for an event without an hour (a date)."""
        if not isinstance(event, datetime):
            return None
        return event + (due_day - anchor_day)

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
        references = self._draw_references(len(values), context["sequence"])
        columns = list(zip(*values, strict=True))
        query = SQL(
            """
                INSERT INTO service_callback (
                    name, company_id, partner_id, user_id, department_id,
                    method, callback_type, due_datetime, state,
                    is_overdue, res_model, res_id, rule_key, rule_id, occurrence,
                    create_uid, create_date, write_uid, write_date
                )
                SELECT t.name, t.company_id, t.partner_id, t.user_id,
                       t.department_id, %(method)s, t.callback_type,
                       t.due, 'planned', FALSE, %(model)s, t.res_id,
                       %(key)s, %(rule)s, t.occurrence,
                       %(uid)s, now() AT TIME ZONE 'UTC',
                       %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM unnest(
                        %(names)s::varchar[], %(companies)s::int[],
                        %(partners)s::int[], %(users)s::int[],
                        %(departments)s::int[], %(types)s::varchar[],
                        %(dues)s::timestamp[], %(res_ids)s::int[],
                        %(occurrences)s::int[]
                       ) AS t(name, company_id, partner_id, user_id,
                              department_id, callback_type, due, res_id,
                              occurrence)
                 ORDER BY t.due, t.res_id, t.occurrence
                    ON CONFLICT DO NOTHING
             RETURNING id
                """,
            method=self.method,
            model=ANCHOR_MODELS[self.anchor_event],
            key=self.key,
            rule=self.id,
            uid=self.env.uid,
            names=references or ["/"] * len(values),
            companies=list(columns[0]),
            partners=list(columns[1]),
            users=list(columns[2]),
            departments=list(columns[3]),
            types=list(columns[4]),
            dues=list(columns[5]),
            res_ids=list(columns[6]),
            occurrences=list(columns[7]),
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
        if ids and references is None and context["sequence"]:
            self._number_gapless(ids, context["sequence"])
        if ids:
            # whoever the rule assigned may open their callbacks (their to-dos
            # come on the due day, service_callback_todo.py)
            self.env["service.callback"]._grant_assignee_access(columns[2])
        return ids

    def _draw_references(self, count, sequence):
        """``count`` references of the callbacks' ``sequence``, numbered and
        written by ``ir.sequence``: its PostgreSQL sequence (today's date
        range's when it has ranges), prefix, suffix and padding, drawn in one
        query instead of one per callback. ``None`` for a gapless sequence:
        its numbers are given after the insertion, to the callbacks inserted
        only (``_number_gapless``)."""
        if not sequence:
            return ["/"] * count
        if sequence.implementation != "standard":
            return None
        current = sequence._get_current_sequence()
        if current._name == "ir.sequence.date_range":
            pg_sequence = f"ir_sequence_{sequence.id:03d}_{current.id:03d}"
            sequence = sequence.with_context(ir_sequence_date_range=current.date_from)
        else:
            pg_sequence = f"ir_sequence_{sequence.id:03d}"
        prefix, suffix = sequence._get_prefix_suffix()
        numbers = self.env.execute_query(
            SQL("SELECT nextval(%s) FROM generate_series(1, %s)", pg_sequence, count)
        )
        return [
            f"{prefix}{number:0{sequence.padding}d}{suffix}" for (number,) in numbers
        ]

    def _number_gapless(self, callback_ids, sequence):
        """Number the callbacks just inserted from a gapless sequence, one
        number each as ``ir.sequence`` gives them."""
        names = [sequence._next() for _callback_id in callback_ids]
        self.env.cr.execute(
            SQL(
                """
                UPDATE service_callback c SET name = t.name
                  FROM unnest(%s::int[], %s::varchar[]) AS t(id, name)
                 WHERE c.id = t.id
                """,
                callback_ids,
                names,
            )
        )

    def _event_days(self, window):
        """{company id: [days]} of a dated anchor (holidays, milestones) whose
        callbacks may fall due within the window: the window moved back (or,
        for callbacks before the day, forward) by the rule's offset."""
        self.ensure_one()
        start, end = window
        offset = self.first_offset if self.before_event else -self.first_offset
        days = (
            callback_schedule.add_period(start, offset, self.first_unit)
            - timedelta(days=3),
            callback_schedule.add_period(end, offset, self.first_unit)
            + timedelta(days=3),
        )
        if self.anchor_event == "milestone":
            return self._milestones(days)
        return self._holidays(days)

    def _dated_dues(self, days, window):
        """[(occurrence, due day, day)] of the callbacks of the calendar
        ``days`` falling due within the window, numbered by their due day."""
        self.ensure_one()
        start, end = window
        offset = -self.first_offset if self.before_event else self.first_offset
        dues = []
        for day in days:
            due = callback_schedule.add_period(day, offset, self.first_unit)
            if start <= due <= end:
                dues.append((int(due.strftime("%Y%m%d")), due, day))
        return dues

    def _milestones(self, window):
        """{company id: [project milestone days within the window]}."""
        start, end = window
        milestones = (
            self.env["service.callback.milestone"]
            .sudo()
            .search_fetch(
                [("date", ">=", start), ("date", "<=", end)],
                ["company_id", "date"],
                order="date",
            )
        )
        days = defaultdict(list)
        for milestone in milestones:
            if milestone.date not in days[milestone.company_id.id]:
                days[milestone.company_id.id].append(milestone.date)
        return days

    def _holidays(self, window):
        """{company id: [public holiday dates within the window]} from the
        companies' working-time calendars: the local day (the company's time
        zone) the holiday starts on, not its UTC day."""
        start, end = window
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT co.id, l.date_from
                  FROM res_company co
                  JOIN resource_calendar_leaves l
                    ON l.calendar_id = co.resource_calendar_id
                       OR (l.calendar_id IS NULL AND l.company_id = co.id)
                 WHERE l.resource_id IS NULL
                   AND l.date_from >= %s AND l.date_from < %s
                 ORDER BY 1, 2
                """,
                start - timedelta(days=1),
                end + timedelta(days=2),
            )
        )
        holidays = defaultdict(list)
        companies = self.env["res.company"].sudo()
        for company_id, moment in self.env.cr.fetchall():
            day = companies.browse(company_id)._local_day(moment)
            if start <= day <= end and day not in holidays[company_id]:
                holidays[company_id].append(day)
        return holidays
