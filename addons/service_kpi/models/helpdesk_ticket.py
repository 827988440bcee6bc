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
    def _kpi_complaint_domain(self):
        """Hook: the complaints that are owed a callback after closing.

        Complaints (request type *Complaint*), except anonymous ones and those
        where the customer asked for a written reply only (domain: they get no
        callback), when the complaint desk records those.
        """
        domain = [("request_type", "=", "complaint")]
        if "complaint_anonymous" in self._fields:
            domain.append(("complaint_anonymous", "=", False))
        if "complaint_reply_only" in self._fields:
            domain.append(("complaint_reply_only", "=", False))
        return domain

    @api.model
    def _kpi_callback_done_sql(self, ticket_id, until=None):
        """SQL condition: the task order ``ticket_id`` (SQL) has a done callback
        that reached the customer, following it up (``res_model`` /
        ``res_id``), done no later than ``until`` (SQL) when given."""
        # IN rather than a correlated EXISTS: without ``until`` PostgreSQL
        # hashes the followed-up task orders once for the whole scan
        return SQL(
            """%s IN (
                SELECT kpi_cb.res_id
                  FROM service_callback kpi_cb
                 WHERE kpi_cb.res_model = 'helpdesk.ticket'
                   AND kpi_cb.res_id IS NOT NULL
                   AND kpi_cb.state = 'done'
                   AND kpi_cb.reached
                   AND %s
            )""",
            ticket_id,
            SQL("kpi_cb.done_datetime <= %s", until) if until else SQL("TRUE"),
        )

    @api.model
    def _kpi_complaints_missing_callback(self):
        """Hook: closed complaints (``_kpi_complaint_domain``) without a done
        callback that reached the customer within the grace period after the
        closing (``res.company.kpi_callback_grace_days``, 3 days by default).

        A callback answers a complaint when it follows the task order up
        (``res_model = 'helpdesk.ticket'`` and ``res_id`` = the task order), as
        the callback planner links them. One search plus one SQL query for all
        task orders.
        """
        now = fields.Datetime.now()
        grace_days = (
            self.env["res.company"].sudo().search([]).mapped("kpi_callback_grace_days")
        )
        candidates = self.sudo().search(
            [
                *self._kpi_complaint_domain(),
                ("closed_date", "!=", False),
                ("closed_date", "<=", now - timedelta(days=min(grace_days or [3]))),
                ("stage_id.closed", "=", True),
            ]
        )
        if not candidates:
            return candidates
        self.flush_model(["closed_date", "company_id"])
        self.env["res.company"].flush_model(["kpi_callback_grace_days"])
        self.env["service.callback"].flush_model(
            ["res_model", "res_id", "state", "reached", "done_datetime"]
        )
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
                self._kpi_callback_done_sql(
                    SQL("t.id"), SQL("t.closed_date + %s", grace)
                ),
            )
        )
        return self.browse(row[0] for row in rows)
