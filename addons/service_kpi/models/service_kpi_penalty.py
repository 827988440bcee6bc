# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.service_lifecycle.rules.workflow import Transition, TransitionTable
from odoo.exceptions import UserError

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
]


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
                Transition("draft", "approved", (KPI_MANAGER,)),
                Transition("draft", "refused", (KPI_MANAGER,)),
                Transition("approved", "draft", (KPI_MANAGER,)),
                Transition("refused", "draft", (KPI_MANAGER,)),
            ]
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
        return fields.Datetime.context_timestamp(
            self.with_context(tz=company.partner_id.tz or "UTC"), moment
        ).date()

    @api.model
    def _in_company_language(self, company):
        """Text written by the crons (run as OdooBot) is read in the company's
        language."""
        return self.with_context(lang=company.partner_id.lang or self.env.lang).env

    @api.model
    def _prepare_missed_callback_vals(self, ticket, employee, kind, date, reason):
        return {
            "kind": kind,
            "employee_id": employee.id,
            "company_id": ticket.company_id.id,
            "date": date,
            "ticket_id": ticket.id,
            "source": "auto",
            "description": reason,
        }

    @api.model
    def _propose_missed_callback_fines(self, missed):
        """``missed``: ``{complaint: (user who owed the callback, date,
        reason)}``. Proposes 500 for that user's employee and 300 for the
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
            user, date, reason = missed[ticket]
            employee = by_user.get((user.id, ticket.company_id.id))
            if not employee:
                unassigned[ticket] = (user, reason)
                continue
            vals_list.append(
                self._prepare_missed_callback_vals(
                    ticket, employee, "missed_callback", date, reason
                )
            )
            manager = employee.department_id.manager_id or employee.parent_id
            if manager and manager != employee:
                vals_list.append(
                    self._prepare_missed_callback_vals(
                        ticket, manager, "missed_callback_manager", date, reason
                    )
                )
        self._ask_kpi_manager_for_employee(unassigned)
        return self.sudo().create(vals_list)

    @api.model
    def _ask_kpi_manager_for_employee(self, unassigned):
        """``unassigned``: ``{complaint: (user, reason)}`` whose fine cannot be
        proposed: the person who owed the callback has no employee record in
        the complaint's company (or nobody owed it). A to-do on the complaint
        for each KPI manager of its company, once."""
        if not unassigned:
            return
        activity_type = self.env.ref(
            "service_kpi.mail_activity_type_missing_employee", raise_if_not_found=False
        )
        managers = self.env.ref("service_kpi.group_kpi_manager").sudo().users
        for ticket, (user, reason) in unassigned.items():
            ticket = ticket.sudo()
            if ticket.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            ):
                continue
            env = self._in_company_language(ticket.company_id)
            note = env._(
                "%(reason)s No fine could be proposed: %(user)s has no employee "
                "record in %(company)s. Create it (or enter the fine by hand).",
                reason=reason,
                user=user.name or env._("nobody"),
                company=ticket.company_id.name,
            )
            for manager in managers.filtered(
                lambda u, ticket=ticket: (
                    ticket.company_id in u.company_ids and not u.share and u.active
                )
            ):
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
                self._in_company_language(complaint.company_id)._(
                    "The callback %(callback)s of complaint %(complaint)s was due "
                    "on %(date)s and was not made.",
                    callback=callback.name,
                    complaint=complaint.display_name,
                    date=due_day,
                ),
            )
        return self._propose_missed_callback_fines(missed)

    @api.model
    def _cron_detect_missed_callbacks(self):
        """Daily: the complaints whose callback is overdue (the one rule of the
        missed post-complaint callback; closing waits for the callback, so a
        closed complaint needs no second path)."""
        self.env["service.callback"]._cron_flag_overdue()
        self._detect_overdue_complaint_callbacks()
