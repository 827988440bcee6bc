# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Task Order",
        index="btree_not_null",
        copy=False,
        help="The after-sales task order this repair comes from.",
    )

    @api.readonly
    def action_view_ticket(self):
        self.ensure_one()
        return self.ticket_id._get_form_action()
