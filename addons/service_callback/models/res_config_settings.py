# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    callback_technical_team_id = fields.Many2one(
        related="company_id.callback_technical_team_id", readonly=False
    )
