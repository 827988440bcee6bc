# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.addons.service_lifecycle.rules.names import neutral_name
from odoo.addons.service_lifecycle.rules.workflow import Transition, TransitionTable
from odoo.exceptions import AccessError, UserError

from ..rules import report_deadlines
from .service_callback import AGENT, SUPERVISOR

REVIEW_FIELDS = {
    "supervisor_comment",
    "review_mark",
    "supervisor_signature",
    "extension_approved_by_id",
    "reviewer_id",
    "reviewed_on",
}


class ServiceCallbackReport(models.Model):
    """The daily callback report 回访报告 of one agent.

    It gathers the agent's callbacks of one day, is written the next day and
    reaches the supervisor within 3 days (7 with the supervisor's approval of
    an extension); one submitted later is accepted and marked late, which
    counts against the agent in the appraisal. The supervisor comments, signs
    off and may mark it with a commendation or a criticism.
    """

    _name = "service.callback.report"
    _description = "Callback Report"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "service.input.mixin",
        "service.callback.team.mixin",
        "service.workflow.mixin",
    ]
    _order = "report_date desc, user_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Callback Agent",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        index=True,
        tracking=True,
    )
    supervisor_id = fields.Many2one(
        "res.users",
        compute="_compute_supervisor_id",
        store=True,
        readonly=False,
        help="Who reviews the report: the nearest callback supervisor above the "
        "agent's employee (their manager, their manager's manager ...; the "
        "department's manager for an employee without manager).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    report_date = fields.Date(
        string="Callback Day",
        required=True,
        default=lambda self: fields.Date.context_today(self) - timedelta(days=1),
        index=True,
        help="The day whose callbacks this report covers.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("reviewed", "Signed Off"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    callback_ids = fields.One2many(
        "service.callback", "report_id", string="Day's Callbacks"
    )
    callback_count = fields.Integer(
        string="Callbacks", compute="_compute_counts", store=True
    )
    done_count = fields.Integer(string="Done", compute="_compute_counts", store=True)
    valid_count = fields.Integer(string="Valid", compute="_compute_counts", store=True)
    dissatisfied_count = fields.Integer(
        string="Dissatisfied", compute="_compute_counts", store=True
    )
    summary = fields.Html(help="What the day's callbacks showed.")
    problems = fields.Text(
        string="Problems and Suggestions",
        help="Problems found and what the customers suggested.",
    )

    due_date = fields.Date(
        string="Write By",
        compute="_compute_deadlines",
        store=True,
        help="The report is written the day after the callbacks.",
    )
    submit_deadline = fields.Date(
        string="Submit By",
        compute="_compute_deadlines",
        store=True,
        help="The report reaches the supervisor within 3 days of the callback "
        "day, 7 with an approved extension.",
    )
    extension_requested = fields.Boolean(readonly=True, copy=False, tracking=True)
    extension_reason = fields.Text(copy=False)
    extension_approved = fields.Boolean(readonly=True, copy=False, tracking=True)
    extension_approved_by_id = fields.Many2one(
        "res.users", string="Extension Approved By", readonly=True, copy=False
    )
    submitted_on = fields.Datetime(readonly=True, copy=False)
    first_submitted_on = fields.Datetime(
        readonly=True,
        copy=False,
        help="When the report first reached the supervisor: its lateness is "
        "measured then, and a report sent back keeps it.",
    )
    late_days = fields.Integer(
        string="Days Late",
        compute="_compute_lateness",
        store=True,
        help="Days past the submission deadline when the report was first "
        "submitted (0 when on time).",
    )
    is_late = fields.Boolean(
        string="Submitted Late",
        compute="_compute_lateness",
        store=True,
        index=True,
        help="First submitted after its deadline: accepted, and counted against "
        "the agent's report punctuality.",
    )

    supervisor_comment = fields.Text(tracking=True, copy=False)
    review_mark = fields.Selection(
        [("commendation", "Commendation"), ("criticism", "Criticism")],
        string="Commendation / Criticism",
        tracking=True,
        copy=False,
    )
    supervisor_signature = fields.Image(
        copy=False, attachment=True, max_width=1024, max_height=1024
    )
    reviewer_id = fields.Many2one("res.users", readonly=True, copy=False)
    reviewed_on = fields.Datetime(string="Signed Off On", readonly=True, copy=False)

    _sql_constraints = [
        (
            "agent_day_unique",
            "UNIQUE(user_id, report_date, company_id)",
            "An agent writes one callback report per day.",
        ),
    ]

    @api.depends("user_id", "report_date")
    def _compute_name(self):
        for report in self:
            # stored: in no one's language (the agent and the ISO day)
            report.name = neutral_name(report.user_id.name, report.report_date)

    @api.depends("user_id", "company_id")
    def _compute_supervisor_id(self):
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search_fetch(
                [("user_id", "in", self.user_id.ids)],
                ["user_id", "company_id", "parent_id", "department_id"],
            )
        )
        supervisors = (
            self.env.ref("service_callback.group_callback_supervisor").sudo().users
        )
        reviewer = {
            (employee.user_id.id, employee.company_id.id): self._first_supervisor(
                employee, supervisors
            )
            for employee in employees
        }
        for report in self:
            report.supervisor_id = reviewer.get(
                (report.user_id.id, report.company_id.id), self.env["res.users"]
            )

    @api.model
    def _first_supervisor(self, employee, supervisors):
        """The user of the nearest employee above ``employee`` who is a
        callback supervisor, going up the managers (or, for an employee
        without one, to the manager of their department). The agent is in
        that supervisor's team (``in_my_team``), so the reviewer can read
        the report."""
        seen = employee
        while True:
            boss = employee.parent_id or (employee.department_id.manager_id - employee)
            if not boss or boss in seen:
                return self.env["res.users"]
            if boss.user_id in supervisors:
                return boss.user_id
            seen |= boss
            employee = boss

    @api.depends("callback_ids.state", "callback_ids.is_valid", "callback_ids.rating")
    def _compute_counts(self):
        for report in self:
            callbacks = report.callback_ids
            done = callbacks.filtered(lambda c: c.state == "done")
            report.callback_count = len(callbacks)
            report.done_count = len(done)
            report.valid_count = len(done.filtered("is_valid"))
            report.dissatisfied_count = len(
                done.filtered(lambda c: c.rating == "dissatisfied")
            )

    @api.depends("report_date", "extension_approved")
    def _compute_deadlines(self):
        for report in self:
            if not report.report_date:
                report.due_date = report.submit_deadline = False
                continue
            report.due_date = report_deadlines.report_due_date(report.report_date)
            report.submit_deadline = report_deadlines.submit_deadline(
                report.report_date, report.extension_approved
            )

    @api.depends("first_submitted_on", "report_date", "extension_approved")
    def _compute_lateness(self):
        for report in self:
            late = 0
            if report.first_submitted_on and report.report_date:
                late = report_deadlines.days_late(
                    report.report_date,
                    report._local_day(report.first_submitted_on),
                    report.extension_approved,
                )
            report.late_days = late
            report.is_late = late > 0

    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        reports._gather_callbacks()
        return reports

    def write(self, vals):
        if (
            REVIEW_FIELDS & set(vals)
            and not self.env.su
            and not self.env.user.has_group(
                "service_callback.group_callback_supervisor"
            )
        ):
            raise AccessError(
                _("Only a callback supervisor can review a callback report.")
            )
        if {"user_id", "report_date", "company_id"} & set(vals):
            self._ensure_draft()
        res = super().write(vals)
        if {"user_id", "report_date", "company_id"} & set(vals):
            self.callback_ids.report_id = False
            self._gather_callbacks()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if any(report.state != "draft" for report in self):
            raise UserError(_("Only draft callback reports can be deleted."))

    # ------------------------------------------------------------------
    # workflow
    # ------------------------------------------------------------------
    @api.model
    def _workflow_transitions(self):
        """The agent submits the draft (late or not); the supervisor of the
        agent signs it off or sends it back with a comment."""
        return TransitionTable(
            [
                Transition("draft", "submitted", (AGENT,), "_ensure_submittable"),
                Transition(
                    "submitted", "reviewed", (SUPERVISOR,), "_ensure_reviewable"
                ),
                Transition("submitted", "draft", (SUPERVISOR,), "_ensure_reviewable"),
            ]
        )

    @api.model
    def _workflow_fields(self):
        """Besides its state, the report's extension, while it is a draft:
        asked by the agent with a reason, approved by a supervisor (asked or
        not: the supervisor may grant it unasked)."""
        return {
            **super()._workflow_fields(),
            "extension_requested": TransitionTable(
                [Transition(False, True, (AGENT,), "_check_extension_request")]
            ),
            "extension_approved": TransitionTable(
                [Transition(False, True, (SUPERVISOR,), "_ensure_draft")]
            ),
        }

    def _check_extension_request(self):
        self._ensure_draft()
        for report in self:
            if not report.extension_reason:
                raise UserError(
                    _(
                        "Say why callback report %s needs more time before "
                        "asking for an extension.",
                        report.display_name,
                    )
                )

    def _ensure_draft(self):
        for report in self:
            if report.state != "draft":
                raise UserError(
                    _(
                        "Callback report %s was submitted already: ask the "
                        "supervisor to send it back first.",
                        report.display_name,
                    )
                )

    def _ensure_submittable(self):
        """A report is submitted with the day's callbacks; after its deadline
        it is still accepted (and marked late)."""
        for report in self:
            if not report.callback_ids:
                raise UserError(
                    _(
                        "Callback report %s covers no callback: refresh it, or "
                        "check the day.",
                        report.display_name,
                    )
                )

    def _ensure_reviewable(self):
        """Signed off or sent back by the agent's supervisor (one whose team
        the agent is in, or the reviewer named on the report) or a callback
        manager, never by the agent, and with the supervisor's comment."""
        user = self.env.user
        manager = self.env.su or user.has_group(
            "service_callback.group_callback_manager"
        )
        for report in self:
            if not manager and (
                report.user_id == user
                or not (report.supervisor_id == user or report.in_my_team)
            ):
                raise AccessError(
                    _(
                        "Only the supervisor of %(agent)s can review callback "
                        "report %(report)s.",
                        agent=report.user_id.name,
                        report=report.display_name,
                    )
                )
            if not report.supervisor_comment:
                raise UserError(
                    _(
                        "Write your comment on callback report %s before "
                        "signing it off or sending it back.",
                        report.display_name,
                    )
                )

    def _workflow_after_moves(self, moves):
        """Submitted: dated (the first submission measures lateness) and put
        to the supervisor's review; signed off: the reviewer and date, the
        review done; sent back: no longer submitted, no review to do. An
        extension asked goes to the supervisor; approved, it names who
        approved it."""
        result = super()._workflow_after_moves(moves)
        moved = self.browse().union(*moves.values())
        if moves.field == "extension_requested":
            # the extension asked: the supervisor decides
            for report in moved.filtered("supervisor_id"):
                report.activity_schedule(
                    "service_callback.mail_activity_type_report_extension",
                    user_id=report.supervisor_id.id,
                    note=report.extension_reason,
                )
            return result
        if moves.field == "extension_approved":
            moved.write({"extension_approved_by_id": self.env.user.id})
            moved.activity_feedback(
                ["service_callback.mail_activity_type_report_extension"]
            )
            return result
        now = fields.Datetime.now()
        for transition, reports in moves.items():
            if transition.target == "submitted":
                reports.write({"submitted_on": now})
                reports.filtered(lambda r: not r.first_submitted_on).write(
                    {"first_submitted_on": now}
                )
                reports.activity_unlink(
                    ["service_callback.mail_activity_type_report_extension"]
                )
                for report in reports.filtered("supervisor_id"):
                    report.activity_schedule(
                        "service_callback.mail_activity_type_report_review",
                        user_id=report.supervisor_id.id,
                    )
            elif transition.target == "reviewed":
                reports.write({"reviewer_id": self.env.user.id, "reviewed_on": now})
                reports.activity_feedback(
                    ["service_callback.mail_activity_type_report_review"]
                )
            elif transition.target == "draft":
                reports.write({"submitted_on": False})
                reports.activity_unlink(
                    ["service_callback.mail_activity_type_report_review"]
                )
        return result

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_refresh(self):
        self._ensure_draft()
        self._gather_callbacks()
        return True

    def action_submit(self):
        self.write({"state": "submitted"})
        return True

    def action_request_extension(self):
        self._workflow_move({"extension_requested": True})
        return True

    def action_approve_extension(self):
        self._workflow_move({"extension_approved": True})
        return True

    def action_sign_off(self):
        self.write({"state": "reviewed"})
        return True

    def action_send_back(self):
        self.write({"state": "draft"})
        return True

    # ------------------------------------------------------------------
    # business methods
    # ------------------------------------------------------------------
    def _tz(self):
        """The agent's time zone (the company's when the agent has none)."""
        self.ensure_one()
        return pytz.timezone(self.user_id.tz or self.company_id._get_service_tz())

    def _local_day(self, moment):
        """The agent's local day of ``moment`` (naive UTC)."""
        return pytz.utc.localize(moment).astimezone(self._tz()).date()

    def _day_bounds(self):
        """The callback day as a UTC interval in the agent's time zone."""
        self.ensure_one()
        tz = self._tz()
        start = tz.localize(datetime.combine(self.report_date, time.min))
        end = start + timedelta(days=1)
        return (
            start.astimezone(pytz.utc).replace(tzinfo=None),
            tz.normalize(end).astimezone(pytz.utc).replace(tzinfo=None),
        )

    def _gather_callbacks(self):
        """Link the agent's callbacks of the day: those done that day and
        those due that day that were not done."""
        Callback = self.env["service.callback"].sudo()
        for report in self:
            start, end = report._day_bounds()
            callbacks = Callback.search(
                [
                    ("user_id", "=", report.user_id.id),
                    ("company_id", "=", report.company_id.id),
                    ("report_id", "=", False),
                    "|",
                    "&",
                    ("done_datetime", ">=", start),
                    ("done_datetime", "<", end),
                    "&",
                    "&",
                    ("state", "!=", "done"),
                    ("due_datetime", ">=", start),
                    ("due_datetime", "<", end),
                ]
            )
            callbacks.report_id = report
