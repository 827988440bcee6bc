# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    service_duplicate_days = fields.Integer(
        related="company_id.service_duplicate_days", readonly=False
    )
    service_at_risk_share = fields.Float(
        related="company_id.service_at_risk_share", readonly=False
    )
    service_escalation_user_id = fields.Many2one(
        related="company_id.service_escalation_user_id", readonly=False
    )
    service_warranty_policy_id = fields.Many2one(
        related="company_id.service_warranty_policy_id", readonly=False
    )
    service_escalation_hours = fields.Float(
        related="company_id.service_escalation_hours", readonly=False
    )
    service_escalation_clock = fields.Selection(
        related="company_id.service_escalation_clock", readonly=False
    )
    service_labour_product_id = fields.Many2one(
        related="company_id.service_labour_product_id", readonly=False
    )
    complaint_compensation_limit = fields.Monetary(
        related="company_id.complaint_compensation_limit",
        currency_field="currency_id",
        readonly=False,
    )
    complaint_repeat_threshold = fields.Integer(
        related="company_id.complaint_repeat_threshold", readonly=False
    )
    complaint_rework_threshold = fields.Integer(
        related="company_id.complaint_rework_threshold", readonly=False
    )

    contract_review_required = fields.Boolean(
        related="company_id.contract_review_required", readonly=False
    )
    cost_analysis_threshold = fields.Monetary(
        related="company_id.cost_analysis_threshold",
        currency_field="currency_id",
        readonly=False,
    )
