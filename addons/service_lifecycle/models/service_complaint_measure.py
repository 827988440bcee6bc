# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..rules import complaints as complaint_rules
from ..rules.workflow import Transition, TransitionTable

APPROVAL_FIELDS = {"approved_amount", "approved_by_id", "approved_date"}


class ServiceComplaintMeasure(models.Model):
    _name = "service.complaint.measure"
    _description = "Complaint Measure"
    _inherit = ["service.workflow.mixin"]
    _order = "ticket_id, sequence, id"
    _workflow_field = "approval_state"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Complaint",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('request_type', '=', 'complaint')]",
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    kind = fields.Selection(
        [
            ("apology", "Apology"),
            ("compensation", "Compensation"),
            ("improvement", "Improvement"),
        ],
        required=True,
        default="apology",
    )
    name = fields.Char(string="Measure", required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        required=True,
        default=lambda self: self.env.user,
        index=True,
    )
    date_deadline = fields.Date(string="Deadline", required=True)
    date_done = fields.Date(string="Done On", readonly=True, copy=False)
    is_overdue = fields.Boolean(compute="_compute_is_overdue")
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    amount = fields.Monetary(
        string="Compensation", help="Paid or credited to the customer."
    )
    approval_state = fields.Selection(
        [
            ("not_needed", "Not Needed"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
        ],
        compute="_compute_approval_state",
        store=True,
        readonly=False,
        help="Compensations above the company's limit need a service manager's "
        "approval before they are done.",
    )
    approved_amount = fields.Monetary(readonly=True, copy=False)
    approved_by_id = fields.Many2one(
        "res.users", string="Approved By", readonly=True, copy=False
    )
    approved_date = fields.Datetime(string="Approved On", readonly=True, copy=False)
    cost_amount = fields.Monetary(
        string="Cost",
        help="What fixing the problem cost (parts, travel, labour of others).",
    )
    cost_employee_id = fields.Many2one(
        "hr.employee",
        string="Cost Borne By",
        compute="_compute_cost_employee_id",
        store=True,
        readonly=False,
        help="Whoever caused the problem bears the cost of others fixing it: the "
        "complaint's responsible person by default.",
    )
    cost_department_id = fields.Many2one(
        related="cost_employee_id.department_id", store=True, string="Cost Department"
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "amounts_positive",
            "CHECK(amount >= 0 AND cost_amount >= 0)",
            "Compensations and costs cannot be negative.",
        ),
    ]

    @api.depends("date_deadline", "date_done")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for measure in self:
            measure.is_overdue = bool(
                not measure.date_done
                and measure.date_deadline
                and measure.date_deadline < today
            )

    @api.depends("kind", "amount", "currency_id", "approved_amount", "company_id")
    def _compute_approval_state(self):
        for measure in self:
            if measure.kind != "compensation" or not measure._needs_approval():
                measure.approval_state = "not_needed"
            elif measure.approved_by_id and measure.approved_amount >= measure.amount:
                measure.approval_state = "approved"
            else:
                measure.approval_state = "to_approve"

    @api.depends("ticket_id.complaint_employee_id")
    def _compute_cost_employee_id(self):
        for measure in self:
            if not measure.cost_employee_id:
                measure.cost_employee_id = measure.ticket_id.complaint_employee_id

    def _needs_approval(self):
        """Whether the compensation is above the company's limit, compared in
        the company's currency."""
        self.ensure_one()
        company = self.company_id or self.env.company
        amount = self.currency_id._convert(
            self.amount,
            company.currency_id,
            company,
            self.date_deadline or fields.Date.context_today(self),
        )
        return complaint_rules.needs_approval(
            amount, company.complaint_compensation_limit
        )

    # ------------------------------------------------------------------
    # Workflow: the approval of a compensation above the limit
    # ------------------------------------------------------------------
    @api.model
    def _workflow_transitions(self):
        # below the limit (not needed) or waiting (to approve) follow the
        # amount; approving is the service manager's move
        return TransitionTable(
            [
                Transition(
                    "to_approve",
                    "approved",
                    ("service_lifecycle.group_service_manager",),
                    "_check_approved",
                ),
            ]
        )

    @api.model
    def _workflow_initial_steps(self, field=None):
        return {"not_needed", "to_approve"}

    def _check_approved(self):
        """An approval names its approver and covers the amount."""
        short = self.filtered(
            lambda m: not m.approved_by_id or m.approved_amount < m.amount
        )
        if short:
            raise UserError(
                self.env._(
                    "Approve %(measures)s with Approve: the approval records the "
                    "approver and the amount approved.",
                    measures=", ".join(short.mapped("name")),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_approval_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_approval_values(vals)
        if "amount" in vals and any(m.date_done for m in self):
            raise UserError(self.env._("A done compensation cannot change its amount."))
        return super().write(vals)

    @api.model
    def _check_approval_values(self, vals):
        """The approval's values are written only with the approval's move."""
        if (
            APPROVAL_FIELDS & set(vals)
            and vals.get("approval_state") != "approved"
            and not self.env.su
        ):
            raise UserError(
                self.env._(
                    "Only a service manager approves compensations above the limit, "
                    "with Approve."
                )
            )

    def action_approve(self):
        for measure in self.filtered(lambda m: m.approval_state == "to_approve"):
            measure._workflow_move(
                {
                    "approval_state": "approved",
                    "approved_amount": measure.amount,
                    "approved_by_id": self.env.user.id,
                    "approved_date": fields.Datetime.now(),
                }
            )
            measure.ticket_id.message_post(
                body=self.env._(
                    "Compensation %(measure)s of %(amount)s %(currency)s approved.",
                    measure=measure.name,
                    amount=measure.amount,
                    currency=measure.currency_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_done(self):
        waiting = self.filtered(lambda m: m.approval_state == "to_approve")
        if waiting:
            raise UserError(
                self.env._(
                    "Compensation %(measures)s is above the approval limit: a service "
                    "manager must approve it first.",
                    measures=", ".join(waiting.mapped("name")),
                )
            )
        self.filtered(lambda m: not m.date_done).date_done = fields.Date.context_today(
            self
        )
        return True

    def action_reopen(self):
        self.date_done = False
        return True
