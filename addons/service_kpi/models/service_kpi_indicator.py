# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ServiceKpiIndicator(models.Model):
    """A service quality indicator: what is measured, in which unit, and the target."""

    _name = "service.kpi.indicator"
    _description = "Service Indicator"
    _order = "sequence, code"

    sequence = fields.Integer(default=10)
    code = fields.Char(
        required=True, help="Short unique code used in formulas and exports."
    )
    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    unit = fields.Selection(
        [
            ("percent", "Percent"),
            ("hours", "Hours"),
            ("days", "Days"),
            ("count", "Count"),
            ("score", "Score"),
        ],
        required=True,
        default="percent",
    )
    better_when = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        required=True,
        default="higher",
    )
    target = fields.Float(help="The value the department aims at.")
    description = fields.Text(
        string="How It Is Computed",
        translate=True,
        help="The definition and formula of the indicator, shown to appraised staff.",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "UNIQUE(code, company_id)",
            "An indicator with this code already exists in this company.",
        ),
    ]
