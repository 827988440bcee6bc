# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import create_index


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    def init(self):
        res = super().init()
        # The monthly indicators scan task orders by company and by the day they
        # were received or closed.
        for column in ("create_date", "received_date", "closed_date"):
            create_index(
                self.env.cr,
                f"helpdesk_ticket_company_{column}_index",
                self._table,
                ["company_id", column],
            )
        return res
