# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    callback_done_date = fields.Datetime(
        string="Repaired On",
        readonly=True,
        copy=False,
        help="When the repair was finished; the callback after the repair is "
        "counted from it.",
    )

    def action_repair_done(self):
        result = super().action_repair_done()
        done = self.filtered(lambda r: r.state == "done" and not r.callback_done_date)
        if done:
            done.callback_done_date = fields.Datetime.now()
            self.env["service.callback.rule"]._plan_for_event("repair_done", done)
        return result
