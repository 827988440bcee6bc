# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules import report_deadlines

REVIEW_FIELDS = {
    "supervisor_comment",
    "review_mark",
    "supervisor_signature",
    "extension_approved",
    "extension_approved_by_id",
    "reviewer_id",
    "reviewed_on",
}


class ServiceCallbackReport(models.Model):
    """The daily callback report 回访报告 of one agent.

    It gathers the agent's callbacks of one day, is written the next day and
    reaches the supervisor within 3 days (7 with the supervisor's approval of
    an extension). The supervisor comments, signs off and may mark it with a
    commendation or a criticism.
    """

    _name = "service.callback.report"
    _description = "Callback Report"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "service.input.mixin",
        "service.callback.team.mixin",
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
            report.name = _(
                "%(agent)s, %(day)s",
                agent=report.user_id.name or "",
                day=report.report_date or "",
            )

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
    # guards
    # ------------------------------------------------------------------
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

    def _ensure_supervisor(self):
        if not self.env.user.has_group("service_callback.group_callback_supervisor"):
            raise AccessError(
                _("Only a callback supervisor can review a callback report.")
            )

    def _ensure_submittable(self, today):
        self._ensure_draft()
        for report in self:
            if not report_deadlines.can_submit(
                report.report_date, today, report.extension_approved
            ):
                if report.extension_approved:
                    raise UserError(
                        _(
                            "Callback report %(report)s was due with the supervisor "
                            "by %(deadline)s even with the extension: it can no "
                            "longer be submitted.",
                            report=report.display_name,
                            deadline=report.submit_deadline,
                        )
                    )
                raise UserError(
                    _(
                        "Callback report %(report)s was due with the supervisor by "
                        "%(deadline)s: ask your supervisor to approve an extension "
                        "(up to 7 days after the callback day).",
                        report=report.display_name,
                        deadline=report.submit_deadline,
                    )
                )
            if not report.callback_ids:
                raise UserError(
                    _(
                        "Callback report %s covers no callback: refresh it, or "
                        "check the day.",
                        report.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_refresh(self):
        self._ensure_draft()
        self._gather_callbacks()
        return True

    def action_submit(self):
        today = fields.Date.context_today(self)
        self._ensure_submittable(today)
        self.write({"state": "submitted", "submitted_on": fields.Datetime.now()})
        for report in self:
            report.activity_unlink(
                ["service_callback.mail_activity_type_report_extension"]
            )
            if report.supervisor_id:
                report.activity_schedule(
                    "service_callback.mail_activity_type_report_review",
                    user_id=report.supervisor_id.id,
                )
        return True

    def action_request_extension(self):
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
        self.write({"extension_requested": True})
        for report in self.filtered("supervisor_id"):
            report.activity_schedule(
                "service_callback.mail_activity_type_report_extension",
                user_id=report.supervisor_id.id,
                note=report.extension_reason,
            )
        return True

    def action_approve_extension(self):
        self._ensure_supervisor()
        self._ensure_draft()
        self.write(
            {
                "extension_approved": True,
                "extension_approved_by_id": self.env.user.id,
            }
        )
        self.activity_feedback(["service_callback.mail_activity_type_report_extension"])
        return True

    def action_sign_off(self):
        self._ensure_supervisor()
        for report in self:
            if report.state != "submitted":
                raise UserError(
                    _(
                        "Callback report %s must be submitted before it is signed off.",
                        report.display_name,
                    )
                )
            if not report.supervisor_comment:
                raise UserError(
                    _(
                        "Write your comment on callback report %s before "
                        "signing it off.",
                        report.display_name,
                    )
                )
        self.write(
            {
                "state": "reviewed",
                "reviewer_id": self.env.user.id,
                "reviewed_on": fields.Datetime.now(),
            }
        )
        self.activity_feedback(["service_callback.mail_activity_type_report_review"])
        return True

    def action_send_back(self):
        self._ensure_supervisor()
        for report in self:
            if report.state != "submitted":
                raise UserError(
                    _(
                        "Only a submitted callback report can be sent back (%s).",
                        report.display_name,
                    )
                )
            if not report.supervisor_comment:
                raise UserError(
                    _(
                        "Say in your comment what to change before sending "
                        "callback report %s back.",
                        report.display_name,
                    )
                )
        self.write({"state": "draft", "submitted_on": False})
        self.activity_unlink(["service_callback.mail_activity_type_report_review"])
        return True

    # ------------------------------------------------------------------
    # business methods
    # ------------------------------------------------------------------
    def _day_bounds(self):
        """The callback day as a UTC interval in the agent's time zone."""
        self.ensure_one()
        tz = pytz.timezone(self.user_id.tz or self.company_id.partner_id.tz or "UTC")
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
