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

    Built-in measures: callbacks (rate, valid rate, satisfaction rate and
    score, complaint callback rate), the service desk's task orders (hand-off
    within 15 minutes, first response within 24 hours, resolution and complaint
    resolution within 72 hours on the desk's working-calendar deadlines,
    first-time fix and rework rates), pre-sale (consultation response time) and
    in-sale (order processing cycle, on-time delivery rate).
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
                "domain": "_measure_resolution_sla_domain",
                "compute": "_measure_ticket_resolution_72h",
                "scale": 100.0,
                "unit": "percent",
                "help": _(
                    "Task orders received in the period and resolved by their "
                    "resolution deadline (72 working hours on the team's calendar "
                    "by default, per service policy) ÷ task orders received in the "
                    "period with a resolution deadline, per assigned user."
                ),
            },
            "complaint_72h_rate": {
                "name": _("Complaint resolution within 72 hours rate"),
                "model": "helpdesk.ticket",
                "user_field": "user_id",
                "domain": "_measure_complaint_resolution_domain",
                "compute": "_measure_complaint_72h_rate",
                "scale": 100.0,
                "unit": "percent",
                "help": _(
                    "Complaints received in the period and solved by their "
                    "resolution deadline (72 working hours) ÷ complaints received in "
                    "the period with a resolution deadline, per assigned user."
                ),
            },
            "handoff_15min_rate": {
                "name": _("Hand-off within 15 minutes rate"),
                "model": "helpdesk.ticket",
                "user_field": "user_id",
                "domain": "_measure_handoff_sla_domain",
                "compute": "_measure_handoff_15min_rate",
                "scale": 100.0,
                "unit": "percent",
                "help": _(
                    "Task orders received in the period and handed to a hotline "
                    "technician by their hand-off deadline (15 working minutes by "
                    "default) ÷ task orders received in the period with a hand-off "
                    "deadline, per assigned user."
                ),
            },
            "first_response_24h_rate": {
                "name": _("First response within 24 hours rate"),
                "model": "helpdesk.ticket",
                "user_field": "user_id",
                "domain": "_measure_response_sla_domain",
                "compute": "_measure_first_response_24h_rate",
                "scale": 100.0,
                "unit": "percent",
                "help": _(
                    "Task orders received in the period whose customer was "
                    "contacted by the first response deadline (24 working hours by "
                    "default) ÷ task orders received in the period with a first "
                    "response deadline, per assigned user."
                ),
            },
            "first_time_fix_rate": {
                "name": _("First-time fix rate"),
                "model": "helpdesk.ticket",
                "user_field": "user_id",
                "domain": "_measure_ticket_closed_domain",
                "compute": "_measure_first_time_fix_rate",
                "scale": 100.0,
                "unit": "percent",
                "help": _(
                    "Task orders closed in the period without rework (never "
                    "reopened because the customer was not satisfied) ÷ task orders "
                    "closed in the period, per assigned user."
                ),
            },
            "rework_rate": {
                "name": _("Rework rate"),
                "model": "helpdesk.ticket",
                "user_field": "user_id",
                "domain": "_measure_ticket_closed_domain",
                "compute": "_measure_rework_rate",
                "scale": 100.0,
                "unit": "percent",
                "help": _(
                    "Task orders closed in the period that were reworked at least "
                    "once ÷ task orders closed in the period, per assigned user. "
                    "Lower is better."
                ),
            },
            "complaint_callback_rate": {
                "name": _("Complaint callback rate"),
                "model": "helpdesk.ticket",
                "user_field": "user_id",
                "domain": "_measure_complaint_closed_domain",
                "compute": "_measure_complaint_callback_rate",
                "scale": 100.0,
                "unit": "percent",
                "help": _(
                    "Complaints closed in the period with a done callback that "
                    "reached the customer (a callback following up the complaint) ÷ "
                    "complaints closed in the period, per assigned user. Anonymous "
                    "complaints and those asking for a written reply only get no "
                    "callback and are left out."
                ),
            },
            "consultation_response_time": {
                "name": _("Consultation response time"),
                "model": "crm.consultation",
                "user_field": "answered_by_id",
                "domain": "_measure_consultation_answered_domain",
                "compute": "_measure_consultation_response_time",
                "scale": 1.0,
                "unit": "hours",
                "help": _(
                    "Sum of the hours from receipt to the first answer ÷ number of "
                    "consultations first answered in the period, per answering user."
                ),
            },
            "order_processing_cycle": {
                "name": _("Order processing cycle"),
                "model": "sale.order",
                "user_field": "user_id",
                "domain": "_measure_order_delivered_domain",
                "compute": "_measure_order_processing_cycle",
                "scale": 1.0,
                "unit": "days",
                "help": _(
                    "Sum of the days from the contract signature (the later of both "
                    "parties' signing dates) to the first done delivery ÷ number of "
                    "signed orders first delivered in the period, per salesperson."
                ),
            },
            "on_time_delivery_rate": {
                "name": _("On-time delivery rate"),
                "model": "stock.picking",
                "user_field": "sale_id.user_id",
                "domain": "_measure_delivery_promised_domain",
                "compute": "_measure_on_time_delivery_rate",
                "scale": 100.0,
                "unit": "percent",
                "help": _(
                    "Deliveries to customers done in the period by the delivery date "
                    "promised on their sale order ÷ deliveries done in the period "
                    "whose order has a promised date, per salesperson."
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
        ``hit_values`` (numerator, or a predicate on the value) and all records
        (denominator)."""
        is_hit = hit_values if callable(hit_values) else hit_values.__contains__
        result = defaultdict(lambda: [0.0, 0.0])
        groups = (
            self.env[model]
            .sudo()
            ._read_group(domain, ["user_id", flag_field], ["__count"])
        )
        for user, flag, count in groups:
            pair = result[user.id or False]
            pair[1] += count
            if is_hit(flag):
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

    def _sum_by_user(self, model, domain, user_sql, numerator_sql, denominator_sql):
        """One grouped SQL query over the records of ``domain``:
        ``{user_id: (numerator, denominator)}``. ``user_sql``, ``numerator_sql``
        and ``denominator_sql`` are functions of the query, returning the SQL of
        the user column and of both aggregates."""
        Model = self.env[model].sudo()
        Model.flush_model()
        query = Model._search(domain)
        user = user_sql(query)
        query.groupby = user
        rows = self.env.execute_query(
            query.select(user, numerator_sql(query), denominator_sql(query))
        )
        return {
            user_id or False: (float(numerator or 0.0), float(denominator or 0.0))
            for user_id, numerator, denominator in rows
        }

    # ------------------------------------------------------------------
    # Service desk task orders (helpdesk.ticket)
    # ------------------------------------------------------------------
    @api.model
    def _measure_ticket_received_domain(self, date_from, date_to, company):
        dt_from, dt_to = kpi_periods.datetime_range(date_from, date_to)
        return [
            ("company_id", "=", company.id),
            ("received_date", ">=", dt_from),
            ("received_date", "<", dt_to),
        ]

    @api.model
    def _measure_sla_domain(self, kind, date_from, date_to, company):
        """Task orders received in the period whose ``kind`` deadline counts: it
        has a deadline, and the task order was not closed without its event
        (duplicates, cancellations)."""
        return [
            *self._measure_ticket_received_domain(date_from, date_to, company),
            (f"{kind}_deadline", "!=", False),
            (f"{kind}_sla_state", "!=", False),
        ]

    @api.model
    def _measure_handoff_sla_domain(self, date_from, date_to, company):
        return self._measure_sla_domain("handoff", date_from, date_to, company)

    @api.model
    def _measure_response_sla_domain(self, date_from, date_to, company):
        return self._measure_sla_domain("response", date_from, date_to, company)

    @api.model
    def _measure_resolution_sla_domain(self, date_from, date_to, company):
        return self._measure_sla_domain("resolution", date_from, date_to, company)

    @api.model
    def _measure_complaint_resolution_domain(self, date_from, date_to, company):
        return [
            *self._measure_resolution_sla_domain(date_from, date_to, company),
            ("request_type", "=", "complaint"),
        ]

    def _sla_met_by_user(self, domain, kind):
        return self._count_by_user(
            "helpdesk.ticket", domain, f"{kind}_sla_state", {"met"}
        )

    @api.model
    def _measure_handoff_15min_rate(self, date_from, date_to, company):
        domain = self._measure_handoff_sla_domain(date_from, date_to, company)
        return self._sla_met_by_user(domain, "handoff")

    @api.model
    def _measure_first_response_24h_rate(self, date_from, date_to, company):
        domain = self._measure_response_sla_domain(date_from, date_to, company)
        return self._sla_met_by_user(domain, "response")

    @api.model
    def _measure_ticket_resolution_72h(self, date_from, date_to, company):
        """Resolution on the desk's working-calendar SLA: ``resolution_sla_state``
        is 'met' when the task order was resolved by its resolution deadline."""
        domain = self._measure_resolution_sla_domain(date_from, date_to, company)
        return self._sla_met_by_user(domain, "resolution")

    @api.model
    def _measure_complaint_72h_rate(self, date_from, date_to, company):
        domain = self._measure_complaint_resolution_domain(date_from, date_to, company)
        return self._sla_met_by_user(domain, "resolution")

    @api.model
    def _measure_ticket_closed_domain(self, date_from, date_to, company):
        """Task orders closed in the period (duplicates merged into another one
        left out)."""
        dt_from, dt_to = kpi_periods.datetime_range(date_from, date_to)
        return [
            ("company_id", "=", company.id),
            ("closed_date", ">=", dt_from),
            ("closed_date", "<", dt_to),
            ("stage_id.closed", "=", True),
            ("duplicate_id", "=", False),
        ]

    @api.model
    def _measure_first_time_fix_rate(self, date_from, date_to, company):
        domain = self._measure_ticket_closed_domain(date_from, date_to, company)
        return self._count_by_user(
            "helpdesk.ticket", domain, "rework_count", lambda count: not count
        )

    @api.model
    def _measure_rework_rate(self, date_from, date_to, company):
        domain = self._measure_ticket_closed_domain(date_from, date_to, company)
        return self._count_by_user(
            "helpdesk.ticket", domain, "rework_count", lambda count: count > 0
        )

    @api.model
    def _measure_complaint_closed_domain(self, date_from, date_to, company):
        """Complaints closed in the period that are owed a callback."""
        return [
            *self._measure_ticket_closed_domain(date_from, date_to, company),
            *self.env["helpdesk.ticket"]._kpi_complaint_domain(),
        ]

    @api.model
    def _measure_complaint_callback_rate(self, date_from, date_to, company):
        domain = self._measure_complaint_closed_domain(date_from, date_to, company)
        self.env["service.callback"].flush_model(
            ["res_model", "res_id", "state", "reached"]
        )
        return self._sum_by_user(
            "helpdesk.ticket",
            domain,
            lambda query: SQL.identifier(query.table, "user_id"),
            lambda query: SQL(
                "COUNT(*) FILTER (WHERE %s)",
                self.env["helpdesk.ticket"]._kpi_callback_done_sql(
                    SQL.identifier(query.table, "id")
                ),
            ),
            lambda query: SQL("COUNT(*)"),
        )

    # ------------------------------------------------------------------
    # Pre-sale (crm.consultation)
    # ------------------------------------------------------------------
    @api.model
    def _measure_consultation_answered_domain(self, date_from, date_to, company):
        dt_from, dt_to = kpi_periods.datetime_range(date_from, date_to)
        return [
            ("company_id", "=", company.id),
            ("first_answer_date", ">=", dt_from),
            ("first_answer_date", "<", dt_to),
        ]

    @api.model
    def _measure_consultation_response_time(self, date_from, date_to, company):
        domain = self._measure_consultation_answered_domain(date_from, date_to, company)
        groups = (
            self.env["crm.consultation"]
            .sudo()
            ._read_group(domain, ["answered_by_id"], ["response_hours:sum", "__count"])
        )
        return {
            user.id or False: (float(hours), float(count))
            for user, hours, count in groups
        }

    # ------------------------------------------------------------------
    # In-sale (sale.order, stock.picking)
    # ------------------------------------------------------------------
    @api.model
    def _measure_order_delivered_domain(self, date_from, date_to, company):
        """Signed orders whose first delivery was done in the period."""
        dt_from, dt_to = kpi_periods.datetime_range(date_from, date_to)
        return [
            ("company_id", "=", company.id),
            ("state", "=", "sale"),
            ("contract_state", "=", "signed"),
            ("contract_customer_sign_date", "!=", False),
            ("contract_company_sign_date", "!=", False),
            ("effective_date", ">=", dt_from),
            ("effective_date", "<", dt_to),
        ]

    @api.model
    def _measure_order_processing_cycle(self, date_from, date_to, company):
        domain = self._measure_order_delivered_domain(date_from, date_to, company)

        def days(query):
            order = query.table
            return SQL(
                "SUM(%s::date - GREATEST(%s, %s))",
                SQL.identifier(order, "effective_date"),
                SQL.identifier(order, "contract_customer_sign_date"),
                SQL.identifier(order, "contract_company_sign_date"),
            )

        return self._sum_by_user(
            "sale.order",
            domain,
            lambda query: SQL.identifier(query.table, "user_id"),
            days,
            lambda query: SQL("COUNT(*)"),
        )

    @api.model
    def _measure_delivery_promised_domain(self, date_from, date_to, company):
        """Deliveries to customers done in the period for an order that
        promised a delivery date."""
        dt_from, dt_to = kpi_periods.datetime_range(date_from, date_to)
        return [
            ("company_id", "=", company.id),
            ("picking_type_code", "=", "outgoing"),
            ("state", "=", "done"),
            ("date_done", ">=", dt_from),
            ("date_done", "<", dt_to),
            ("sale_id.commitment_date", "!=", False),
        ]

    @api.model
    def _measure_on_time_delivery_rate(self, date_from, date_to, company):
        domain = self._measure_delivery_promised_domain(date_from, date_to, company)
        self.env["sale.order"].flush_model(["commitment_date", "user_id"])
        aliases = {}

        def sale(query):
            if "sale" not in aliases:
                aliases["sale"] = query.join(
                    query.table, "sale_id", "sale_order", "id", "kpi_sale"
                )
            return aliases["sale"]

        return self._sum_by_user(
            "stock.picking",
            domain,
            lambda query: SQL.identifier(sale(query), "user_id"),
            lambda query: SQL(
                "COUNT(*) FILTER (WHERE %s <= %s)",
                SQL.identifier(query.table, "date_done"),
                SQL.identifier(sale(query), "commitment_date"),
            ),
            lambda query: SQL("COUNT(*)"),
        )
