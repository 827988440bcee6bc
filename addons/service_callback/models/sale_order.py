# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # the anchor of the installation callbacks: looked up by date range
    warranty_start_date = fields.Date(index="btree_not_null")

    def write(self, vals):
        result = super().write(vals)
        if {"acceptance_date", "installation_date"} & set(vals):
            # the warranty starts: so does the callback programme
            self.env["service.callback.rule"]._plan_for_event(
                "installation", self.filtered("warranty_start_date")
            )
        return result
