# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

from ..rules.callback_statistics import monthly_figures
from .service_callback import CALLBACK_TYPES

COUNT_FIELDS = (
    "due_count",
    "done_count",
    "valid_count",
    "satisfied_count",
    "rated_count",
    "complaint_due_count",
    "complaint_done_count",
)
RATE_FIELDS = (
    "callback_rate",
    "valid_rate",
    "satisfaction_rate",
    "complaint_callback_rate",
)


class ServiceCallbackMonthlyReport(models.Model):
    """The monthly callback statistics 回访月统计表.

    One row per month (of the due date), agent, department, company and
    callback type. The rates are recomputed from the summed counts of each
    group, so a department's callback rate is its callbacks done out of its
    callbacks due, not an average of its agents' rates. Cancelled callbacks
    are not counted.
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
    complaint_due_count = fields.Integer(
        string="Complaint Callbacks Due", readonly=True
    )
    complaint_done_count = fields.Integer(
        string="Complaint Callbacks Done", readonly=True
    )
    callback_rate = fields.Float(
        string="Callback Rate (%)", readonly=True, aggregator="avg"
    )
    valid_rate = fields.Float(string="Valid Rate (%)", readonly=True, aggregator="avg")
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
        return SQL(
            """
            SELECT row_number() OVER () AS id, counts.*,
                   CASE WHEN due_count = 0 THEN 0.0
                        ELSE ROUND(100.0 * done_count / due_count, 2)
                   END AS callback_rate,
                   CASE WHEN due_count = 0 THEN 0.0
                        ELSE ROUND(100.0 * valid_count / due_count, 2)
                   END AS valid_rate,
                   CASE WHEN rated_count = 0 THEN 0.0
                        ELSE ROUND(100.0 * satisfied_count / rated_count, 2)
                   END AS satisfaction_rate,
                   CASE WHEN complaint_due_count = 0 THEN 100.0
                        ELSE ROUND(
                            100.0 * complaint_done_count / complaint_due_count, 2
                        )
                   END AS complaint_callback_rate
              FROM (
                SELECT date_trunc('month', c.due_datetime)::date AS month,
                       c.user_id, c.department_id, c.company_id, c.callback_type,
                       COUNT(*) AS due_count,
                       COUNT(*) FILTER (WHERE c.state = 'done') AS done_count,
                       COUNT(*) FILTER (WHERE c.state = 'done' AND c.reached)
                           AS valid_count,
                       COUNT(*) FILTER (
                           WHERE c.state = 'done' AND c.rating IS NOT NULL
                       ) AS rated_count,
                       COUNT(*) FILTER (
                           WHERE c.state = 'done' AND c.rating = 'satisfied'
                       ) AS satisfied_count,
                       COUNT(*) FILTER (WHERE c.is_overdue) AS overdue_count,
                       COUNT(*) FILTER (WHERE c.callback_type = 'complaint')
                           AS complaint_due_count,
                       COUNT(*) FILTER (
                           WHERE c.callback_type = 'complaint' AND c.state = 'done'
                       ) AS complaint_done_count
                  FROM service_callback c
                 WHERE c.state != 'cancelled'
              GROUP BY 1, c.user_id, c.department_id, c.company_id, c.callback_type
              ) AS counts
            """
        )

    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        """Rates of a group are computed from the group's summed counts."""
        names = {spec.split(":")[0] for spec in fields}
        wants_rates = bool(names & set(RATE_FIELDS))
        if wants_rates:
            fields = list(fields) + [
                f"{name}:sum" for name in COUNT_FIELDS if name not in names
            ]
        groups = super().read_group(
            domain,
            fields,
            groupby,
            offset=offset,
            limit=limit,
            orderby=orderby,
            lazy=lazy,
        )
        if wants_rates:
            for group in groups:
                counts = {name: group.get(name) or 0 for name in COUNT_FIELDS}
                group.update(
                    {
                        name: value
                        for name, value in monthly_figures(
                            due=counts["due_count"],
                            done=counts["done_count"],
                            valid=counts["valid_count"],
                            satisfied=counts["satisfied_count"],
                            rated=counts["rated_count"],
                            complaint_due=counts["complaint_due_count"],
                            complaint_done=counts["complaint_done_count"],
                        ).items()
                        if name in names
                    }
                )
        return groups

    def _totals(self):
        """The figures of a set of rows taken together (for the PDF report)."""
        totals = {name: sum(self.mapped(name)) for name in COUNT_FIELDS}
        totals["overdue_count"] = sum(self.mapped("overdue_count"))
        totals.update(
            monthly_figures(
                due=totals["due_count"],
                done=totals["done_count"],
                valid=totals["valid_count"],
                satisfied=totals["satisfied_count"],
                rated=totals["rated_count"],
                complaint_due=totals["complaint_due_count"],
                complaint_done=totals["complaint_done_count"],
            )
        )
        return totals

    def _rows_by_agent(self):
        """Rows of the PDF: one per month, department and agent (types summed)."""
        lines = {}
        for row in self.sorted(
            lambda r: (r.month, r.department_id.name or "", r.user_id.name or "")
        ):
            key = (row.month, row.department_id, row.user_id)
            lines[key] = lines.get(key, self.browse()) | row
        return [
            {
                "month": key[0],
                "department": key[1],
                "user": key[2],
                **rows._totals(),
            }
            for key, rows in lines.items()
        ]
