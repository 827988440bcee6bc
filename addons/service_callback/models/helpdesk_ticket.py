# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    callback_id = fields.Many2one(
        "service.callback",
        string="Opened From Callback",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )
