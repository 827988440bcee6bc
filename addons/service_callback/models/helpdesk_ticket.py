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

    def write(self, vals):
        result = super().write(vals)
        if "stage_id" in vals:
            closed = self.filtered("closed")
            if closed:
                Rule = self.env["service.callback.rule"]
                Rule._plan_for_event("ticket_closed", closed)
                Rule._plan_for_event("special_done", closed)
        return result
