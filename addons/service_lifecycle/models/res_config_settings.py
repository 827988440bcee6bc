# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    contract_review_required = fields.Boolean(
        related="company_id.contract_review_required", readonly=False
    )
    cost_analysis_threshold = fields.Monetary(
        related="company_id.cost_analysis_threshold",
        currency_field="currency_id",
        readonly=False,
    )
