# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.service_lifecycle.rules.workflow import Transition, TransitionTable
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..rules import kpi_penalties
from .service_kpi_appraisal import KPI_MANAGER

KINDS = [
    ("missed_callback", "Missed Post-Complaint Callback"),
    ("missed_callback_manager", "Missed Post-Complaint Callback (Manager)"),
    ("falsified_callback", "Falsified Callback"),
    ("falsified_callback_manager", "Falsified Callback (Manager)"),
    ("incomplete_file", "Incomplete Customer File"),
    ("falsified_file", "Falsified Customer File"),
    ("serious_file", "Serious Customer File Case"),
    ("rework_cost", "Cost of Others' Rework"),
    ("other_penalty", "Other Penalty"),
    ("reward", "Reward"),
    ("callback_commendation", "Callback Report Commendation"),
    ("callback_criticism", "Callback Report Criticism"),
]
PRESIDENT_OFFICE = "service_kpi.group_kpi_president_office"


class ServiceKpiPenalty(models.Model):
    """The penalties and rewards ledger. Entries are proposed (by hand or by the
    automatic detections), approved by a KPI manager, then exported for payroll."""

    _name = "service.kpi.penalty"
    _description = "Penalty or Reward"
    _inherit = ["mail.thread", "service.input.mixin", "service.workflow.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    kind = fields.Selection(KINDS, required=True, tracking=True)
    is_reward = fields.Boolean(compute="_compute_is_reward", store=True)
    dismissal = fields.Boolean(
        compute="_compute_kind_rules",
        store=True,
        readonly=False,
        precompute=True,
        help="The rules call for the dismissal of the person.",
    )
    charged_to = fields.Selection(
        [
            ("person", "Person Responsible"),
            ("manager", "Department Manager"),
            ("department", "Department Budget"),
        ],
        compute="_compute_kind_rules",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        help="Who pays or is rewarded (the manager for a manager's share).",
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(
        compute="_compute_kind_rules",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    signed_amount = fields.Monetary(
        compute="_compute_signed_amount",
        store=True,
        help="Paid (positive) or deducted (negative) by payroll.",
    )
    description = fields.Text()
    source = fields.Selection(
        [("manual", "Entered by Hand"), ("auto", "Detected Automatically")],
        default="manual",
        required=True,
        readonly=True,
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Ticket", index=True, ondelete="set null"
    )
    detection = fields.Selection(
        [
            ("closed_without_callback", "Complaint Closed Without Its Callback"),
            ("callback_overdue", "Complaint Callback Overdue"),
        ],
        string="Detected As",
        readonly=True,
        copy=False,
        help="What the automatic detection found (its reason is worded for the "
        "reader).",
    )
    callback_id = fields.Many2one(
        "service.callback",
        string="Missed Callback",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
    detection_reason = fields.Char(
        string="Detection Reason", compute="_compute_detection_reason"
    )
    state = fields.Selection(
        [
            ("draft", "To Approve"),
            ("approved", "Approved"),
            ("refused", "Refused"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK(amount >= 0)",
            "Enter the amount as a positive number.",
        ),
    ]

    @api.depends("detection", "ticket_id", "callback_id", "date")
    @api.depends_context("lang")
    def _compute_detection_reason(self):
        """Why the detection proposed the entry, in the reader's language
        (stored as a code and its records, worded at read time)."""
        _ = self.env._
        for entry in self:
            complaint = entry.ticket_id.sudo().display_name or "-"
            if entry.detection == "closed_without_callback":
                entry.detection_reason = _(
                    "Complaint %s was closed without its callback.", complaint
                )
            elif entry.detection == "callback_overdue":
                entry.detection_reason = _(
                    "The callback %(callback)s of complaint %(complaint)s was due "
                    "on %(date)s and was not made.",
                    callback=entry.callback_id.sudo().name or "-",
                    complaint=complaint,
                    date=format_date(self.env, entry.date),
                )
            else:
                entry.detection_reason = False

    @api.depends("kind")
    def _compute_is_reward(self):
        for entry in self:
            entry.is_reward = kpi_penalties.is_reward(entry.kind)

    @api.depends("kind")
    def _compute_kind_rules(self):
        for entry in self:
            entry.dismissal = kpi_penalties.means_dismissal(entry.kind)
            entry.charged_to = kpi_penalties.charged_to(entry.kind)
            entry.amount = kpi_penalties.default_amount(entry.kind)

    @api.depends("employee_id")
    def _compute_department_id(self):
        for entry in self:
            entry.department_id = entry.employee_id.department_id

    @api.depends("amount", "kind")
    def _compute_signed_amount(self):
        for entry in self:
            entry.signed_amount = kpi_penalties.signed_amount(entry.kind, entry.amount)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "service.kpi.penalty"
                )
        return super().create(vals_list)

    def write(self, vals):
        if "approved_by_id" in vals and not self.env.su:
            self._ensure_kpi_manager()
        if (
            set(vals) - {"state", "approved_by_id", "message_main_attachment_id"}
            and any(entry.state == "approved" for entry in self)
            and not self.env.su
        ):
            raise UserError(
                self.env._(
                    "An approved entry cannot be changed: set it back to approve first."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if any(entry.state == "approved" for entry in self):
            raise UserError(self.env._("An approved entry cannot be deleted."))

    def _ensure_kpi_manager(self):
        if not self.env.user.has_group("service_kpi.group_kpi_manager"):
            raise UserError(
                self.env._("Only KPI managers can approve or refuse entries.")
            )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    @api.model
    def _workflow_transitions(self):
        """A KPI manager approves or refuses a proposed entry, and may set it
        back to approve."""
        return TransitionTable(
            [
                Transition("draft", "approved", (KPI_MANAGER,), "_ensure_approver_may"),
                Transition("draft", "refused", (KPI_MANAGER,)),
                Transition("approved", "draft", (KPI_MANAGER,)),
                Transition("refused", "draft", (KPI_MANAGER,)),
            ]
        )

    def _ensure_approver_may(self):
        """The fines of callback report criticism are approved by the
        president's office (the general manager), not by a KPI manager."""
        if self.env.su or self.env.user.has_group(PRESIDENT_OFFICE):
            return
        reserved = self.filtered(
            lambda e: kpi_penalties.needs_president_approval(e.kind)
        )
        if reserved:
            raise UserError(
                self.env._(
                    "Only the president's office can approve %s: the fines of "
                    "a criticized callback report are approved by the general "
                    "manager.",
                    ", ".join(reserved.mapped("name")),
                )
            )

    def _workflow_after_moves(self, moves):
        """Approved: by whom; set back to approve: by nobody yet."""
        result = super()._workflow_after_moves(moves)
        for transition, entries in moves.items():
            if transition.target == "approved":
                entries.write({"approved_by_id": self.env.user.id})
            elif transition.target == "draft":
                entries.write({"approved_by_id": False})
        return result

    def action_approve(self):
        self.filtered(lambda e: e.state == "draft").write({"state": "approved"})

    def action_refuse(self):
        self.filtered(lambda e: e.state == "draft").write({"state": "refused"})

    def action_reset(self):
        self.write({"state": "draft"})

    # ------------------------------------------------------------------
    # Automatic detection
    # ------------------------------------------------------------------
    @api.model
    def _local_date(self, company, moment):
        """The day ``moment`` (UTC) falls on in the company's time zone."""
        return company._local_day(moment)

    @api.model
    def _prepare_missed_callback_vals(self, ticket, employee, kind, date, detection):
        """``detection``: the detection's code and records (``detection``,
        ``callback_id``), worded at read time (``detection_reason``)."""
        return {
            "kind": kind,
            "employee_id": employee.id,
            "company_id": ticket.company_id.id,
            "date": date,
            "ticket_id": ticket.id,
            "source": "auto",
            **detection,
        }

    @api.model
    def _propose_missed_callback_fines(self, missed):
        """``missed``: ``{complaint: (user who owed the callback, date,
        detection values)}``. Proposes 500 for that user's employee and 300 for the
        employee's department manager (or, without one, their own manager),
        once per complaint: complaints that already have such an entry are
        skipped."""
        if not missed:
            return self.browse()
        tickets = self.env["helpdesk.ticket"].union(*missed)
        done = self.sudo().search_fetch(
            [
                ("ticket_id", "in", tickets.ids),
                ("kind", "in", ("missed_callback", "missed_callback_manager")),
            ],
            ["ticket_id"],
        )
        users = self.env["res.users"].union(*(user for user, *_rest in missed.values()))
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search_fetch(
                [("user_id", "in", users.ids)],
                ["user_id", "company_id", "parent_id", "department_id"],
            )
        )
        by_user = {(e.user_id.id, e.company_id.id): e for e in employees}
        vals_list = []
        unassigned = {}
        for ticket in tickets - done.ticket_id:
            user, date, detection = missed[ticket]
            employee = by_user.get((user.id, ticket.company_id.id))
            if not employee:
                unassigned[ticket] = (user, date, detection)
                continue
            vals_list.append(
                self._prepare_missed_callback_vals(
                    ticket, employee, "missed_callback", date, detection
                )
            )
            manager = employee.department_id.manager_id or employee.parent_id
            if manager and manager != employee:
                vals_list.append(
                    self._prepare_missed_callback_vals(
                        ticket, manager, "missed_callback_manager", date, detection
                    )
                )
        self._ask_kpi_manager_for_employee(unassigned)
        return self.sudo().create(vals_list)

    @api.model
    def _ask_kpi_manager_for_employee(self, unassigned):
        """``unassigned``: ``{complaint: (user, date, detection)}`` whose fine cannot be
        proposed: the person who owed the callback has no employee record in
        the complaint's company (or nobody owed it). A to-do on the complaint
        for each KPI manager of its company, once."""
        if not unassigned:
            return
        activity_type = self.env.ref(
            "service_kpi.mail_activity_type_missing_employee", raise_if_not_found=False
        )
        managers = self.env.ref("service_kpi.group_kpi_manager").sudo().users
        for ticket, (user, date, detection) in unassigned.items():
            ticket = ticket.sudo()
            if ticket.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            ):
                continue
            for manager in managers.filtered(
                lambda u, ticket=ticket: (
                    ticket.company_id in u.company_ids and not u.share and u.active
                )
            ):
                # the note is written for its reader, in the manager's language
                env = self.with_context(lang=manager.lang).env
                reason = (
                    env[self._name]
                    .new(dict(detection, ticket_id=ticket.id, date=date))
                    .detection_reason
                )
                note = env._(
                    "%(reason)s No fine could be proposed: %(user)s has no "
                    "employee record in %(company)s. Create it (or enter the "
                    "fine by hand).",
                    reason=reason,
                    user=user.name or env._("nobody"),
                    company=ticket.company_id.name,
                )
                ticket.activity_schedule(
                    "service_kpi.mail_activity_type_missing_employee",
                    user_id=manager.id,
                    note=note,
                )

    @api.model
    def _overdue_complaint_callbacks(self):
        """The post-complaint callbacks missed: planned after a complaint owed
        a callback (``helpdesk.ticket._complaint_needs_callback``), overdue
        (their due day is over, service_callback's ``is_overdue``), while the
        complaint has no callback made yet
        (``helpdesk.ticket._complaint_callback_done``)."""
        callbacks = (
            self.env["service.callback"]
            .sudo()
            .search(
                [
                    ("callback_type", "=", "complaint"),
                    ("state", "=", "planned"),
                    ("is_overdue", "=", True),
                    ("res_model", "=", "helpdesk.ticket"),
                    ("res_id", "!=", False),
                ],
                order="due_datetime, id",
            )
        )
        complaints = (
            self.env["helpdesk.ticket"]
            .sudo()
            .browse(set(callbacks.mapped("res_id")))
            .exists()
            ._complaint_needs_callback()
        )
        made = complaints._complaint_callback_done()
        return callbacks.filtered(
            lambda c: c.res_id in complaints.ids and not made[c.res_id]
        )

    @api.model
    def _detect_overdue_complaint_callbacks(self, callbacks=None):
        """Propose the penalties of the post-complaint callbacks missed
        (``callbacks``, by default ``_overdue_complaint_callbacks()``), as the
        service rules fine them: when the callback is overdue, 500 for the
        person who owed it (the callback's agent; the complaint's owner when
        it has none) and 300 for that person's department manager, dated the
        day the callback was due. Once per complaint."""
        if callbacks is None:
            callbacks = self._overdue_complaint_callbacks()
        Ticket = self.env["helpdesk.ticket"].sudo()
        missed = {}
        for callback in callbacks:
            complaint = Ticket.browse(callback.res_id)
            if complaint in missed:
                continue
            due_day = self._local_date(callback.company_id, callback.due_datetime)
            missed[complaint] = (
                callback.user_id or complaint.complaint_owner_id,
                due_day,
                {"detection": "callback_overdue", "callback_id": callback.id},
            )
        return self._propose_missed_callback_fines(missed)

    @api.model
    def _cron_detect_missed_callbacks(self):
        """Daily: the complaints whose callback is overdue (the one rule of the
        missed post-complaint callback; closing waits for the callback, so a
        closed complaint needs no second path)."""
        self.env["service.callback"]._cron_flag_overdue()
        self._detect_overdue_complaint_callbacks()
