# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ServiceKpiTemplateLine(models.Model):
    _name = "service.kpi.template.line"
    _description = "Appraisal Template Indicator"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "service.kpi.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    indicator_id = fields.Many2one(
        "service.kpi.indicator", required=True, ondelete="restrict"
    )
    weight = fields.Float(
        default=1.0,
        help="Relative weight of the indicator in the indicator score; indicators "
        "without data in the period are left out and the others reweighted.",
    )

    _sql_constraints = [
        (
            "weight_positive",
            "CHECK(weight > 0)",
            "An indicator weight must be positive.",
        ),
        (
            "indicator_uniq",
            "UNIQUE(template_id, indicator_id)",
            "An indicator appears once per template.",
        ),
    ]
