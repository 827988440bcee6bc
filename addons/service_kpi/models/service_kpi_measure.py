# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, models
from odoo.osv import expression
from odoo.tools import SQL

from ..rules import kpi_periods

# Task orders closed in the period (duplicates merged into another one left out).
CLOSED_TICKETS = [("stage_id.closed", "=", True), ("duplicate_id", "=", False)]


def _sla_filters(kind):
    """Task orders whose ``kind`` deadline counts: it has a deadline, and the
    task order was not closed without its event (duplicates, cancellations)."""
    return [(f"{kind}_deadline", "!=", False), (f"{kind}_sla_state", "!=", False)]


class ServiceKpiMeasure(models.AbstractModel):
    """The registry of measures an indicator can use.

    A measure turns a period into numbers per responsible user with ONE grouped
    query: ``{user_id: (numerator, denominator)}`` (``False`` for records without
    a user, counted at the company level only). The engine rolls the users up to
    employees, teams (direct reports of a manager), departments and the company
    by summing numerators and denominators, so the value at every level is
    ``numerator / denominator * scale``.

    Extension point: any addon that brings the data adds its measures by
    inheritance, usually by stating only what the measure counts::

        class ServiceKpiMeasure(models.AbstractModel):
            _inherit = "service.kpi.measure"

            @api.model
            def _get_measures(self):
                measures = super()._get_measures()
                measures["first_response_24h"] = {
                    "name": self.env._("First response within 24 hours rate"),
                    "model": "helpdesk.ticket",
                    "user_field": "user_id",
                    "date_field": "received_date",
                    "filters": [("response_deadline", "!=", False)],
                    "numerator": [("response_sla_state", "=", "met")],
                    "scale": 100.0,
                    "unit": "percent",
                    "help": self.env._("Tickets answered within 24 hours ÷ ..."),
                }
                return measures

    Spec keys:

    - ``name``: label shown in the indicator's *Measure* field;
    - ``model`` and ``user_field``: the records behind the number and the field
      naming the person responsible (a field path such as ``sale_id.user_id``
      is followed); the drill-down opens them; ``user_sql``: a method
      ``(model, query)`` returning the person's SQL when ``user_field`` is not
      stored (it then only serves the drill-down's search);
    - ``date_field``: the records counted are those of the company with this
      date in the period (the period's days in the company's time zone,
      ``kpi_periods.datetime_range``); ``filters``: the other conditions (a
      domain, or the name of a method returning one);
    - the numerator, one of: ``numerator``, a domain on the record's own
      fields (records counted); ``numerator_sql``, a method ``(model, query)``
      returning an SQL condition (records counted); ``sum``, a stored numeric
      field summed; ``sum_sql``, a method ``(model, query)`` returning the SQL
      value summed. The denominator is the number of records;
    - ``scale``: 100 for a rate in percent, 1 for an average (hours, score);
    - ``unit``: the unit a new indicator takes; ``help``: how it is computed.

    The measures of one model are computed together, in ONE grouped query per
    model (``COUNT(*) FILTER (...)`` per measure). A measure that cannot be
    stated that way may give methods instead: ``domain`` ``(date_from,
    date_to, company)`` → domain, and ``compute`` ``(date_from, date_to,
    company)`` → ``{user_id: (numerator, denominator)}`` with one grouped query
    (``_read_group`` or SQL), never a query per record.

    Built-in measures: callbacks (rate, valid rate, satisfaction rate and
    score, complaint callback rate, report punctuality), the service desk's
    task orders (hand-off within 15 minutes, first response within 24 hours,
    resolution and complaint resolution within 72 hours on the desk's
    working-calendar deadlines,
    first-time fix and rework rates), pre-sale (consultation response time) and
    in-sale (order processing cycle, on-time delivery rate).
    """

    _name = "service.kpi.measure"
    _description = "Service Indicator Measures"

    @api.model
    def _get_measures(self):
        _ = self.env._
        # the callback rates: numerator and denominator as the monthly
        # callback statistics count them (service.callback._rate_domains)
        rates = self.env["service.callback"]._rate_domains
        done, due = rates("callback_rate")
        valid, valid_due = rates("valid_rate")
        satisfied, rated = rates("satisfaction_rate")
        served = self.env["service.callback"]._callback_served_domain()
        return {
            "callback_rate": {
                "name": _("Callback rate"),
                "model": "service.callback",
                "user_field": "user_id",
                "date_field": "due_datetime",
                "filters": due,
                "numerator": done,
                "scale": 100.0,
                "unit": "percent",
                "help": _(
                    "Routine programme callbacks (after installation, every 6 "
                    "months, on site) done ÷ those due in the period (cancelled "
                    "callbacks left out), per callback agent. Pre-sale and event "
                    "callbacks are not counted; complaint callbacks have their "
                    "own rate."
                ),
            },
            "callback_valid_rate": {
                "name": _("Valid callback rate"),
                "model": "service.callback",
                "user_field": "user_id",
                "date_field": "due_datetime",
                "filters": valid_due,
                "numerator": valid,
                "scale": 100.0,
                "unit": "percent",
                "help": _(
                    "Valid callbacks (done and reached the customer) ÷ callbacks "
                    "due in the period (cancelled callbacks left out), per "
                    "callback agent."
                ),
            },
            "satisfaction_rate": {
                "name": _("Customer satisfaction rate"),
                "model": "service.callback",
                "user_field": "served_user_id",
                "user_sql": "_measure_served_user_sql",
                "date_field": "done_datetime",
                "filters": [*rated, *served],
                "numerator": satisfied,
                "scale": 100.0,
                "unit": "percent",
                "help": _(
                    "Satisfaction of the customers an employee served: "
                    "callbacks rated 'Satisfied' ÷ rated callbacks done in the "
                    "period that follow up a task order, complaint or repair, "
                    "credited to who served the customer (the task order's "
                    "technician, the complaint's owner, the repair's "
                    "responsible), not to the callback agent."
                ),
            },
            "satisfaction_score": {
                "name": _("Average satisfaction score"),
                "model": "service.callback",
                "user_field": "served_user_id",
                "user_sql": "_measure_served_user_sql",
                "date_field": "done_datetime",
                "filters": [("state", "=", "done"), ("score", ">", 0), *served],
                "sum": "score",
                "scale": 1.0,
                "unit": "score",
                "help": _(
                    "Sum of the scores (1 to 5) ÷ number of scored callbacks done in "
                    "the period that follow up a task order, complaint or repair, "
                    "credited to who served the customer (the task order's "
                    "technician, the complaint's owner, the repair's responsible)."
                ),
            },
            "callback_report_on_time_rate": {
                "name": _("Callback report punctuality"),
                "model": "service.callback.report",
                "user_field": "user_id",
                "date_field": "first_submitted_on",
                "filters": [],
                "numerator": [("is_late", "=", False)],
                "scale": 100.0,
                "unit": "percent",
                "help": _(
                    "Daily callback reports that reached the supervisor by their "
                    "deadline (3 days after the callback day, 7 with an approved "
                    "extension) ÷ reports first submitted in the period, per "
                    "callback agent. A report submitted late is accepted and "
                    "counts against its agent."
                ),
            },
            "ticket_resolution_72h": {
                "name": _("Resolution within 72 hours rate"),
                "model": "helpdesk.ticket",
                "user_field": "user_id",
                "date_field": "received_date",
                "filters": _sla_filters("resolution"),
                "numerator": [("resolution_sla_state", "=", "met")],
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
                "date_field": "received_date",
                "filters": [
                    *_sla_filters("resolution"),
                    ("request_type", "=", "complaint"),
                ],
                "numerator": [("resolution_sla_state", "=", "met")],
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
                "date_field": "received_date",
                "filters": _sla_filters("handoff"),
                "numerator": [("handoff_sla_state", "=", "met")],
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
                "date_field": "received_date",
                "filters": _sla_filters("response"),
                "numerator": [("response_sla_state", "=", "met")],
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
                "date_field": "closed_date",
                "filters": CLOSED_TICKETS,
                "numerator": [("rework_count", "=", 0)],
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
                "date_field": "closed_date",
                "filters": CLOSED_TICKETS,
                "numerator": [("rework_count", ">", 0)],
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
                "date_field": "closed_date",
                "filters": "_measure_complaint_owed_filters",
                "numerator_sql": "_measure_complaint_followed_sql",
                "scale": 100.0,
                "unit": "percent",
                "help": _(
                    "Complaints closed in the period whose complaint callback is "
                    "done and reached the customer ÷ complaints closed in the "
                    "period, per assigned user. Anonymous complaints and those "
                    "asking for a written reply only get no callback and are left "
                    "out."
                ),
            },
            "consultation_response_time": {
                "name": _("Consultation response time"),
                "model": "crm.consultation",
                "user_field": "answered_by_id",
                "date_field": "first_answer_date",
                "filters": [],
                "sum": "response_hours",
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
                "date_field": "effective_date",
                "filters": [
                    ("state", "=", "sale"),
                    ("contract_state", "=", "signed"),
                    ("contract_customer_sign_date", "!=", False),
                    ("contract_company_sign_date", "!=", False),
                ],
                "sum_sql": "_measure_order_cycle_days_sql",
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
                "date_field": "date_done",
                "filters": [
                    ("picking_type_code", "=", "outgoing"),
                    ("state", "=", "done"),
                    ("sale_id.commitment_date", "!=", False),
                ],
                "numerator_sql": "_measure_on_time_sql",
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
    def _measure_filters(self, spec):
        filters = spec.get("filters") or []
        return getattr(self, filters)() if isinstance(filters, str) else list(filters)

    @api.model
    def _measure_domain(self, code, date_from, date_to, company):
        """The records counted in the denominator: the company's records with
        their ``date_field`` in the period that pass the measure's filters."""
        spec = self._get_measure(code)
        if spec.get("domain"):
            return getattr(self, spec["domain"])(date_from, date_to, company)
        dt_from, dt_to = kpi_periods.datetime_range(
            date_from, date_to, company.partner_id.tz
        )
        return [
            ("company_id", "=", company.id),
            (spec["date_field"], ">=", dt_from),
            (spec["date_field"], "<", dt_to),
            *self._measure_filters(spec),
        ]

    @api.model
    def _measure_compute(self, code, date_from, date_to, company):
        return self._measure_compute_many([code], date_from, date_to, company)[code]

    @api.model
    def _measure_compute_many(self, codes, date_from, date_to, company):
        """``{code: {user_id: (numerator, denominator)}}`` for the measures
        ``codes`` of ``company``: one grouped query per model, whatever the
        number of measures and records."""
        result = {}
        batches = defaultdict(list)
        for code in dict.fromkeys(codes):
            spec = self._get_measure(code)
            if spec.get("compute"):
                result[code] = getattr(self, spec["compute"])(
                    date_from, date_to, company
                )
            else:
                batches[
                    spec["model"], spec.get("user_sql") or spec["user_field"]
                ].append(code)
        for (model, user_field), batch in batches.items():
            result.update(
                self._measure_batch(
                    model, user_field, batch, date_from, date_to, company
                )
            )
        return result

    @api.model
    def _measure_batch(self, model, user_field, codes, date_from, date_to, company):
        """One query over the records of ``model`` that any of the measures
        ``codes`` counts, grouped by ``user_field`` (a field path, or the
        name of a ``user_sql`` method): for each measure
        ``COUNT(*) FILTER (its domain)`` and its numerator."""
        Model = self.env[model].sudo()
        specs = {code: self._get_measure(code) for code in codes}
        dt_from, dt_to = kpi_periods.datetime_range(
            date_from, date_to, company.partner_id.tz
        )
        periods = [
            [(date_field, ">=", dt_from), (date_field, "<", dt_to)]
            for date_field in dict.fromkeys(
                spec["date_field"] for spec in specs.values()
            )
        ]
        query = Model._search(
            expression.AND([[("company_id", "=", company.id)], expression.OR(periods)])
        )
        if user_field in Model._fields or "." in user_field:
            user = self._measure_field_sql(Model, query, user_field)
        else:
            user = getattr(self, user_field)(Model, query)
        aggregates = []
        for code, spec in specs.items():
            counted = self._measure_condition_sql(
                Model, self._measure_domain(code, date_from, date_to, company)
            )
            aggregates.append(self._measure_numerator_sql(Model, query, spec, counted))
            aggregates.append(SQL("COUNT(*) FILTER (WHERE %s)", counted))
        query.groupby = user
        rows = self.env.execute_query(query.select(user, *aggregates))
        result = {code: {} for code in codes}
        for user_id, *pairs in rows:
            for index, code in enumerate(codes):
                numerator, denominator = pairs[2 * index : 2 * index + 2]
                if denominator:
                    result[code][user_id or False] = (
                        float(numerator or 0.0),
                        float(denominator),
                    )
        return result

    @api.model
    def _measure_condition_sql(self, model, domain):
        """SQL condition of ``domain`` on the records of ``model`` (aliased by
        their table, as in ``model._search``); paths through many2one fields
        become subqueries, so it needs no join."""
        condition = model._where_calc(domain, active_test=False)
        if condition._joins:
            raise ValueError(f"Measure condition {domain} needs a join")
        return condition.where_clause or SQL("TRUE")

    @api.model
    def _measure_numerator_sql(self, model, query, spec, counted):
        if spec.get("numerator") is not None:
            hit = self._measure_condition_sql(model, spec["numerator"])
            return SQL("COUNT(*) FILTER (WHERE %s AND %s)", counted, hit)
        if spec.get("numerator_sql"):
            hit = getattr(self, spec["numerator_sql"])(model, query)
            return SQL("COUNT(*) FILTER (WHERE %s AND %s)", counted, hit)
        if spec.get("sum"):
            value = self._measure_field_sql(model, query, spec["sum"])
        else:
            value = getattr(self, spec["sum_sql"])(model, query)
        return SQL("SUM(%s) FILTER (WHERE %s)", value, counted)

    @api.model
    def _measure_field_sql(self, model, query, path):
        """SQL of the field ``path`` (``user_id``, ``sale_id.user_id``) of the
        records of ``query``, left-joining the many2one fields on the way."""
        alias = query.table
        *links, fname = path.split(".")
        for link in links:
            comodel = self.env[model._fields[link].comodel_name]
            coalias = query.make_alias(alias, link)
            query.add_join(
                "LEFT JOIN",
                coalias,
                comodel._table,
                SQL(
                    "%s = %s",
                    model._field_to_sql(alias, link, query),
                    SQL.identifier(coalias, "id"),
                ),
            )
            model, alias = comodel, coalias
        return model._field_to_sql(alias, fname, query)

    # ------------------------------------------------------------------
    # What the measures count beyond a domain
    # ------------------------------------------------------------------
    @api.model
    def _measure_served_user_sql(self, model, query):
        """Who served the customer a callback follows up
        (``service.callback.served_user_id``)."""
        return model._served_user_sql(SQL.identifier(query.table))

    @api.model
    def _measure_complaint_owed_filters(self):
        """Complaints closed in the period that are owed a callback (the task
        order's one definition, as the planner and the close gate use it)."""
        return [
            *CLOSED_TICKETS,
            *self.env["helpdesk.ticket"]._complaint_callback_owed_domain(),
        ]

    @api.model
    def _measure_complaint_followed_sql(self, model, query):
        """The complaint is called back: its complaint callback is done and
        reached the customer (as the close gate requires)."""
        return model._complaint_called_back_sql(SQL.identifier(query.table, "id"))

    @api.model
    def _measure_order_cycle_days_sql(self, model, query):
        """Days from the contract signature (the later of both parties' signing
        dates) to the first done delivery."""
        return SQL(
            "%s::date - GREATEST(%s, %s)",
            self._measure_field_sql(model, query, "effective_date"),
            self._measure_field_sql(model, query, "contract_customer_sign_date"),
            self._measure_field_sql(model, query, "contract_company_sign_date"),
        )

    @api.model
    def _measure_on_time_sql(self, model, query):
        """Done by the delivery date promised on the sale order."""
        return SQL(
            "%s <= %s",
            self._measure_field_sql(model, query, "date_done"),
            self._measure_field_sql(model, query, "sale_id.commitment_date"),
        )
