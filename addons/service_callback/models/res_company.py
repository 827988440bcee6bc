# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    callback_technical_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Technical Center Team",
        help="Problems a callback cannot solve become task orders of this team. "
        "Without a team, every Technical Center user gets an activity.",
    )
