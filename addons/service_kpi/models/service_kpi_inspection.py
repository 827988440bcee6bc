# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class ServiceKpiInspection(models.Model):
    """A spot check of someone's work: a call recording listened to, a contract
    file checked or a service report audited. The findings' score impacts count
    in the employee's appraisal for the period once the check is done."""

    _name = "service.kpi.inspection"
    _description = "Spot Check"
    _inherit = ["mail.thread"]
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

    def action_done(self):
        if any(inspection.state != "draft" for inspection in self):
            raise UserError(self.env._("This spot check is already done."))
        self.write({"state": "done"})

    def action_draft(self):
        self.write({"state": "draft"})
