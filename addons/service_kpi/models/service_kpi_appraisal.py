# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.addons.service_lifecycle.rules.figures import ratio
from odoo.addons.service_lifecycle.rules.workflow import Transition, TransitionTable
from odoo.exceptions import UserError, ValidationError

from ..rules import kpi_formulas, kpi_periods
from .service_kpi_value import PERIOD_TYPES

# The tiers kpi_formulas.result_tier returns, with their labels.
TIERS = [
    (kpi_formulas.TIER_BONUS, "Quality Bonus"),
    (kpi_formulas.TIER_STANDARD, "Standard"),
    (kpi_formulas.TIER_CRITICISM, "Criticism and Bonus Cut"),
    (kpi_formulas.TIER_NO_BONUS, "No Bonus, Transfer Review"),
]
# What the appraised employee fills in, and what their supervisor fills in.
SELF_FIELDS = {"self_score", "self_comment"}
SUPERVISOR_FIELDS = {"supervisor_score", "supervisor_comment"}
# Fields the chatter may still write on a locked appraisal.
LOCK_FREE_FIELDS = {"message_main_attachment_id", "message_follower_ids"}
KPI_USER = "service_kpi.group_kpi_user"
KPI_MANAGER = "service_kpi.group_kpi_manager"


class ServiceKpiAppraisal(models.Model):
    """The appraisal of one employee for one period.

    Final score = indicator share * indicator score + (1 - share) * (self *
    self weight + supervisor * supervisor weight + customer * customer weight),
    plus the spot-check adjustments; the tier follows the company thresholds.
    """

    _name = "service.kpi.appraisal"
    _description = "Appraisal"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "service.input.mixin",
        "service.workflow.mixin",
    ]
    _order = "date_from desc, employee_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        related="employee_id.user_id", store=True, string="Employee's User"
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, string="Department"
    )
    manager_id = fields.Many2one(
        related="employee_id.parent_id", store=True, string="Supervisor"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    template_id = fields.Many2one(
        "service.kpi.template", required=True, check_company=True
    )
    period_type = fields.Selection(PERIOD_TYPES, required=True, default="month")
    date_from = fields.Date(
        string="Period Start",
        required=True,
        help="First day of the month, quarter or year appraised.",
    )
    date_to = fields.Date(string="Period End", compute="_compute_date_to", store=True)
    period = fields.Char(compute="_compute_date_to", store=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("self_assessed", "Self-Assessed"),
            ("reviewed", "Reviewed"),
            ("approved", "Approved"),
            ("locked", "Locked"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many(
        "service.kpi.appraisal.line", "appraisal_id", string="Indicators"
    )
    indicator_score = fields.Float(
        compute="_compute_indicator_score", store=True, digits=(16, 2)
    )
    has_indicator_score = fields.Boolean(compute="_compute_indicator_score", store=True)
    self_score = fields.Float(digits=(16, 2), help="0 to 100, entered by the employee.")
    self_comment = fields.Text()
    supervisor_score = fields.Float(
        digits=(16, 2), help="0 to 100, entered by the supervisor.", tracking=True
    )
    supervisor_comment = fields.Text()
    customer_score = fields.Float(
        digits=(16, 2),
        readonly=True,
        help="Share of satisfied customers among the employee's rated callbacks "
        "and scored customer surveys in the period.",
    )
    customer_rated_count = fields.Integer(string="Rated Callbacks", readonly=True)
    customer_satisfied_count = fields.Integer(
        string="Satisfied Callbacks", readonly=True
    )
    inspection_adjustment = fields.Float(
        string="Spot-Check Adjustment",
        digits=(16, 2),
        readonly=True,
        help="Sum of the score impacts of the findings of the done spot checks "
        "of the employee in the period.",
    )
    review_adjustment = fields.Float(
        string="Review Marks Adjustment",
        digits=(16, 2),
        readonly=True,
        help="Points for the commendations, less those for the criticisms, of "
        "the employee's callback reports signed off in the period.",
    )
    final_score = fields.Float(
        compute="_compute_final_score", store=True, digits=(16, 2), tracking=True
    )
    tier_score = fields.Float(
        string="Tier Basis", compute="_compute_final_score", store=True, digits=(16, 2)
    )
    tier = fields.Selection(TIERS, compute="_compute_final_score", store=True)
    self_weight = fields.Float(related="template_id.self_weight")
    supervisor_weight = fields.Float(related="template_id.supervisor_weight")
    customer_weight = fields.Float(related="template_id.customer_weight")
    indicator_weight = fields.Float(related="template_id.indicator_weight")
    is_appraised = fields.Boolean(compute="_compute_roles")
    is_supervisor = fields.Boolean(compute="_compute_roles")

    _sql_constraints = [
        (
            "employee_period_uniq",
            "UNIQUE(employee_id, period_type, date_from)",
            "An employee has one appraisal per period.",
        ),
        (
            "self_score_range",
            "CHECK(self_score >= 0 AND self_score <= 100)",
            "The self score must be between 0 and 100.",
        ),
        (
            "supervisor_score_range",
            "CHECK(supervisor_score >= 0 AND supervisor_score <= 100)",
            "The supervisor score must be between 0 and 100.",
        ),
    ]

    @api.depends("employee_id.name", "period")
    def _compute_name(self):
        for appraisal in self:
            appraisal.name = (
                f"{appraisal.employee_id.name or ''} {appraisal.period or ''}"
            )

    @api.depends("period_type", "date_from")
    def _compute_date_to(self):
        for appraisal in self:
            if appraisal.period_type and appraisal.date_from:
                dates = kpi_periods.period_bounds(
                    appraisal.period_type, appraisal.date_from
                )
                appraisal.date_to = dates[1]
                appraisal.period = kpi_periods.period_label(
                    appraisal.period_type, dates[0]
                )
            else:
                appraisal.date_to = appraisal.period = False

    @api.depends("line_ids.score", "line_ids.weight", "line_ids.has_data")
    def _compute_indicator_score(self):
        for appraisal in self:
            score = kpi_formulas.weighted_score(
                (line.score if line.has_data else None, line.weight)
                for line in appraisal.line_ids
            )
            appraisal.has_indicator_score = score is not None
            appraisal.indicator_score = score or 0.0

    @api.depends(
        "indicator_score",
        "has_indicator_score",
        "self_score",
        "supervisor_score",
        "customer_score",
        "customer_rated_count",
        "inspection_adjustment",
        "review_adjustment",
        "template_id.indicator_weight",
        "template_id.self_weight",
        "template_id.supervisor_weight",
        "template_id.customer_weight",
    )
    def _compute_final_score(self):
        for appraisal in self:
            template = appraisal.template_id
            company = appraisal.company_id
            final = kpi_formulas.combine_scores(
                appraisal.indicator_score if appraisal.has_indicator_score else None,
                appraisal.self_score,
                appraisal.supervisor_score,
                appraisal.customer_score if appraisal.customer_rated_count else None,
                indicator_weight=template.indicator_weight,
                self_weight=template.self_weight,
                supervisor_weight=template.supervisor_weight,
                customer_weight=template.customer_weight,
                adjustment=appraisal.inspection_adjustment
                + appraisal.review_adjustment,
            )
            basis = final
            if company.kpi_tier_basis == "customer" and appraisal.customer_rated_count:
                basis = appraisal.customer_score
            appraisal.final_score = final
            appraisal.tier_score = basis
            appraisal.tier = kpi_formulas.result_tier(
                basis,
                company.kpi_bonus_threshold,
                company.kpi_criticism_threshold,
                company.kpi_no_bonus_threshold,
            )

    @api.depends_context("uid")
    @api.depends("employee_id")
    def _compute_roles(self):
        user = self.env.user
        for appraisal in self:
            appraisal.is_appraised = appraisal.employee_id.user_id == user
            appraisal.is_supervisor = appraisal._is_supervisor(user)

    @api.constrains("template_id", "employee_id", "company_id")
    def _check_template_company(self):
        for appraisal in self:
            if appraisal.template_id.company_id != appraisal.company_id:
                raise ValidationError(
                    self.env._(
                        "The template of appraisal %s belongs to another company.",
                        appraisal.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_input_values(vals)
            if vals.get("date_from"):
                vals["date_from"] = kpi_periods.period_bounds(
                    vals.get("period_type", "month"),
                    fields.Date.to_date(vals["date_from"]),
                )[0]
        return super().create(vals_list)

    def write(self, vals):
        self._check_input_values(vals)
        self._ensure_writable(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(appraisal.state != "draft" for appraisal in self):
            raise UserError(
                self.env._("Only draft appraisals can be deleted; reset it first.")
            )

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------
    def _is_supervisor(self, user):
        """The user manages the employee: up the manager chain, or as the
        manager of the employee's department."""
        self.ensure_one()
        employee = self.employee_id.sudo()
        if employee.department_id.manager_id.user_id == user:
            return True
        manager, seen = employee.parent_id, set()
        while manager and manager.id not in seen:
            if manager.user_id == user:
                return True
            seen.add(manager.id)
            manager = manager.parent_id
        return False

    def _is_kpi_manager(self):
        return self.env.su or self.env.user.has_group("service_kpi.group_kpi_manager")

    def _ensure_writable(self, vals):
        if set(vals) - LOCK_FREE_FIELDS and any(a.state == "locked" for a in self):
            raise UserError(
                self.env._("A locked appraisal cannot be changed any more.")
            )
        if self._is_kpi_manager():
            return
        fields_written = set(vals)
        for appraisal in self:
            if fields_written & SELF_FIELDS and not (
                appraisal.employee_id.user_id == self.env.user
                and appraisal.state == "draft"
            ):
                raise UserError(
                    self.env._(
                        "Only %(employee)s can enter their self-assessment, and only "
                        "while appraisal %(name)s is a draft.",
                        employee=appraisal.employee_id.name,
                        name=appraisal.name,
                    )
                )
            if fields_written & SUPERVISOR_FIELDS and not (
                appraisal._is_supervisor(self.env.user)
                and appraisal.state == "self_assessed"
            ):
                raise UserError(
                    self.env._(
                        "Only the supervisor of %(employee)s can score appraisal "
                        "%(name)s, once the employee has assessed themselves.",
                        employee=appraisal.employee_id.name,
                        name=appraisal.name,
                    )
                )
        # the state moves are checked by the workflow (service.workflow.mixin)
        if (
            fields_written
            - SELF_FIELDS
            - SUPERVISOR_FIELDS
            - LOCK_FREE_FIELDS
            - {"state"}
        ):
            raise UserError(
                self.env._(
                    "Only KPI managers can change an appraisal's employee, period, "
                    "template or results."
                )
            )

    def _ensure_kpi_manager(self):
        if not self._is_kpi_manager():
            raise UserError(self.env._("Only KPI managers can do this."))

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    @api.model
    def _workflow_transitions(self):
        """The employee assesses themselves, their supervisor reviews, a KPI
        manager approves and locks; a KPI manager resets an appraisal that
        is not locked."""
        return TransitionTable(
            [
                Transition(
                    "draft", "self_assessed", (KPI_USER,), "_ensure_self_assessor"
                ),
                Transition(
                    "self_assessed", "reviewed", (KPI_USER,), "_ensure_reviewer"
                ),
                Transition("reviewed", "approved", (KPI_MANAGER,)),
                Transition("approved", "locked", (KPI_MANAGER,)),
                *(
                    Transition(state, "draft", (KPI_MANAGER,))
                    for state in ("self_assessed", "reviewed", "approved")
                ),
            ]
        )

    def _ensure_self_assessor(self):
        """Only the appraised employee (or a KPI manager) submits the
        self-assessment."""
        for appraisal in self:
            if not (appraisal.is_appraised or self._is_kpi_manager()):
                raise UserError(
                    self.env._(
                        "Only %s can submit their self-assessment.",
                        appraisal.employee_id.name,
                    )
                )

    def _ensure_reviewer(self):
        """Reviewed by the employee's supervisor (or a KPI manager), with the
        supervisor's comment."""
        for appraisal in self:
            if not (appraisal.is_supervisor or self._is_kpi_manager()):
                raise UserError(
                    self.env._(
                        "Only the supervisor of %s can review this appraisal.",
                        appraisal.employee_id.name,
                    )
                )
            if not appraisal.supervisor_comment:
                raise UserError(
                    self.env._(
                        "Write the supervisor's comment on appraisal %s before "
                        "marking it reviewed.",
                        appraisal.name,
                    )
                )

    def _workflow_after_moves(self, moves):
        result = super()._workflow_after_moves(moves)
        self._activity_update()
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_compute(self):
        self._ensure_kpi_manager()
        self._compute_scores()

    def action_submit_self(self):
        self.write({"state": "self_assessed"})

    def action_review(self):
        self.write({"state": "reviewed"})

    def action_approve(self):
        self.write({"state": "approved"})

    def action_lock(self):
        self.write({"state": "locked"})

    def action_reset_draft(self):
        self.write({"state": "draft"})

    def action_print(self):
        return self.env.ref("service_kpi.service_kpi_appraisal_report").report_action(
            self
        )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _supervisor_user(self):
        """Who reviews: the employee's manager, else the department manager."""
        self.ensure_one()
        employee = self.employee_id.sudo()
        return employee.parent_id.user_id or employee.department_id.manager_id.user_id

    def _activity_update(self):
        """To-dos follow the state: the employee assesses themselves, then the
        supervisor reviews; a step done closes its to-do."""
        self_type = "service_kpi.mail_activity_type_self_assessment"
        review_type = "service_kpi.mail_activity_type_review"
        appraisals = self.sudo()
        appraisals.filtered(lambda a: a.state != "draft").activity_feedback([self_type])
        appraisals.filtered(lambda a: a.state != "self_assessed").activity_unlink(
            [review_type]
        )
        for appraisal in appraisals:
            if appraisal.state == "draft":
                user = appraisal.user_id
                activity_type = self_type
            elif appraisal.state == "self_assessed":
                user = appraisal._supervisor_user()
                activity_type = review_type
            else:
                continue
            if user and user._has_group("service_kpi.group_kpi_user"):
                appraisal.activity_schedule(activity_type, user_id=user.id)

    def _compute_scores(self):
        """Indicator lines from the value snapshots, customer score from the
        callback ratings and the spot-check adjustment: one query each for the
        whole recordset, then one batch create of lines."""
        if any(appraisal.state == "locked" for appraisal in self):
            raise UserError(
                self.env._("A locked appraisal cannot be changed any more.")
            )
        values = self._get_indicator_values()
        ratings = self._get_customer_ratings()
        adjustments = self._get_inspection_adjustments()
        self.line_ids.unlink()
        line_vals = []
        for appraisal in self:
            for template_line in appraisal.template_id.line_ids:
                value = values.get((appraisal.id, template_line.indicator_id.id))
                line_vals.append(appraisal._prepare_line_vals(template_line, value))
        self.env["service.kpi.appraisal.line"].create(line_vals)
        for appraisal in self:
            satisfied, rated = ratings.get(appraisal.id, (0, 0))
            appraisal.write(
                {
                    "customer_rated_count": rated,
                    "customer_satisfied_count": satisfied,
                    "customer_score": ratio(satisfied, rated) or 0.0,
                    "inspection_adjustment": adjustments.get(appraisal.id, 0.0),
                }
            )

    def _prepare_line_vals(self, template_line, value):
        self.ensure_one()
        indicator = template_line.indicator_id
        return {
            "appraisal_id": self.id,
            "indicator_id": indicator.id,
            "weight": template_line.weight,
            "value_id": value.id if value else False,
            "has_data": bool(value and value.has_data),
            "value": value.value if value else 0.0,
            "target": indicator.target,
        }

    def _get_indicator_values(self):
        """{(appraisal id, indicator id): employee-level value} in one query."""
        indicators = self.template_id.line_ids.indicator_id
        found = (
            self.env["service.kpi.value"]
            .sudo()
            .search_fetch(
                [
                    ("level", "=", "employee"),
                    ("employee_id", "in", self.employee_id.ids),
                    ("indicator_id", "in", indicators.ids),
                    ("period_type", "in", list(set(self.mapped("period_type")))),
                    ("date_from", "in", list(set(self.mapped("date_from")))),
                ],
                [
                    "employee_id",
                    "indicator_id",
                    "period_type",
                    "date_from",
                    "has_data",
                    "value",
                ],
            )
        )
        by_key = {
            (v.employee_id.id, v.period_type, v.date_from, v.indicator_id.id): v
            for v in found
        }
        return {
            (appraisal.id, indicator.id): by_key.get(
                (
                    appraisal.employee_id.id,
                    appraisal.period_type,
                    appraisal.date_from,
                    indicator.id,
                )
            )
            for appraisal in self
            for indicator in indicators
        }

    def _get_inspection_adjustments(self):
        """{appraisal id: sum of score impacts} of the done spot checks of the
        employee in the period, in one grouped query."""
        if not self:
            return {}
        groups = (
            self.env["service.kpi.inspection"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", self.employee_id.ids),
                    ("state", "=", "done"),
                    ("date", ">=", min(self.mapped("date_from"))),
                    ("date", "<=", max(self.mapped("date_to"))),
                ],
                ["employee_id", "date:day"],
                ["score_impact:sum"],
            )
        )
        result = defaultdict(float)
        for appraisal in self:
            for employee, day, impact in groups:
                if (
                    employee == appraisal.employee_id
                    and appraisal.date_from <= day <= appraisal.date_to
                ):
                    result[appraisal.id] += impact
        return result

    @api.model
    def _generate(self, templates, period_type, day):
        """Create the missing appraisals of the templates' employees for the
        period and compute them."""
        date_from = kpi_periods.period_bounds(period_type, day)[0]
        Employee = self.env["hr.employee"].sudo()
        vals_list, seen = [], set()
        existing = self.sudo().search_fetch(
            [("period_type", "=", period_type), ("date_from", "=", date_from)],
            ["employee_id"],
        )
        seen.update(existing.employee_id.ids)
        for template in templates:
            for employee in Employee.search(template._employee_domain()):
                if employee.id in seen:
                    continue
                seen.add(employee.id)
                vals_list.append(
                    {
                        "employee_id": employee.id,
                        "template_id": template.id,
                        "company_id": template.company_id.id,
                        "period_type": period_type,
                        "date_from": date_from,
                    }
                )
        appraisals = self.sudo().create(vals_list)
        appraisals._compute_scores()
        appraisals._activity_update()
        return appraisals
