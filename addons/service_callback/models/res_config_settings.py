# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    callback_technical_team_id = fields.Many2one(
        related="company_id.callback_technical_team_id", readonly=False
    )
    callback_contact_windows = fields.Char(
        related="company_id.callback_contact_windows", readonly=False
    )
    callback_plan_horizon_days = fields.Integer(
        related="company_id.callback_plan_horizon_days", readonly=False
    )
    callback_plan_catchup_days = fields.Integer(
        related="company_id.callback_plan_catchup_days", readonly=False
    )
