# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools.sql import create_index


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _auto_init(self):
        result = super()._auto_init()
        # the anchor of the installation callbacks: looked up by date range
        create_index(
            self.env.cr,
            "sale_order_warranty_start_date_anchor_index",
            self._table,
            ['"warranty_start_date"'],
            where='"warranty_start_date" IS NOT NULL',
        )
        return result

    def write(self, vals):
        result = super().write(vals)
        if {"acceptance_date", "installation_date"} & set(vals):
            # the warranty starts: so does the callback programme
            self.env["service.callback.rule"]._plan_for_event(
                "installation", self.filtered("warranty_start_date")
            )
        return result
