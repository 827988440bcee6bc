# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.addons.service_lifecycle.tools.cron_batch import (
    batch_or_next_run,
    lock_free_rows,
)
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.sql import create_unique_index

from ..rules.callback_statistics import rating_from_score, score_from_percentage

CALLBACK_TYPES = [
    ("installation", "After Installation"),
    ("routine", "Routine"),
    ("complaint", "After Complaint"),
    ("repair", "After Repair"),
    ("special", "After Special Service"),
    ("service", "After Other Service"),
    ("presale", "Pre-sale (Lead)"),
    ("deal", "After Deal"),
    ("holiday", "Holiday Greeting"),
    ("followup", "Follow-up"),
]

CALLBACK_METHODS = [
    ("phone", "Phone"),
    ("onsite", "On-site"),
    ("email", "Email"),
    ("letter", "Letter"),
    ("im", "Instant Message"),
    ("questionnaire", "Questionnaire"),
]

NOT_REACHED_REASONS = [
    ("absent", "Customer Absent"),
    ("no_answer", "No Answer at the Door or Phone"),
    ("wrong_address", "Wrong Address or Contact"),
    ("refused", "Customer Refused the Visit"),
    ("rescheduled", "Customer Asked for Another Day"),
    ("other", "Other"),
]

OVERDUE_BATCH = 1000

# whoever a callback is assigned to (callback agents included) records it
ASSIGNEE = "service_callback.group_callback_assignee"
AGENT = "service_callback.group_callback_agent"
SUPERVISOR = "service_callback.group_callback_supervisor"


class ServiceCallback(models.Model):
    """A callback (回访) to a customer: planned, made, and recorded the same day.

    A callback may be anchored on the record that caused it (``res_model`` and
    ``res_id``: an installation, a closed ticket, a repair ...). Callbacks made
    by a rule carry the rule's key and the occurrence number; the database
    refuses a second callback with the same rule key, anchor and occurrence,
    so planners may run twice, or side by side, without making duplicates.
    """

    _name = "service.callback"
    _description = "Callback"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "service.input.mixin",
        "service.callback.team.mixin",
        "service.workflow.mixin",
    ]
    _order = "due_datetime, id"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, tracking=True, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Callback Agent",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        index=True,
        help="The agent's department, for the monthly statistics.",
    )
    method = fields.Selection(
        CALLBACK_METHODS, required=True, default="phone", tracking=True
    )
    callback_type = fields.Selection(
        CALLBACK_TYPES,
        string="Type",
        required=True,
        default="service",
        tracking=True,
        index=True,
        help="What the callback follows up; complaint callbacks must all be made.",
    )
    purpose = fields.Char(
        string="Own Purpose",
        help="What this callback is meant to learn or confirm, when it is not its "
        "rule's purpose (written by a person: kept as written).",
    )
    display_purpose = fields.Char(
        string="Purpose",
        compute="_compute_display_purpose",
        recursive=True,
        help="The callback's own purpose, else its rule's, in the reader's language.",
    )
    due_datetime = fields.Datetime(
        string="Due", required=True, default=fields.Datetime.now, index=True
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
        index=True,
    )
    done_datetime = fields.Datetime(string="Done On", readonly=True, copy=False)
    is_overdue = fields.Boolean(
        string="Overdue",
        readonly=True,
        copy=False,
        index=True,
        help="Not completed by the end of its due day (same-day completion, 日清日结).",
    )

    # anchor: the record that caused the callback, and the planner's unique key
    res_model = fields.Char(string="Anchor Model", index=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Anchor Record ID", model_field="res_model", readonly=True
    )
    anchor_ref = fields.Reference(
        selection="_selection_anchor_ref",
        string="Follows Up",
        compute="_compute_anchor_ref",
    )
    rule_id = fields.Many2one(
        "service.callback.rule",
        string="Callback Rule",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The rule of the callback programme that planned this callback.",
    )
    rule_key = fields.Char(
        readonly=True,
        copy=False,
        help="Key of the callback rule that planned this callback.",
    )
    occurrence = fields.Integer(
        readonly=True,
        copy=False,
        help="Number of this callback in the rule's series for the same anchor.",
    )

    # the callback record 回访记录表
    reached = fields.Boolean(
        string="Customer Reached",
        help="Only a callback that reached the customer counts as valid.",
    )
    not_reached_reason = fields.Selection(
        NOT_REACHED_REASONS,
        string="Why Not Reached",
        compute="_compute_not_reached_reason",
        store=True,
        readonly=False,
        tracking=True,
        help="Why the customer was not reached. An on-site callback that did "
        "not reach the customer records why; it is no signed visit.",
    )
    not_reached_note = fields.Text(
        string="Not Reached Note",
        compute="_compute_not_reached_reason",
        store=True,
        readonly=False,
    )
    is_valid = fields.Boolean(
        string="Valid",
        compute="_compute_is_valid",
        store=True,
        help="Done and the customer was reached.",
    )
    usage = fields.Text(help="How the customer uses the product and how it works.")
    new_needs = fields.Text(help="New needs the customer mentioned.")
    rating = fields.Selection(
        [
            ("satisfied", "Satisfied"),
            ("neutral", "Neutral"),
            ("dissatisfied", "Dissatisfied"),
        ],
        tracking=True,
    )
    score = fields.Integer(help="Satisfaction score from 1 (worst) to 5 (best).")
    customer_feedback = fields.Text(
        string="Customer's Questions",
        help="The customer's questions, verbatim.",
    )
    customer_suggestions = fields.Text(
        string="Customer's Suggestions", help="The customer's suggestions, verbatim."
    )
    next_steps = fields.Text()
    confidential_notes = fields.Text(
        groups="service_callback.group_callback_supervisor",
        help="Only callback supervisors can read these notes.",
    )

    # outcome: open issue, tickets, technical center
    open_issue = fields.Boolean(
        help="The customer's problem is still open: a follow-up callback is "
        "scheduled at the promised time.",
    )
    promised_datetime = fields.Datetime(
        string="Promised Reply",
        help="When the customer was promised an answer; "
        "the follow-up callback is due then.",
    )
    parent_id = fields.Many2one(
        "service.callback", string="Follow-up Of", readonly=True, index="btree_not_null"
    )
    followup_ids = fields.One2many("service.callback", "parent_id", string="Follow-ups")
    ticket_ids = fields.One2many("helpdesk.ticket", "callback_id", string="Tickets")
    ticket_count = fields.Integer(compute="_compute_ticket_count")
    complaint_ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Complaint", readonly=True, copy=False
    )
    technical_ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Technical Center Request", readonly=True, copy=False
    )

    # signature: on-site callbacks are signed by the customer
    signature = fields.Image(
        copy=False, attachment=True, max_width=1024, max_height=1024
    )
    signed_by = fields.Char(copy=False)
    signed_on = fields.Datetime(
        compute="_compute_signed_on", store=True, readonly=False, copy=False
    )
    signature_required = fields.Boolean(
        compute="_compute_signature_required", search="_search_signature_required"
    )

    # questionnaire
    survey_id = fields.Many2one("survey.survey", string="Survey")
    survey_user_input_id = fields.Many2one(
        "survey.user_input", string="Survey Answers", readonly=True, copy=False
    )
    survey_url = fields.Char(string="Survey Link", readonly=True, copy=False)
    survey_score = fields.Float(
        string="Survey Score (%)", readonly=True, copy=False, aggregator="avg"
    )
    survey_done = fields.Boolean(string="Survey Answered", readonly=True, copy=False)

    # expenses
    expense_ids = fields.One2many("hr.expense", "callback_id", string="Expenses")
    expense_count = fields.Integer(compute="_compute_expense_amounts")
    currency_id = fields.Many2one(related="company_id.currency_id")
    expense_total = fields.Monetary(compute="_compute_expense_amounts")
    expense_limit = fields.Monetary(compute="_compute_expense_amounts")
    expense_own_amount = fields.Monetary(
        string="Employee's Own",
        compute="_compute_expense_amounts",
        help="Expenses above the company limit for this callback, "
        "borne by the employee.",
    )

    report_id = fields.Many2one(
        "service.callback.report",
        string="Callback Report",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    _sql_constraints = [
        (
            "score_range",
            "CHECK(score IS NULL OR score = 0 OR (score >= 1 AND score <= 5))",
            "The satisfaction score must be between 1 and 5.",
        ),
        (
            "occurrence_positive",
            "CHECK(occurrence >= 0)",
            "The occurrence of a callback cannot be negative.",
        ),
    ]

    def init(self):
        res = super().init()
        # One callback per rule, anchor record and occurrence (planner
        # idempotence); callbacks without a rule key never conflict.
        create_unique_index(
            self.env.cr,
            "service_callback_rule_anchor_uniq",
            self._table,
            ["rule_key", "res_model", "res_id", "occurrence"],
        )
        return res

    @api.model
    def _selection_anchor_ref(self):
        return [
            (model.model, model.name)
            for model in self.env["ir.model"].sudo().search([])
        ]

    @api.depends("res_model", "res_id")
    def _compute_anchor_ref(self):
        for callback in self:
            if callback.res_model in self.env and callback.res_id:
                callback.anchor_ref = f"{callback.res_model},{callback.res_id}"
            else:
                callback.anchor_ref = False

    def _compute_access_url(self):
        for callback in self:
            callback.access_url = f"/my/callbacks/{callback.id}"

    @api.depends(
        "purpose",
        "rule_id.purpose",
        "rule_id.name",
        "callback_type",
        "parent_id.display_purpose",
    )
    @api.depends_context("lang")
    def _compute_display_purpose(self):
        """The purpose a reader sees, rendered at read time: the rule's
        (translatable) purpose for the callbacks the planner made, the
        promised reply of a follow-up in the reader's words."""
        for callback in self:
            text = (
                callback.purpose
                or callback.rule_id.purpose
                or callback.rule_id.name
                or ""
            )
            if callback.callback_type == "followup" and callback.parent_id:
                text = self.env._(
                    "Promised reply: %s",
                    text or callback.parent_id.display_purpose or "",
                )
            callback.display_purpose = text or False

    @api.depends("user_id", "company_id")
    def _compute_department_id(self):
        departments = self._agent_departments(self.user_id)
        for callback in self:
            callback.department_id = departments.get(
                (callback.user_id.id, callback.company_id.id),
                self.env["hr.department"],
            )

    @api.model
    def _agent_departments(self, users):
        """{(user id, company id): department} of the agents ``users``: the
        department of their active employee in each company (the first one
        created, when a user has several there). A callback's department is
        its agent's; the planner reads it here too."""
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search_fetch(
                [("user_id", "in", users.ids)],
                ["user_id", "company_id", "department_id"],
                order="id",
            )
        )
        departments = {}
        for employee in employees:
            departments.setdefault(
                (employee.user_id.id, employee.company_id.id), employee.department_id
            )
        return departments

    @api.depends("state", "reached")
    def _compute_is_valid(self):
        valid = self.filtered_domain(self._callback_done_domain())
        valid.is_valid = True
        (self - valid).is_valid = False

    @api.depends("reached")
    def _compute_not_reached_reason(self):
        for callback in self.filtered("reached"):
            callback.not_reached_reason = False
            callback.not_reached_note = False

    @api.depends("signature")
    def _compute_signed_on(self):
        for callback in self:
            callback.signed_on = fields.Datetime.now() if callback.signature else False

    @api.depends("method", "not_reached_reason")
    def _compute_signature_required(self):
        visits = self.filtered_domain(self._callback_onsite_visit_domain())
        visits.signature_required = True
        (self - visits).signature_required = False

    def _search_signature_required(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(
                self.env._("Search signature required with = or != True/False.")
            )
        domain = self._callback_onsite_visit_domain()
        return (
            domain if (operator == "=") == value else ["!", *expression.AND([domain])]
        )

    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group(
                [("callback_id", "in", self.ids)], ["callback_id"], ["__count"]
            )
        )
        for callback in self:
            callback.ticket_count = counts.get(callback, 0)

    @api.depends(
        "expense_ids.total_amount",
        "expense_ids.own_amount",
        "method",
        "callback_type",
        "company_id",
    )
    def _compute_expense_amounts(self):
        limits = self.env["service.callback.expense.limit"]._limits_for(self)
        for callback in self:
            expenses = callback.expense_ids
            callback.expense_count = len(expenses)
            callback.expense_total = sum(expenses.mapped("total_amount"))
            callback.expense_limit = limits.get(callback.id) or 0.0
            callback.expense_own_amount = sum(expenses.mapped("own_amount"))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("service.callback")
        return super().create(vals_list)

    def write(self, vals):
        res = super().write(vals)
        if "due_datetime" in vals and "is_overdue" not in vals:
            # a planned callback moved to a day that has not ended is not overdue
            now = fields.Datetime.now()
            rescheduled = self.filtered(
                lambda c: (
                    c.state == "planned" and c.is_overdue and c._due_day_end() > now
                )
            )
            if rescheduled:
                rescheduled.is_overdue = False
        return res

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_done(self):
        self._ensure_planned()  # a second click on a done callback
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        self.filtered(lambda c: c.state == "planned").write({"state": "cancelled"})

    def action_reset(self):
        self.write({"state": "planned"})

    def action_open_problem_ticket(self):
        """One click: a task order for the problem the customer reported."""
        self.ensure_one()
        ticket = self._create_ticket("problem")
        return self._action_open_tickets(ticket)

    def action_send_to_technical_center(self):
        """What cannot be solved here goes to the technical center."""
        self.ensure_one()
        if self.technical_ticket_id:
            raise UserError(
                _(
                    "Callback %(callback)s was already sent to the technical "
                    "center with %(ticket)s.",
                    callback=self.display_name,
                    ticket=self.technical_ticket_id.sudo().display_name,
                )
            )
        ticket = self._create_ticket("technical")
        self.technical_ticket_id = ticket
        company = self.company_id
        if not company.callback_technical_team_id:
            users = (
                self.env.ref("service_lifecycle.group_technical_center").sudo().users
            )
            users = users.filtered(lambda u: company in u.company_ids)
            if not users:
                raise UserError(
                    _(
                        "Nobody can receive the request: choose a technical center "
                        "team in the Callbacks settings, or give a user the "
                        "Technical Center role."
                    )
                )
            for user in users:
                ticket.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    # in the language of whoever reads it
                    summary=self.with_context(lang=user.lang).env._(
                        "Callback %s: unsolved problem", self.name
                    ),
                    note=self.next_steps or self.customer_feedback or "",
                )
        return True

    def action_schedule_followup(self):
        self.ensure_one()
        followup = self._schedule_followup()
        if not followup:
            raise UserError(
                _(
                    "Set the promised reply time of callback %s before scheduling "
                    "its follow-up.",
                    self.display_name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "service.callback",
            "res_id": followup.id,
            "view_mode": "form",
        }

    def action_send_survey(self):
        """Invite the customer to the callback's survey (questionnaire callbacks)."""
        self.ensure_one()
        self._ensure_planned()
        if not self.survey_id:
            raise UserError(
                _("Choose the survey to send with callback %s.", self.display_name)
            )
        if not self.partner_id.email:
            raise UserError(
                _(
                    "Customer %s has no email address: add one to send the survey.",
                    self.partner_id.display_name,
                )
            )
        answer = self.survey_user_input_id
        if not answer or answer.survey_id != self.survey_id:
            answer = (
                self.survey_id.sudo()
                .with_context(lang=self.partner_id.lang)
                ._create_answer(
                    partner=self.partner_id, check_attempts=False, callback_id=self.id
                )
            )
            self.write(
                {
                    "survey_user_input_id": answer.id,
                    "survey_url": answer.get_start_url(),
                    "survey_done": False,
                    "survey_score": 0.0,
                }
            )
        template = self.env.ref("service_callback.mail_template_callback_survey")
        self.message_post_with_source(
            template,
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.partner_id.ids,
        )
        return True

    @api.readonly
    def action_view_tickets(self):
        self.ensure_one()
        return self._action_open_tickets(self.ticket_ids)

    @api.readonly
    def action_view_expenses(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_expense.hr_expense_actions_my_all"
        )
        action.update(
            {
                "domain": [("callback_id", "=", self.id)],
                "context": {
                    "default_callback_id": self.id,
                    "default_name": _("Callback %s", self.name),
                },
            }
        )
        return action

    def _action_open_tickets(self, tickets):
        action = {
            "type": "ir.actions.act_window",
            "name": _("Tickets"),
            "res_model": "helpdesk.ticket",
            "domain": [("id", "in", tickets.ids)],
            "view_mode": "list,form",
        }
        if len(tickets) == 1:
            action.update({"res_id": tickets.id, "view_mode": "form"})
        return action

    # ------------------------------------------------------------------
    # business methods
    # ------------------------------------------------------------------
    def _due_day_end(self):
        """End of the due day (UTC, naive) in the agent's time zone."""
        self.ensure_one()
        # as superuser: a time zone is no secret, and the agent's first
        # completion on a worker would otherwise compute their record rules
        # on users and companies for it alone
        callback = self.sudo()
        tz = pytz.timezone(callback.user_id.tz or callback.company_id._get_service_tz())
        local_due = pytz.utc.localize(self.due_datetime).astimezone(tz)
        local_end = tz.localize(
            datetime.combine(local_due.date() + timedelta(days=1), time.min)
        )
        return local_end.astimezone(pytz.utc).replace(tzinfo=None)

    def _apply_survey_result(self, user_input):
        """A completed questionnaire: its score comes back onto the callback."""
        self.ensure_one()
        percentage = user_input.scoring_percentage
        vals = {"survey_done": True, "survey_score": percentage}
        if self.state == "planned":
            vals["reached"] = True
            if user_input.scoring_type != "no_scoring":
                score = score_from_percentage(percentage)
                vals.update({"score": score, "rating": rating_from_score(score)})
        self.write(vals)
        self.message_post(
            body=_(
                "The customer answered the survey %(survey)s: score %(score)s%%.",
                survey=user_input.survey_id.title,
                score=percentage,
            )
        )

    def _portal_can_sign(self):
        """Whether the customer may sign this record on the portal."""
        self.ensure_one()
        return (
            self.signature_required and not self.signature and self.state != "cancelled"
        )

    def _get_report_base_filename(self):
        self.ensure_one()
        return _("Callback Record %s", self.name)

    @api.model
    def _cron_flag_overdue(self, batch_size=OVERDUE_BATCH):
        """Flag the planned callbacks whose due day has ended (日清日结), one
        short batch per transaction (the cron commits it and calls again
        while some remain): first those due more than a day ago, all overdue
        whatever the agent's time zone, by ``batch_size``; then those due
        within the last day, whose day may not have ended, in one pass.
        Callbacks an agent is saving right now are left to a later batch.
        Returns the number flagged."""
        now = fields.Datetime.now()
        planned = [("state", "=", "planned"), ("is_overdue", "=", False)]
        settled = [*planned, ("due_datetime", "<", now - timedelta(days=1))]
        batch = self.search_fetch(
            settled, ["due_datetime", "user_id", "company_id"], limit=batch_size
        )
        if not batch:
            # the last day: a day's callbacks at most, each checked
            batch = self.search_fetch(
                [
                    *planned,
                    ("due_datetime", ">=", now - timedelta(days=1)),
                    ("due_datetime", "<", now),
                ],
                ["due_datetime", "user_id", "company_id"],
            ).filtered(lambda c: now >= c._due_day_end())
            settled = None
        flagged = self.browse()
        if batch:
            with batch_or_next_run(
                self.env, "service.callback: overdue flags"
            ) as outcome:
                flagged = lock_free_rows(batch)
                flagged.write({"is_overdue": True})
            if outcome["failed"]:
                flagged = self.browse()
        # after the last settled batch, one more call: the last day's pass
        remaining = (self.search_count(settled) or 1) if settled else 0
        self.env["ir.cron"]._notify_progress(done=len(flagged), remaining=remaining)
        return len(flagged)
