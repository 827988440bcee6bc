# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL

from ..rules import kpi_periods


class ServiceKpiMeasure(models.AbstractModel):
    """The registry of measures an indicator can use.

    A measure turns a period into numbers per responsible user with ONE grouped
    query: ``{user_id: (numerator, denominator)}`` (``False`` for records without
    a user, counted at the company level only). The engine rolls the users up to
    employees, teams (direct reports of a manager), departments and the company
    by summing numerators and denominators, so the value at every level is
    ``numerator / denominator * scale``.

    Extension point: any addon that brings the data adds its measures by
    inheritance::

        class ServiceKpiMeasure(models.AbstractModel):
            _inherit = "service.kpi.measure"

            @api.model
            def _get_measures(self):
                measures = super()._get_measures()
                measures["first_response_24h"] = {
                    "name": self.env._("First response within 24 hours rate"),
                    "model": "helpdesk.ticket",
                    "user_field": "user_id",
                    "domain": "_measure_first_response_24h_domain",
                    "compute": "_measure_first_response_24h",
                    "scale": 100.0,
                    "unit": "percent",
                    "help": self.env._("Tickets answered within 24 hours ÷ ..."),
                }
                return measures

    Spec keys:

    - ``name``: label shown in the indicator's *Measure* field;
    - ``model`` and ``user_field``: the records behind the number and the field
      naming the person responsible (the drill-down opens them);
    - ``domain``: method ``(date_from, date_to, company)`` → domain of the records
      counted in the denominator (dates are ``datetime.date``, both included);
    - ``compute``: method ``(date_from, date_to, company)`` →
      ``{user_id: (numerator, denominator)}`` with one grouped query
      (``_read_group`` or SQL), never a query per record;
    - ``scale``: 100 for a rate in percent, 1 for an average (hours, score);
    - ``unit``: the unit a new indicator takes; ``help``: how it is computed.

    Measures still to plug in once their data exist (codes reserved):
    ``consultation_response_time`` (CRM: first answer - enquiry, hours),
    ``order_processing_cycle`` (Sales: delivered - signed, days),
    ``on_time_delivery_rate`` (deliveries done by the promised date ÷ deliveries),
    ``handoff_15min_rate`` (tickets handed to a hotline technician within 15
    working minutes ÷ tickets), ``first_response_24h_rate`` (first response within
    24 h ÷ tickets), ``complaint_72h_rate`` (complaints resolved within 72 h ÷
    complaints, on the working-calendar SLA deadline), ``first_time_fix_rate``
    (tasks closed without rework ÷ tasks), ``rework_rate`` (reworked ÷ tasks,
    lower is better, target < 2 %) and ``complaint_callback_rate`` (complaints
    with a done callback ÷ closed complaints).
    """

    _name = "service.kpi.measure"
    _description = "Service Indicator Measures"

    @api.model
    def _get_measures(self):
        _ = self.env._
        return {
            "callback_rate": {
                "name": _("Callback rate"),
                "model": "service.callback",
                "user_field": "user_id",
                "domain": "_measure_callback_due_domain",
                "compute": "_measure_callback_rate",
                "scale": 100.0,
                "unit": "percent",
                "help": _(
                    "Callbacks done ÷ callbacks due in the period (cancelled "
                    "callbacks left out), per callback agent."
                ),
            },
            "callback_valid_rate": {
                "name": _("Valid callback rate"),
                "model": "service.callback",
                "user_field": "user_id",
                "domain": "_measure_callback_done_domain",
                "compute": "_measure_callback_valid_rate",
                "scale": 100.0,
                "unit": "percent",
                "help": _(
                    "Done callbacks that reached the customer ÷ done callbacks due "
                    "in the period, per callback agent."
                ),
            },
            "satisfaction_rate": {
                "name": _("Customer satisfaction rate"),
                "model": "service.callback",
                "user_field": "user_id",
                "domain": "_measure_rated_domain",
                "compute": "_measure_satisfaction_rate",
                "scale": 100.0,
                "unit": "percent",
                "help": _(
                    "Callbacks rated 'Satisfied' ÷ rated callbacks done in the "
                    "period, per callback agent."
                ),
            },
            "satisfaction_score": {
                "name": _("Average satisfaction score"),
                "model": "service.callback",
                "user_field": "user_id",
                "domain": "_measure_scored_domain",
                "compute": "_measure_satisfaction_score",
                "scale": 1.0,
                "unit": "score",
                "help": _(
                    "Sum of the scores (1 to 5) ÷ number of scored callbacks done in "
                    "the period, per callback agent."
                ),
            },
            "ticket_resolution_72h": {
                "name": _("Resolution within 72 hours rate"),
                "model": "helpdesk.ticket",
                "user_field": "user_id",
                "domain": "_measure_ticket_created_domain",
                "compute": "_measure_ticket_resolution_72h",
                "scale": 100.0,
                "unit": "percent",
                "help": _(
                    "Tickets created in the period and closed within 72 hours of "
                    "their creation ÷ tickets created in the period, per assigned "
                    "user (calendar hours, from creation to closing)."
                ),
            },
        }

    @api.model
    def _selection_measures(self):
        return sorted(
            ((code, spec["name"]) for code, spec in self._get_measures().items()),
            key=lambda item: item[1],
        )

    @api.model
    def _get_measure(self, code):
        return self._get_measures().get(code)

    @api.model
    def _measure_domain(self, code, date_from, date_to, company):
        spec = self._get_measure(code)
        return getattr(self, spec["domain"])(date_from, date_to, company)

    @api.model
    def _measure_compute(self, code, date_from, date_to, company):
        spec = self._get_measure(code)
        return getattr(self, spec["compute"])(date_from, date_to, company)

    # ------------------------------------------------------------------
    # Callbacks (service_callback)
    # ------------------------------------------------------------------
    @api.model
    def _measure_callback_due_domain(self, date_from, date_to, company):
        dt_from, dt_to = kpi_periods.datetime_range(date_from, date_to)
        return [
            ("company_id", "=", company.id),
            ("due_datetime", ">=", dt_from),
            ("due_datetime", "<", dt_to),
            ("state", "!=", "cancelled"),
        ]

    @api.model
    def _measure_callback_done_domain(self, date_from, date_to, company):
        return [
            *self._measure_callback_due_domain(date_from, date_to, company),
            ("state", "=", "done"),
        ]

    @api.model
    def _measure_rated_domain(self, date_from, date_to, company):
        dt_from, dt_to = kpi_periods.datetime_range(date_from, date_to)
        return [
            ("company_id", "=", company.id),
            ("state", "=", "done"),
            ("done_datetime", ">=", dt_from),
            ("done_datetime", "<", dt_to),
            ("rating", "!=", False),
        ]

    @api.model
    def _measure_scored_domain(self, date_from, date_to, company):
        dt_from, dt_to = kpi_periods.datetime_range(date_from, date_to)
        return [
            ("company_id", "=", company.id),
            ("state", "=", "done"),
            ("done_datetime", ">=", dt_from),
            ("done_datetime", "<", dt_to),
            ("score", ">", 0),
        ]

    def _count_by_user(self, model, domain, flag_field, hit_values):
        """One grouped query: per user, records whose ``flag_field`` is in
        ``hit_values`` (numerator) and all records (denominator)."""
        result = defaultdict(lambda: [0.0, 0.0])
        groups = (
            self.env[model]
            .sudo()
            ._read_group(domain, ["user_id", flag_field], ["__count"])
        )
        for user, flag, count in groups:
            pair = result[user.id or False]
            pair[1] += count
            if flag in hit_values:
                pair[0] += count
        return {user_id: tuple(pair) for user_id, pair in result.items()}

    @api.model
    def _measure_callback_rate(self, date_from, date_to, company):
        domain = self._measure_callback_due_domain(date_from, date_to, company)
        return self._count_by_user("service.callback", domain, "state", {"done"})

    @api.model
    def _measure_callback_valid_rate(self, date_from, date_to, company):
        domain = self._measure_callback_done_domain(date_from, date_to, company)
        return self._count_by_user("service.callback", domain, "reached", {True})

    @api.model
    def _measure_satisfaction_rate(self, date_from, date_to, company):
        domain = self._measure_rated_domain(date_from, date_to, company)
        return self._count_by_user("service.callback", domain, "rating", {"satisfied"})

    @api.model
    def _measure_satisfaction_score(self, date_from, date_to, company):
        domain = self._measure_scored_domain(date_from, date_to, company)
        groups = (
            self.env["service.callback"]
            .sudo()
            ._read_group(domain, ["user_id"], ["score:sum", "__count"])
        )
        return {
            user.id or False: (float(total), float(count))
            for user, total, count in groups
        }

    # ------------------------------------------------------------------
    # Helpdesk tickets (helpdesk_mgmt)
    # ------------------------------------------------------------------
    @api.model
    def _measure_ticket_created_domain(self, date_from, date_to, company):
        dt_from, dt_to = kpi_periods.datetime_range(date_from, date_to)
        return [
            ("company_id", "=", company.id),
            ("create_date", ">=", dt_from),
            ("create_date", "<", dt_to),
        ]

    @api.model
    def _measure_ticket_resolution_72h(self, date_from, date_to, company):
        """Generic 72-hour resolution on creation → closing (calendar hours).

        The service desk will switch this to its working-calendar SLA deadline
        fields; the grouped SQL stays one query over any number of tickets
        (``helpdesk_ticket(company_id, create_date)`` is the range scanned).
        """
        return self._ticket_closed_within(date_from, date_to, company, hours=72)

    def _ticket_closed_within(self, date_from, date_to, company, hours):
        Ticket = self.env["helpdesk.ticket"]
        Ticket.flush_model(["create_date", "closed_date", "stage_id", "user_id"])
        self.env["helpdesk.ticket.stage"].flush_model(["closed"])
        dt_from, dt_to = kpi_periods.datetime_range(date_from, date_to)
        self.env.cr.execute(
            SQL(
                """
                SELECT t.user_id,
                       COUNT(*) FILTER (
                           WHERE s.closed
                             AND t.closed_date IS NOT NULL
                             AND t.closed_date
                                 <= t.create_date + make_interval(hours => %s)
                       ),
                       COUNT(*)
                  FROM helpdesk_ticket t
                  LEFT JOIN helpdesk_ticket_stage s ON s.id = t.stage_id
                 WHERE t.company_id = %s
                   AND t.create_date >= %s
                   AND t.create_date < %s
                   AND t.active
              GROUP BY t.user_id
                """,
                hours,
                company.id,
                dt_from,
                dt_to,
            )
        )
        return {
            user_id or False: (float(hits), float(total))
            for user_id, hits, total in self.env.cr.fetchall()
        }
