# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.service_lifecycle.rules.workflow import Transition, TransitionTable

from .service_kpi_appraisal import KPI_MANAGER


class ServiceKpiInspection(models.Model):
    """A spot check of someone's work: a call recording listened to, a contract
    file checked or a service report audited. The findings' score impacts count
    in the employee's appraisal for the period once the check is done."""

    _name = "service.kpi.inspection"
    _description = "Spot Check"
    _inherit = ["mail.thread", "service.workflow.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Subject",
        required=True,
        help="What was checked, e.g. the call or the contract number.",
    )
    kind = fields.Selection(
        [
            ("call_recording", "Call Recording Review"),
            ("contract_file", "Contract File Check"),
            ("service_report", "Service Report Audit"),
        ],
        required=True,
        default="call_recording",
        tracking=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    employee_id = fields.Many2one(
        "hr.employee",
        string="Employee Checked",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, string="Department"
    )
    inspector_id = fields.Many2one(
        "res.users",
        string="Inspector",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done")],
        default="draft",
        required=True,
        tracking=True,
    )
    finding_ids = fields.One2many(
        "service.kpi.inspection.finding", "inspection_id", string="Findings"
    )
    score_impact = fields.Float(
        compute="_compute_score_impact",
        store=True,
        digits=(16, 2),
        help="Sum of the findings' impacts on the appraisal score.",
    )
    note = fields.Html()

    @api.depends("finding_ids.score_impact")
    def _compute_score_impact(self):
        for inspection in self:
            inspection.score_impact = sum(inspection.finding_ids.mapped("score_impact"))

    @api.model
    def _workflow_transitions(self):
        """A KPI manager marks the spot check done (its findings then count in
        the appraisal) or sets it back to draft."""
        return TransitionTable(
            [
                Transition("draft", "done", (KPI_MANAGER,)),
                Transition("done", "draft", (KPI_MANAGER,)),
            ]
        )

    def action_done(self):
        self.write({"state": "done"})

    def action_draft(self):
        self.write({"state": "draft"})
