# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.service_lifecycle.rules.workflow import Transition, TransitionTable
from odoo.exceptions import UserError

MANAGER = "service_kpi.group_kpi_manager"
ANSWER_FIELDS = {"answer", "answered_by_id", "answer_date"}


class ServiceStaffSuggestion(models.Model):
    """The staff suggestion box (员工反馈机制, 鼓励员工提出改进建议): an
    employee submits a suggestion, a manager answers it (adopted or not) and
    the employee reads the answer in the thread."""

    _name = "service.staff.suggestion"
    _description = "Staff Suggestion"
    _inherit = ["mail.thread", "mail.activity.mixin", "service.workflow.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Subject", required=True, tracking=True)
    description = fields.Text(string="Suggestion", required=True)
    topic = fields.Selection(
        [
            ("service", "Customer Service"),
            ("product", "Products"),
            ("process", "Procedures"),
            ("training", "Training"),
            ("other", "Other"),
        ],
        required=True,
        default="service",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Submitted By",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        index=True,
    )
    employee_id = fields.Many2one(
        "hr.employee",
        compute="_compute_employee_id",
        store=True,
        index=True,
        check_company=True,
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [
            ("submitted", "Submitted"),
            ("adopted", "Adopted"),
            ("declined", "Not Adopted"),
        ],
        default="submitted",
        required=True,
        tracking=True,
    )
    answer = fields.Text(tracking=True)
    answered_by_id = fields.Many2one(
        "res.users", string="Answered By", readonly=True, copy=False
    )
    answer_date = fields.Datetime(string="Answered On", readonly=True, copy=False)
    is_manager = fields.Boolean(compute="_compute_is_manager")

    @api.depends_context("uid")
    def _compute_is_manager(self):
        self.is_manager = self.env.user.has_group(MANAGER)

    @api.depends("user_id", "company_id")
    def _compute_employee_id(self):
        for suggestion in self:
            suggestion.employee_id = suggestion.user_id.employee_ids.filtered(
                lambda e, c=suggestion.company_id: e.company_id == c
            )[:1]

    # ------------------------------------------------------------------
    # Workflow: a manager answers
    # ------------------------------------------------------------------
    @api.model
    def _workflow_transitions(self):
        return TransitionTable(
            [
                Transition("submitted", "adopted", (MANAGER,), "_check_answered"),
                Transition("submitted", "declined", (MANAGER,), "_check_answered"),
            ]
        )

    def _check_answered(self):
        unanswered = self.filtered(lambda s: not (s.answer or "").strip())
        if unanswered:
            raise UserError(
                self.env._(
                    "Write the answer to %(names)s before adopting or declining it.",
                    names=", ".join(unanswered.mapped("name")),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_answer_values(vals, answering=False)
        return super().create(vals_list)

    def write(self, vals):
        answering = vals.get("state") in ("adopted", "declined")
        self._check_answer_values(vals, answering)
        if not self.env.su and not answering and set(vals) - ANSWER_FIELDS:
            answered = self.filtered(lambda s: s.state != "submitted")
            if answered:
                raise UserError(self.env._("An answered suggestion cannot be changed."))
        return super().write(vals)

    @api.model
    def _check_answer_values(self, vals, answering):
        """The answer is a manager's: written by a KPI manager, or with the
        answer's move."""
        if (
            ANSWER_FIELDS & set(vals)
            and not answering
            and not self.env.su
            and not self.env.user.has_group(MANAGER)
        ):
            raise UserError(self.env._("Only a manager answers suggestions."))

    def _answer(self, state):
        self.write(
            {
                "state": state,
                "answered_by_id": self.env.user.id,
                "answer_date": fields.Datetime.now(),
            }
        )
        for suggestion in self:
            suggestion.message_post(
                body=suggestion.answer,
                subtype_xmlid="mail.mt_comment",
                partner_ids=suggestion.user_id.partner_id.ids,
            )
        return True

    def action_adopt(self):
        return self._answer("adopted")

    def action_decline(self):
        return self._answer("declined")
