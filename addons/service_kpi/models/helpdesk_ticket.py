# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, create_index


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

    @api.model
    def _kpi_complaints_missing_callback(self):
        """Hook: closed complaints owed a callback
        (``_complaint_callback_owed_domain``) that were not called back
        (``_complaint_called_back_sql``: their complaint callback done and
        reaching the customer) within the grace period after the closing
        (``res.company.kpi_callback_grace_days``, 3 days by default).

        One search plus one SQL query for all task orders.
        """
        now = fields.Datetime.now()
        grace_days = (
            self.env["res.company"].sudo().search([]).mapped("kpi_callback_grace_days")
        )
        candidates = self.sudo().search(
            [
                *self._complaint_callback_owed_domain(),
                ("closed_date", "!=", False),
                ("closed_date", "<=", now - timedelta(days=min(grace_days or [3]))),
                ("stage_id.closed", "=", True),
            ]
        )
        if not candidates:
            return candidates
        self.flush_model(["closed_date", "company_id"])
        self.env["res.company"].flush_model(["kpi_callback_grace_days"])
        grace = SQL("make_interval(days => co.kpi_callback_grace_days)")
        rows = self.env.execute_query(
            SQL(
                """
                SELECT t.id
                  FROM helpdesk_ticket t
                  JOIN res_company co ON co.id = t.company_id
                 WHERE t.id = ANY(%s)
                   AND t.closed_date <= %s - %s
                   AND NOT %s
                """,
                candidates.ids,
                now,
                grace,
                self._complaint_called_back_sql(
                    SQL("t.id"), SQL("t.closed_date + %s", grace)
                ),
            )
        )
        return self.browse(row[0] for row in rows)
