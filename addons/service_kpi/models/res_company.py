# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    kpi_bonus_threshold = fields.Float(
        string="Quality Bonus Above (%)",
        default=90.0,
        help="A result strictly above this earns the quality bonus.",
    )
    kpi_criticism_threshold = fields.Float(
        string="Criticism Below (%)",
        default=70.0,
        help="A result strictly below this means criticism and a bonus cut.",
    )
    kpi_no_bonus_threshold = fields.Float(
        string="No Bonus Below (%)",
        default=50.0,
        help="A result strictly below this means no bonus and a transfer review.",
    )
    kpi_tier_basis = fields.Selection(
        [
            ("customer", "Customer Satisfaction"),
            ("final", "Final Appraisal Score"),
        ],
        string="Tier Based On",
        default="customer",
        required=True,
        help="Customer satisfaction: the share of satisfied customers among the "
        "person's rated callbacks (the final score when none was rated).",
    )
    kpi_quality_bonus = fields.Monetary(
        string="Quality Bonus",
        currency_field="currency_id",
        help="Amount paid with the quality bonus tier.",
    )
    kpi_bonus_cut_percent = fields.Float(
        string="Bonus Cut (%)",
        default=50.0,
        help="Share of the bonus withheld in the criticism tier.",
    )

    @api.constrains(
        "kpi_bonus_threshold", "kpi_criticism_threshold", "kpi_no_bonus_threshold"
    )
    def _check_kpi_thresholds(self):
        for company in self:
            if not (
                0.0
                <= company.kpi_no_bonus_threshold
                <= company.kpi_criticism_threshold
                <= company.kpi_bonus_threshold
                <= 100.0
            ):
                raise ValidationError(
                    self.env._(
                        "The appraisal thresholds must go up from 'no bonus' to "
                        "'criticism' to 'quality bonus', between 0 and 100."
                    )
                )
