# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    kpi_bonus_threshold = fields.Float(
        related="company_id.kpi_bonus_threshold", readonly=False
    )
    kpi_criticism_threshold = fields.Float(
        related="company_id.kpi_criticism_threshold", readonly=False
    )
    kpi_no_bonus_threshold = fields.Float(
        related="company_id.kpi_no_bonus_threshold", readonly=False
    )
    kpi_tier_basis = fields.Selection(
        related="company_id.kpi_tier_basis", readonly=False
    )
    kpi_quality_bonus = fields.Monetary(
        related="company_id.kpi_quality_bonus", readonly=False
    )
    kpi_bonus_cut_percent = fields.Float(
        related="company_id.kpi_bonus_cut_percent", readonly=False
    )
