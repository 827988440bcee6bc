# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.models import parse_read_group_spec
from odoo.tools import SQL

from .service_callback import CALLBACK_TYPES
from .service_callback_figures import CALLBACK_RATES

COUNT_FIELDS = (
    "due_count",
    "done_count",
    "valid_count",
    "satisfied_count",
    "rated_count",
    "overdue_count",
    "signed_visit_count",
    "routine_due_count",
    "routine_done_count",
    "complaint_due_count",
    "complaint_done_count",
)


class ServiceCallbackMonthlyReport(models.Model):
    """The monthly callback statistics 回访月统计表.

    One row per month (of the due date, in the company's time zone), agent,
    department, company and callback type. What each count counts is defined
    once on the callback (``service.callback._figure_domains``), and so are
    the rates
    (``CALLBACK_RATES``): the same definitions as service_kpi's indicators.
    The rates are computed in SQL from the counts, of a row or of a group
    (its summed counts). Cancelled callbacks are not counted; a rate without
    a denominator is empty, not 0 %.
    """

    _name = "service.callback.monthly.report"
    _description = "Monthly Callback Statistics"
    _inherit = ["service.callback.team.mixin"]
    _auto = False
    _order = "month desc, user_id"
    _rec_name = "month"

    month = fields.Date(readonly=True)
    user_id = fields.Many2one("res.users", string="Callback Agent", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    callback_type = fields.Selection(CALLBACK_TYPES, string="Type", readonly=True)
    due_count = fields.Integer(string="Due", readonly=True)
    done_count = fields.Integer(string="Done", readonly=True)
    valid_count = fields.Integer(string="Valid", readonly=True)
    rated_count = fields.Integer(string="Rated", readonly=True)
    satisfied_count = fields.Integer(string="Satisfied", readonly=True)
    overdue_count = fields.Integer(string="Overdue", readonly=True)
    signed_visit_count = fields.Integer(
        string="Signed Visits",
        readonly=True,
        help="On-site visits done and signed by the customer; an on-site "
        "callback that did not reach the customer is none.",
    )
    routine_due_count = fields.Integer(
        string="Routine Callbacks Due",
        readonly=True,
        help="Callbacks of the routine programme: after installation, every 6 "
        "months and on-site visits.",
    )
    routine_done_count = fields.Integer(string="Routine Callbacks Done", readonly=True)
    complaint_due_count = fields.Integer(
        string="Complaint Callbacks Due", readonly=True
    )
    complaint_done_count = fields.Integer(
        string="Complaint Callbacks Done", readonly=True
    )
    callback_rate = fields.Float(
        string="Callback Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Routine programme callbacks done ÷ due (after installation, every "
        "6 months, on site).",
    )
    valid_rate = fields.Float(
        string="Valid Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Valid callbacks (done and reached the customer) ÷ callbacks due.",
    )
    satisfaction_rate = fields.Float(
        string="Satisfaction (%)", readonly=True, aggregator="avg"
    )
    complaint_callback_rate = fields.Float(
        string="Complaint Callback Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Must be 100%: every complaint gets its callback.",
    )

    @property
    def _table_query(self):
        Callback = self.env["service.callback"]
        counts = [
            SQL(
                "COUNT(*) FILTER (WHERE %s) AS %s",
                Callback._where_calc(domain, active_test=False).where_clause,
                SQL.identifier(name),
            )
            for name, domain in Callback._figure_domains().items()
        ]
        rates = [
            SQL(
                "%s AS %s",
                self._rate_sql(SQL.identifier(numerator), SQL.identifier(denominator)),
                SQL.identifier(rate),
            )
            for rate, (numerator, denominator) in CALLBACK_RATES.items()
        ]
        return SQL(
            """
            SELECT row_number() OVER (
                       ORDER BY month, user_id, department_id, company_id,
                                callback_type
                   ) AS id,
                   counts.*, %(rates)s
              FROM (
                SELECT date_trunc(
                           'month',
                           service_callback.due_datetime AT TIME ZONE 'UTC'
                               AT TIME ZONE COALESCE(company_partner.tz, 'UTC')
                       )::date AS month,
                       service_callback.user_id, service_callback.department_id,
                       service_callback.company_id, service_callback.callback_type,
                       %(counts)s
                  FROM service_callback
                  JOIN res_company company
                    ON company.id = service_callback.company_id
                  JOIN res_partner company_partner
                    ON company_partner.id = company.partner_id
                 WHERE %(due)s
              GROUP BY 1, 2, 3, 4, 5
              ) AS counts
            """,
            rates=SQL(", ").join(rates),
            counts=SQL(", ").join(counts),
            due=Callback._where_calc(
                Callback._callback_due_domain(), active_test=False
            ).where_clause,
        )

    @api.model
    def _rate_sql(self, numerator, denominator):
        """The rate in percent (two decimals) of two counts; NULL without a
        denominator: no data is not 0 %."""
        return SQL(
            "ROUND(100.0 * %s / NULLIF(%s, 0), 2)::float8", numerator, denominator
        )

    def _read_group_select(self, aggregate_spec, query):
        """A rate of a group is its summed numerator out of its summed
        denominator (a department's callback rate is its callbacks done out
        of its callbacks due, not an average of its agents' rates)."""
        fname, __, func = parse_read_group_spec(aggregate_spec)
        if func and fname in CALLBACK_RATES:
            numerator, denominator = (
                SQL("SUM(%s)", self._field_to_sql(self._table, name, query))
                for name in CALLBACK_RATES[fname]
            )
            return self._rate_sql(numerator, denominator)
        return super()._read_group_select(aggregate_spec, query)

    def _totals(self):
        """The figures of a set of rows taken together (for the PDF report)."""
        names = [*COUNT_FIELDS, *CALLBACK_RATES]
        [totals] = self._read_group(
            [("id", "in", self.ids)], [], [f"{name}:sum" for name in names]
        )
        return dict(zip(names, totals, strict=True))

    def _rows_by_agent(self):
        """Rows of the PDF: one per month, department and agent (types summed)."""
        names = [*COUNT_FIELDS, *CALLBACK_RATES]
        groups = ["month:month", "department_id", "user_id"]
        return [
            {
                "month": month,
                "department": department,
                "user": user,
                **dict(zip(names, figures, strict=True)),
            }
            for month, department, user, *figures in self._read_group(
                [("id", "in", self.ids)],
                groups,
                [f"{name}:sum" for name in names],
                order=", ".join(groups),
            )
        ]
