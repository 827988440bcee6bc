# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.service_lifecycle.rules.workflow import Transition, TransitionTable
from odoo.exceptions import UserError

from ..rules.kpi_periods import quarter_bounds

MANAGER = "service_kpi.group_kpi_manager"
# new staff are trained within this many days of joining (CONFIGURE.md)
INDUCTION_DAYS = 30


class ServiceTraining(models.Model):
    """A training an employee owes or took: the induction of new staff and
    the quarterly training of every service employee (人员培训: 基础培训,
    每季度一次全员培训). The reminder cron plans the ones that are due."""

    _name = "service.training"
    _description = "Staff Training"
    _inherit = ["mail.thread", "mail.activity.mixin", "service.workflow.mixin"]
    _order = "date_deadline desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Topic",
        tracking=True,
        help="What is taught; the kind of training when left empty.",
    )
    kind = fields.Selection(
        [("induction", "New Staff Induction"), ("quarterly", "Quarterly Training")],
        required=True,
        default="quarterly",
        tracking=True,
    )
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        ondelete="cascade",
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    trainer_id = fields.Many2one(
        "res.users", string="Trainer", domain="[('share', '=', False)]"
    )
    date_planned = fields.Date(string="Planned On")
    date_deadline = fields.Date(
        string="Due By",
        required=True,
        help="The last day of the quarter for a quarterly training, the end of "
        "the first month for an induction.",
    )
    date_done = fields.Date(string="Trained On", readonly=True, copy=False)
    hours = fields.Float(string="Hours")
    content = fields.Text(
        help="Product knowledge, communication with customers, handling "
        "procedures, updates of the products and service skills."
    )
    result = fields.Text(help="How the employee did: test score, remarks.")
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue")

    @api.depends("name", "kind")
    @api.depends_context("lang")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for training in self:
            training.display_name = training.name or kinds.get(training.kind, "")

    @api.depends("state", "date_deadline")
    def _compute_is_overdue(self):
        today = self.env.company._local_day(fields.Datetime.now())
        for training in self:
            training.is_overdue = (
                training.state == "planned" and training.date_deadline < today
            )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    @api.model
    def _workflow_transitions(self):
        return TransitionTable(
            [
                Transition("planned", "done", (MANAGER,), "_check_done"),
                Transition("planned", "cancelled", (MANAGER,)),
                Transition("cancelled", "planned", (MANAGER,)),
            ]
        )

    def _check_done(self):
        missing = self.filtered(lambda t: not t.date_done)
        if missing:
            raise UserError(
                self.env._(
                    "Record the day of the training %(names)s with Done.",
                    names=", ".join(missing.mapped("display_name")),
                )
            )

    def action_done(self):
        today = self.env.company._local_day(fields.Datetime.now())
        self.write({"state": "done", "date_done": today})
        self.activity_feedback(["service_kpi.mail_activity_type_training_due"])
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        self.activity_unlink(["service_kpi.mail_activity_type_training_due"])
        return True

    def action_replan(self):
        self.write({"state": "planned"})
        return True

    # ------------------------------------------------------------------
    # Reminder: the trainings that are due
    # ------------------------------------------------------------------
    @api.model
    def _cron_plan_due_trainings(self):
        """Plan the trainings due in each company and remind whoever organises
        them: every active employee with a user (the service staff who work in
        the suite) owes one quarterly training a quarter,
        and a new employee the induction within INDUCTION_DAYS of joining."""
        for company in self.env["res.company"].search([]):
            self.with_company(company)._plan_due_trainings(company)

    @api.model
    def _plan_due_trainings(self, company):
        today = company._local_day(fields.Datetime.now())
        quarter_start, quarter_end = quarter_bounds(today)
        # the staff who work in the suite: employees with a user
        employees = self.env["hr.employee"].search(
            [("company_id", "=", company.id), ("user_id", "!=", False)]
        )
        existing = self.search(
            [
                ("company_id", "=", company.id),
                ("employee_id", "in", employees.ids),
                ("state", "!=", "cancelled"),
                "|",
                ("kind", "=", "induction"),
                "&",
                ("date_deadline", ">=", quarter_start),
                ("date_deadline", "<=", quarter_end),
            ]
        )
        has = {(t.employee_id.id, t.kind) for t in existing}
        vals_list = []
        for employee in employees:
            if (employee.id, "quarterly") not in has:
                vals_list.append(
                    self._prepare_due_vals(employee, "quarterly", quarter_end)
                )
            joined = company._local_day(employee.create_date)
            if (employee.id, "induction") not in has and joined > today - timedelta(
                days=INDUCTION_DAYS
            ):
                vals_list.append(
                    self._prepare_due_vals(
                        employee, "induction", joined + timedelta(days=INDUCTION_DAYS)
                    )
                )
        trainings = self.sudo().create(vals_list)
        for training in trainings:
            training.activity_schedule(
                "service_kpi.mail_activity_type_training_due",
                date_deadline=training.date_deadline,
                user_id=training._organiser().id,
            )
        return trainings

    @api.model
    def _prepare_due_vals(self, employee, kind, deadline):
        # no topic: the kind names it, in the reader's language
        return {
            "kind": kind,
            "employee_id": employee.id,
            "company_id": employee.company_id.id,
            "date_deadline": deadline,
        }

    def _organiser(self):
        """Who plans the training: the employee's manager, else the head of
        their department, else the employee."""
        self.ensure_one()
        employee = self.employee_id
        return (
            employee.parent_id.user_id
            or employee.department_id.manager_id.user_id
            or employee.user_id
            or self.env.ref("base.user_admin")
        )
