# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules import kpi_formulas


class ServiceKpiTemplate(models.Model):
    """How a role or department is appraised: weighted indicators plus the
    weights of the self, supervisor and customer evaluations."""

    _name = "service.kpi.template"
    _description = "Appraisal Template"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    department_id = fields.Many2one(
        "hr.department",
        check_company=True,
        help="Appraise the employees of this department (and its sub-departments).",
    )
    job_id = fields.Many2one(
        "hr.job",
        string="Role",
        check_company=True,
        help="Appraise the employees in this job position.",
    )
    line_ids = fields.One2many(
        "service.kpi.template.line", "template_id", string="Indicators", copy=True
    )
    indicator_weight = fields.Float(
        string="Indicator Share (%)",
        default=50.0,
        help="Share of the indicator score in the final score; the rest comes "
        "from the self, supervisor and customer evaluations.",
    )
    self_weight = fields.Float(string="Self (%)", default=30.0)
    supervisor_weight = fields.Float(string="Supervisor (%)", default=40.0)
    customer_weight = fields.Float(string="Customer (%)", default=30.0)
    weight_total = fields.Float(
        string="Evaluation Total (%)", compute="_compute_weight_total"
    )

    @api.depends("self_weight", "supervisor_weight", "customer_weight")
    def _compute_weight_total(self):
        for template in self:
            template.weight_total = (
                template.self_weight
                + template.supervisor_weight
                + template.customer_weight
            )

    @api.constrains(
        "self_weight", "supervisor_weight", "customer_weight", "indicator_weight"
    )
    def _check_weights(self):
        for template in self:
            weights = (
                template.self_weight,
                template.supervisor_weight,
                template.customer_weight,
            )
            if any(weight < 0 for weight in weights) or not (
                0.0 <= template.indicator_weight <= 100.0
            ):
                raise ValidationError(
                    self.env._(
                        "Template %s: weights cannot be negative and the indicator "
                        "share must be between 0 and 100%%.",
                        template.name,
                    )
                )
            if not kpi_formulas.weights_sum_to_100(*weights):
                raise ValidationError(
                    self.env._(
                        "Template %(name)s: the self, supervisor and customer "
                        "weights add up to %(total)s%%; change them so that they "
                        "add up to 100%%.",
                        name=template.name,
                        total=round(sum(weights), 2),
                    )
                )

    def _employee_domain(self):
        self.ensure_one()
        domain = [("company_id", "=", self.company_id.id)]
        if self.department_id:
            domain.append(("department_id", "child_of", self.department_id.id))
        if self.job_id:
            domain.append(("job_id", "=", self.job_id.id))
        return domain
