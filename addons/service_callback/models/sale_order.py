# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def write(self, vals):
        result = super().write(vals)
        if {"acceptance_date", "installation_date"} & set(vals):
            # the warranty starts: so does the callback programme
            self.env["service.callback.rule"]._plan_for_event(
                "installation", self.filtered("warranty_start_date")
            )
        return result
