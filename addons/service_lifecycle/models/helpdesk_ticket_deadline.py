# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools.sql import create_index

from ..rules import deadlines
from .helpdesk_ticket import REPAIR_MODES
from .service_deadline_mixin import SLA_ALERTS, SLA_STATES

# task orders alerted per transaction of the deadline cron (committed, then it
# asks to run again): a batch holds its task orders' rows for a fraction of a
# second, not the seconds of a thousand alerts while agents save them
SLA_ALERT_BATCH = 25


class HelpdeskTicket(models.Model):
    """The task order's deadlines: hand-off, first response and resolution,
    each on its policy's clock (clock hours or the team's working time), their
    states and the cron that warns the leader of those at risk and escalates
    the breached ones."""

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "service.deadline.mixin"]

    _deadline_kinds = {
        "handoff": "handoff_date",
        "repair_handoff": "repair_handoff_date",
        "response": "first_response_date",
        "resolution": "resolved_date",
    }

    handoff_deadline = fields.Datetime(
        string="Hand-off Deadline", compute="_compute_deadlines", store=True, copy=False
    )
    repair_handoff_deadline = fields.Datetime(
        string="Repair Hand-off Deadline",
        compute="_compute_deadlines",
        store=True,
        copy=False,
        help="After a phone diagnosis the service record goes to the repair "
        "coordinator within this time.",
    )
    response_deadline = fields.Datetime(
        string="First Response Deadline",
        compute="_compute_deadlines",
        store=True,
        copy=False,
    )
    resolution_deadline = fields.Datetime(
        compute="_compute_deadlines", store=True, copy=False
    )
    handoff_risk_date = fields.Datetime(
        string="Hand-off at Risk From", compute="_compute_deadlines", store=True
    )
    repair_handoff_risk_date = fields.Datetime(
        string="Repair Hand-off at Risk From", compute="_compute_deadlines", store=True
    )
    response_risk_date = fields.Datetime(
        string="Response at Risk From", compute="_compute_deadlines", store=True
    )
    resolution_risk_date = fields.Datetime(
        string="Resolution at Risk From", compute="_compute_deadlines", store=True
    )
    handoff_sla_state = fields.Selection(
        SLA_STATES, string="Hand-off SLA", compute="_compute_sla_states", store=True
    )
    repair_handoff_sla_state = fields.Selection(
        SLA_STATES,
        string="Repair Hand-off SLA",
        compute="_compute_sla_states",
        store=True,
    )
    response_sla_state = fields.Selection(
        SLA_STATES, string="Response SLA", compute="_compute_sla_states", store=True
    )
    resolution_sla_state = fields.Selection(
        SLA_STATES, string="Resolution SLA", compute="_compute_sla_states", store=True
    )
    sla_state = fields.Selection(
        SLA_STATES,
        string="SLA",
        compute="_compute_sla_states",
        store=True,
        index=True,
        help="The worst state of the task order's deadlines.",
    )
    handoff_sla_alert = fields.Selection(
        SLA_ALERTS, string="Hand-off Alert", copy=False, readonly=True
    )
    repair_handoff_sla_alert = fields.Selection(
        SLA_ALERTS, string="Repair Hand-off Alert", copy=False, readonly=True
    )
    response_sla_alert = fields.Selection(
        SLA_ALERTS, string="Response Alert", copy=False, readonly=True
    )
    resolution_sla_alert = fields.Selection(
        SLA_ALERTS, string="Resolution Alert", copy=False, readonly=True
    )

    def init(self):
        result = super().init()
        # The deadline cron looks for the deadlines passed whose event has not
        # happened: small indexes of those deadlines only (open task orders,
        # mostly), instead of a scan of every task order on each run.
        for kind, done_field in self._deadline_kinds.items():
            for suffix in ("deadline", "risk_date"):
                create_index(
                    self.env.cr,
                    f"helpdesk_ticket_{kind}_{suffix}_pending_index",
                    self._table,
                    [f'"{kind}_{suffix}"'],
                    where=f'"{done_field}" IS NULL',
                )
        return result

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends(
        "received_date",
        "policy_rule_id",
        "team_id.resource_calendar_id",
        "diagnosis_done_date",
        "service_mode",
    )
    def _compute_deadlines(self):
        by_calendar = defaultdict(lambda: self.browse())
        for ticket in self:
            by_calendar[ticket._get_service_calendar()] |= ticket
        for calendar, tickets in by_calendar.items():
            tickets._set_deadlines(calendar)

    def _get_service_calendar(self):
        self.ensure_one()
        return self.team_id.resource_calendar_id or self.company_id.resource_calendar_id

    def _get_sla_durations(self):
        """Time allowed for each deadline kind, ``None`` for a deadline that
        does not apply: the policy rule's (on the clock ``_get_sla_clocks``
        gives)."""
        self.ensure_one()
        rule = self.policy_rule_id
        durations = dict.fromkeys(self._deadline_kinds)
        if rule:
            durations.update(
                handoff=datetime.timedelta(minutes=rule.handoff_minutes),
                repair_handoff=datetime.timedelta(minutes=rule.repair_handoff_minutes)
                if self.service_mode in REPAIR_MODES
                else None,
                response=datetime.timedelta(hours=rule.response_hours),
                resolution=datetime.timedelta(hours=rule.resolution_hours),
            )
        return durations

    def _get_sla_clocks(self):
        """The clock each deadline kind runs on (``rules.deadlines.CLOCKS``):
        the policy rule's; working time (the hotline's service hours) for a
        kind the rule does not name, as the hand-offs."""
        self.ensure_one()
        rule = self.policy_rule_id
        clocks = dict.fromkeys(self._deadline_kinds, deadlines.WORKING)
        if rule:
            clocks.update(
                handoff=rule.handoff_clock,
                response=rule.response_clock,
                resolution=rule.resolution_clock,
            )
        return clocks

    def _set_deadlines(self, calendar):
        """Set the deadlines and risk dates of tickets sharing ``calendar``,
        with one lookup of the calendar's working intervals."""
        now = fields.Datetime.now()
        spans = []
        for ticket in self:
            durations = ticket._get_sla_durations()
            clocks = ticket._get_sla_clocks()
            for kind in self._deadline_kinds:
                start = ticket._get_deadline_start(kind, now)
                spans.append((start, durations[kind] if start else None, clocks[kind]))
        found = iter(self._add_working_time(calendar, spans))
        for ticket in self:
            for kind in self._deadline_kinds:
                start = ticket._get_deadline_start(kind, now)
                deadline = next(found) or False
                ticket[f"{kind}_deadline"] = deadline
                ticket[f"{kind}_risk_date"] = ticket._get_deadline_risk_date(
                    start, deadline
                )

    def _get_deadline_start(self, kind, now=None):
        """When the ``kind`` deadline starts: the request's receipt; the
        repair hand-off starts when the phone diagnosis is recorded."""
        self.ensure_one()
        if kind == "repair_handoff":
            return self.diagnosis_done_date
        return self.received_date or now

    @api.depends(
        "stage_id",
        "received_date",
        "diagnosis_done_date",
        "repair_handoff_deadline",
        "repair_handoff_date",
        "handoff_deadline",
        "response_deadline",
        "resolution_deadline",
        "handoff_date",
        "first_response_date",
        "resolved_date",
    )
    def _compute_sla_states(self):
        now = fields.Datetime.now()
        for ticket in self:
            states = []
            for kind in self._deadline_kinds:
                done = ticket._get_sla_done_date(kind)
                state = ticket._get_deadline_state(
                    ticket._get_deadline_start(kind),
                    ticket[f"{kind}_deadline"],
                    done,
                    now,
                )
                if ticket.stage_id.closed and not done:
                    state = False
                ticket[f"{kind}_sla_state"] = state
                states.append(state)
            ticket.sla_state = self._get_worst_deadline_state(states)

    def _get_sla_done_date(self, kind):
        """When the event meeting the ``kind`` deadline happened."""
        self.ensure_one()
        return self[self._deadline_kinds[kind]]

    # ------------------------------------------------------------------
    # Alerts
    # ------------------------------------------------------------------
    @api.model
    def _cron_check_sla(self, batch_size=SLA_ALERT_BATCH):
        """Warn team leaders of deadlines at risk, escalate the breached ones
        (through the pending deadlines' indexes, a batch per transaction);
        returns the number of task orders alerted."""
        return self._cron_deadline_alerts(batch_size)

    def _deadline_alert_domain(self, kind, level, now):
        """Open task orders whose ``kind`` deadline needs an alert of ``level``."""
        date_field = f"{kind}_risk_date" if level == "warned" else f"{kind}_deadline"
        already = ["warned", "escalated"] if level == "warned" else ["escalated"]
        return [
            ("stage_id.closed", "=", False),
            (self._deadline_kinds[kind], "=", False),
            (date_field, "<=", now),
            "|",
            (f"{kind}_sla_alert", "=", False),
            (f"{kind}_sla_alert", "not in", already),
        ]

    def _send_deadline_alert(self, kind, level):
        # the states depend on the clock: refresh them now that it has moved on
        state_fields = ["sla_state"] + [f"{k}_sla_state" for k in self._deadline_kinds]
        for fname in state_fields:
            self.env.add_to_compute(self._fields[fname], self)
        self._recompute_recordset(state_fields)
        return super()._send_deadline_alert(kind, level)

    def _get_deadline_alert_summary(self, kind, level):
        labels = {
            "handoff": self.env._("hand-off"),
            "repair_handoff": self.env._("repair hand-off"),
            "response": self.env._("first response"),
            "resolution": self.env._("resolution"),
        }
        if level == "warned":
            return self.env._("The %(what)s deadline is at risk", what=labels[kind])
        return self.env._("The %(what)s deadline is breached", what=labels[kind])

    def _get_deadline_alert_user(self, kind, level):
        """Who is warned of a deadline at risk (the team leader) and who gets
        the breaches (the company's escalation manager)."""
        self.ensure_one()
        if level == "warned":
            return self.team_id.user_id or self.user_id
        return (
            self.company_id.service_escalation_user_id
            or self.team_id.user_id
            or self.user_id
        )

    def _mark_deadline_alerted(self, kind, level):
        self.write({f"{kind}_sla_alert": level})

    def _close_sla_activities(self):
        self.activity_unlink(
            [
                "service_lifecycle.mail_activity_type_sla_warning",
                "service_lifecycle.mail_activity_type_sla_breach",
            ]
        )
