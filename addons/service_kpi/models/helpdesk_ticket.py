# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, create_index


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    def init(self):
        res = super().init()
        # The monthly indicators scan tickets by company and creation date.
        create_index(
            self.env.cr,
            "helpdesk_ticket_company_create_date_index",
            self._table,
            ["company_id", "create_date"],
        )
        return res

    @api.model
    def _kpi_complaint_domain(self):
        """Hook: the tickets that are complaints.

        Every ticket counts until the service desk has its complaint model; the
        service desk overrides this (e.g. ``[("request_type", "=", "complaint")]``)
        or ``_kpi_complaints_missing_callback`` altogether.
        """
        return []

    @api.model
    def _kpi_complaints_missing_callback(self):
        """Hook: closed complaints still lacking a done callback after the grace
        period (``res.company.kpi_callback_grace_days``, 3 days by default).

        A callback answers a complaint when it is linked to the ticket
        (``service.callback.ticket_id``, when that field exists) or, otherwise,
        when it is a done callback to the same customer within the grace period
        after the closing. One search plus one SQL query for all tickets.
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
        self.flush_model(["closed_date", "partner_id", "company_id"])
        Callback = self.env["service.callback"]
        Callback.flush_model(["state", "partner_id", "done_datetime"])
        linked = SQL("FALSE")
        if "ticket_id" in Callback._fields:
            linked = SQL("c.ticket_id = t.id")
        self.env.cr.execute(
            SQL(
                """
                SELECT t.id
                  FROM helpdesk_ticket t
                  JOIN res_company co ON co.id = t.company_id
                 WHERE t.id = ANY(%s)
                   AND t.closed_date
                       <= %s - make_interval(days => co.kpi_callback_grace_days)
                   AND NOT EXISTS (
                        SELECT 1
                          FROM service_callback c
                         WHERE c.state = 'done'
                           AND (%s OR (
                                c.partner_id = t.partner_id
                                AND c.done_datetime >= t.closed_date
                                AND c.done_datetime <= t.closed_date
                                    + make_interval(days => co.kpi_callback_grace_days)
                           ))
                   )
                """,
                candidates.ids,
                now,
                linked,
            )
        )
        return self.browse(row[0] for row in self.env.cr.fetchall())
