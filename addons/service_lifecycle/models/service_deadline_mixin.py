# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

import pytz

from odoo import api, fields, models

from ..rules import deadlines
from ..tools.cron_batch import batch_or_next_run, lock_free_rows

SLA_STATES = [
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("breached", "Breached"),
    ("met", "Met"),
]
SLA_ALERTS = [("warned", "Leader Warned"), ("escalated", "Escalated")]
# the worst state wins on a record with several deadlines
SLA_SEVERITY = {"breached": 3, "at_risk": 2, "on_track": 1, "met": 0}


class ServiceDeadlineMixin(models.AbstractModel):
    """Deadlines on their clock (clock hours or working time), their states
    and their alerts, for
    the task order (hand-off, first response, resolution) and the escalation
    order (the technical center's answer).

    A model using it names its deadline kinds in ``_deadline_kinds`` (kind ->
    field of the event that meets it; the deadline is ``<kind>_deadline``) and
    implements the alert hooks (``_deadline_alert_domain``,
    ``_get_deadline_alert_user``, ``_get_deadline_alert_summary``,
    ``_mark_deadline_alerted``); its cron calls ``_cron_deadline_alerts``.
    The arithmetic is ``rules/deadlines.py``'s; the working intervals are the
    calendar's (``resource.calendar._get_work_intervals``); each deadline runs
    on the clock its policy chose (``_add_working_time``'s spans)."""

    _name = "service.deadline.mixin"
    _description = "Deadlines in Working Time"

    # deadline kind -> field of the event that meets it
    _deadline_kinds = {}
    # alert levels the cron sends, the most urgent first
    _deadline_alert_levels = ("escalated", "warned")
    _deadline_alert_activity_types = {
        "warned": "service_lifecycle.mail_activity_type_sla_warning",
        "escalated": "service_lifecycle.mail_activity_type_sla_breach",
    }
    # alerts land in the activity lists without an e-mail each (many records)
    _deadline_alert_quiet = True

    # ------------------------------------------------------------------
    # Deadlines, risk dates and states
    # ------------------------------------------------------------------
    def _get_service_calendar(self):
        """The working calendar the record's deadlines are counted in."""
        self.ensure_one()
        return self.company_id.resource_calendar_id

    def _get_at_risk_share(self):
        self.ensure_one()
        return self.company_id.service_at_risk_share

    @api.model
    def _add_working_time(self, calendar, spans):
        """The deadlines of ``spans``, in naive UTC, ``None`` where there is no
        deadline: one lookup of ``calendar``'s working intervals for them all.

        A span is ``(start, duration)`` or ``(start, duration, clock)``: a naive
        UTC datetime, a timedelta (``None`` for no deadline) and the clock it
        runs on (``rules.deadlines.CLOCKS``: clock hours or, by default,
        working time on ``calendar``)."""
        spans = [
            (*span[:2], span[2] if len(span) > 2 else deadlines.WORKING)
            for span in spans
        ]
        timed = [
            (start, duration)
            for start, duration, clock in spans
            if duration is not None and clock == deadlines.WORKING
        ]
        intervals = (
            calendar._get_work_intervals(
                min(start for start, _duration in timed),
                max(start for start, _duration in timed),
                max(duration for _start, duration in timed).total_seconds() / 3600,
            )
            if timed
            else []
        )
        result = []
        for start, duration, clock in spans:
            if duration is None:
                result.append(None)
                continue
            deadline = deadlines.add_time(
                pytz.utc.localize(start), duration, clock, intervals
            )
            result.append(deadline.astimezone(pytz.utc).replace(tzinfo=None))
        return result

    def _get_deadline_risk_date(self, start, deadline):
        """When ``deadline`` (started at ``start``) becomes at risk."""
        self.ensure_one()
        if not deadline:
            return False
        return deadlines.risk_date(start, deadline, self._get_at_risk_share())

    def _get_deadline_state(self, start, deadline, done, now):
        """The state of one deadline of the record (``False`` without one)."""
        self.ensure_one()
        return deadlines.sla_state(
            start, deadline, done, now, self._get_at_risk_share()
        )

    @api.model
    def _get_worst_deadline_state(self, states):
        states = [state for state in states if state]
        return max(states, key=SLA_SEVERITY.__getitem__) if states else False

    # ------------------------------------------------------------------
    # Alerts: the cron's plumbing
    # ------------------------------------------------------------------
    @api.model
    def _cron_deadline_alerts(self, batch_size):
        """Alert the deadlines that need it, one batch of at most
        ``batch_size`` records per call, the most urgent level first; each
        record is alerted once per deadline and level, so a second run
        changes nothing.

        The batch is short and reports through the cron progress API
        (``ir.cron._notify_progress``): the cron commits it and calls again
        while records remain, so no transaction holds the rows of hundreds
        of records while users write them. The records are locked
        ``FOR NO KEY UPDATE SKIP LOCKED``: those a user (or the same cron on
        another node) is writing are left to a later batch, and a batch that
        fails to serialize is undone and left to the next run, whole."""
        now = fields.Datetime.now()
        combos = [
            (kind, level, self._deadline_alert_domain(kind, level, now))
            for level in self._deadline_alert_levels
            for kind in self._deadline_kinds
        ]
        # the pending records, through each (kind, level)'s own indexed query;
        # a batch written by another transaction meanwhile is undone whole
        pending = set()
        for _kind, _level, domain in combos:
            pending.update(self.search(domain, limit=batch_size + 1, order="id").ids)
        candidates = self.browse(sorted(pending)[:batch_size])
        done = 0
        if candidates:
            with batch_or_next_run(self.env, f"{self._name}: deadline alerts") as batch:
                records = candidates._lock_for_deadline_alert()
                for kind, level, domain in combos:
                    due = records and self.search(
                        [("id", "in", records.ids), *domain], order="id"
                    )
                    if due:
                        due._send_deadline_alert(kind, level)
                done = len(records)
            if batch["failed"]:
                done = 0
        self.env["ir.cron"]._notify_progress(
            done=done, remaining=max(len(pending) - done, 0)
        )
        return done

    def _deadline_alert_domain(self, kind, level, now):
        """The records whose ``kind`` deadline needs an alert of ``level``."""
        raise NotImplementedError

    def _lock_for_deadline_alert(self):
        """The records of ``self`` this batch may alert, locked until its
        commit: those another transaction holds (a user saving the record,
        the cron on another node) or wrote since this one began are left to
        a later batch, which decides again on their new values; a parallel
        run never gets the same record."""
        return lock_free_rows(self)

    def _send_deadline_alert(self, kind, level):
        """An activity for whoever must act (posted in the chatter when nobody
        is), due the day of the deadline; one creation for the whole batch, and
        the records marked as alerted."""
        activity_type = self._deadline_alert_activity_types[level]
        alerted = defaultdict(list)
        for record in self:
            user = record._get_deadline_alert_user(kind, level)
            if not user:
                record.message_post(
                    body=record._get_deadline_alert_summary(kind, level)
                )
                continue
            # the summary in the language of the person who reads it
            summary = record.with_context(lang=user.lang)._get_deadline_alert_summary(
                kind, level
            )
            day = record._get_deadline_day(record[f"{kind}_deadline"], user)
            alerted[user, day, summary].append(record.id)
        quiet = (
            {"mail_activity_quick_update": True} if self._deadline_alert_quiet else {}
        )
        # what activity_schedule makes, in one creation for the batch rather
        # than one per person and day: the cron's batch is a burst of CPU
        # beside the users' requests (make load), and mail.activity.create
        # subscribes and notifies per model and person anyway
        if alerted and not self.env.context.get("mail_activity_automation_skip"):
            activity_type = self.env.ref(activity_type)
            model_id = self.env["ir.model"]._get_id(self._name)
            self.env["mail.activity"].with_context(**quiet).create(
                [
                    {
                        "activity_type_id": activity_type.id,
                        "summary": summary,
                        "automated": True,
                        "note": activity_type.default_note,
                        "date_deadline": day,
                        "res_model_id": model_id,
                        "res_id": record_id,
                        "user_id": user.id,
                    }
                    for (user, day, summary), record_ids in alerted.items()
                    for record_id in record_ids
                ]
            )
        self._mark_deadline_alerted(kind, level)

    def _get_deadline_day(self, deadline, user):
        """The local day of ``deadline``: in the time zone of the working
        calendar it is counted in (the company's), else of ``user``."""
        self.ensure_one()
        tz = self._get_service_calendar().tz or user.tz or "UTC"
        return fields.Date.context_today(self.with_context(tz=tz), deadline)

    def _get_deadline_alert_user(self, kind, level):
        """Who receives the ``level`` alert of the ``kind`` deadline."""
        raise NotImplementedError

    def _get_deadline_alert_summary(self, kind, level):
        """The alert's summary, in the language of ``self.env``."""
        raise NotImplementedError

    def _mark_deadline_alerted(self, kind, level):
        """Record on ``self`` that the ``level`` alert of ``kind`` is sent."""
        raise NotImplementedError
