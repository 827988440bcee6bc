# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.addons.service_lifecycle.rules.figures import ratio
from odoo.exceptions import UserError
from odoo.tools import ormcache

from ..rules import kpi_formulas, kpi_periods

PERIOD_TYPES = [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")]
LEVELS = [
    ("employee", "Employee"),
    ("team", "Team"),
    ("department", "Department"),
    ("company", "Company"),
]


class ServiceKpiValue(models.Model):
    """A snapshot: the value of an indicator for a period at one level.

    Monthly values come from the measures (one grouped query per model);
    quarterly and annual values add up the monthly numerators and denominators.
    """

    _name = "service.kpi.value"
    _description = "Indicator Value"
    _order = "date_from desc, indicator_id, level, id"
    _rec_name = "indicator_id"

    indicator_id = fields.Many2one(
        "service.kpi.indicator", required=True, ondelete="cascade", index=True
    )
    measure = fields.Selection(related="indicator_id.measure")
    unit = fields.Selection(related="indicator_id.unit")
    better_when = fields.Selection(related="indicator_id.better_when")
    company_id = fields.Many2one("res.company", required=True, index=True)
    period_type = fields.Selection(PERIOD_TYPES, required=True, index=True)
    date_from = fields.Date(required=True, index=True)
    date_to = fields.Date(required=True)
    period = fields.Char(compute="_compute_period", store=True)
    level = fields.Selection(LEVELS, required=True, index=True)
    employee_id = fields.Many2one("hr.employee", index=True, ondelete="cascade")
    manager_id = fields.Many2one(
        "hr.employee",
        string="Team",
        index=True,
        ondelete="cascade",
        help="A team is a manager's direct reports.",
    )
    department_id = fields.Many2one("hr.department", index=True, ondelete="cascade")
    numerator = fields.Float(digits=(16, 4), aggregator="sum")
    denominator = fields.Float(digits=(16, 4), aggregator="sum")
    has_data = fields.Boolean(help="False when nothing was measured in the period.")
    value = fields.Float(digits=(16, 2), aggregator="avg")
    target = fields.Float(digits=(16, 2), aggregator="avg")
    status = fields.Selection(
        [
            ("met", "Target Met"),
            ("warning", "Warning"),
            ("failed", "Failed"),
            ("no_data", "No Data"),
        ],
        required=True,
        default="no_data",
    )
    computed_on = fields.Datetime(default=fields.Datetime.now, readonly=True)

    @api.depends("period_type", "date_from")
    def _compute_period(self):
        for value in self:
            value.period = (
                kpi_periods.period_label(value.period_type, value.date_from)
                if value.period_type and value.date_from
                else False
            )

    # ------------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------------
    @api.model
    def _prepare_value_vals(self, indicator, period_type, dates, key, pair):
        level, employee_id, manager_id, department_id = key
        numerator, denominator = pair
        scale = self._measure_scale(indicator.measure)
        value = ratio(numerator, denominator, scale)
        return {
            "indicator_id": indicator.id,
            "company_id": indicator.company_id.id,
            "period_type": period_type,
            "date_from": dates[0],
            "date_to": dates[1],
            "level": level,
            "employee_id": employee_id,
            "manager_id": manager_id,
            "department_id": department_id,
            "numerator": numerator,
            "denominator": denominator,
            # without data the row is not stored (``_replace``)
            "has_data": value is not None,
            "value": value or 0.0,
            "target": indicator.target,
            "computed_on": fields.Datetime.now(),
            "status": kpi_formulas.value_status(
                value,
                indicator.target,
                indicator._threshold_or_none(),
                indicator.better_when,
            ),
        }

    @api.model
    @ormcache("code")
    def _measure_scale(self, code):
        return self.env["service.kpi.measure"]._get_measure(code)["scale"]

    @api.model
    def _employees_by_user(self, user_ids):
        """{user_id: (employee_id, manager_id, department_id)} in one query."""
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search_fetch(
                [("user_id", "in", list(user_ids))],
                ["user_id", "parent_id", "department_id", "company_id"],
            )
        )
        return {
            (employee.user_id.id, employee.company_id.id): (
                employee.id,
                employee.parent_id.id or False,
                employee.department_id.id or False,
            )
            for employee in employees
        }

    @api.model
    def _rollup_users(self, per_user, employees, company):
        """Sum the users' (numerator, denominator) into every level."""
        totals = defaultdict(lambda: [0.0, 0.0])
        for user_id, (numerator, denominator) in per_user.items():
            keys = [("company", False, False, False)]
            employee = employees.get((user_id, company.id)) if user_id else None
            if employee:
                employee_id, manager_id, department_id = employee
                keys.append(("employee", employee_id, False, False))
                if manager_id:
                    keys.append(("team", False, manager_id, False))
                if department_id:
                    keys.append(("department", False, False, department_id))
            for key in keys:
                totals[key][0] += numerator
                totals[key][1] += denominator
        return totals

    @api.model
    def _compute_month(self, month, indicators=None):
        """Compute the monthly values of ``indicators`` (all indicators with a
        measure by default) for the month containing ``month``: per company one
        grouped query per model measured, one query for the employees, one
        batch create."""
        indicators = (
            indicators
            if indicators is not None
            else self.env["service.kpi.indicator"].sudo().search([])
        )
        indicators = indicators.filtered("measure")
        dates = kpi_periods.month_bounds(month)
        Measure = self.env["service.kpi.measure"]
        per_indicator = {}
        for company in indicators.company_id:
            company_indicators = indicators.filtered(
                lambda indicator, company=company: indicator.company_id == company
            )
            per_measure = Measure._measure_compute_many(
                company_indicators.mapped("measure"), dates[0], dates[1], company
            )
            for indicator in company_indicators:
                per_indicator[indicator] = per_measure[indicator.measure]
        user_ids = {u for rows in per_indicator.values() for u in rows if u}
        employees = self._employees_by_user(user_ids)
        vals_list = []
        for indicator, per_user in per_indicator.items():
            totals = self._rollup_users(per_user, employees, indicator.company_id)
            vals_list += [
                self._prepare_value_vals(indicator, "month", dates, key, pair)
                for key, pair in totals.items()
            ]
        self._replace("month", dates[0], indicators, vals_list)
        return dates

    @api.model
    def _compute_rollup(self, period_type, day, indicators=None):
        """Quarterly or annual values from the monthly ones: numerators and
        denominators summed per level in one grouped query."""
        indicators = (
            indicators
            if indicators is not None
            else self.env["service.kpi.indicator"].sudo().search([])
        )
        indicators = indicators.filtered("measure")
        dates = kpi_periods.period_bounds(period_type, day)
        groups = self.sudo()._read_group(
            [
                ("period_type", "=", "month"),
                ("date_from", ">=", dates[0]),
                ("date_from", "<=", dates[1]),
                ("indicator_id", "in", indicators.ids),
            ],
            ["indicator_id", "level", "employee_id", "manager_id", "department_id"],
            ["numerator:sum", "denominator:sum"],
        )
        vals_list = [
            self._prepare_value_vals(
                indicator,
                period_type,
                dates,
                (level, employee.id, manager.id, department.id),
                (numerator, denominator),
            )
            for indicator, level, employee, manager, department, numerator, denominator in groups  # noqa: E501
        ]
        self._replace(period_type, dates[0], indicators, vals_list)
        return dates

    @api.model
    def _replace(self, period_type, date_from, indicators, vals_list):
        """Replace the period's values of ``indicators`` by ``vals_list``.
        No data is no row, at every level and for every period (a month, or
        a quarter or year whose months measured nothing): a stored 0 would
        be drawn and scored as a 0 %."""
        vals_list = [vals for vals in vals_list if vals["has_data"]]
        self.sudo().search(
            [
                ("period_type", "=", period_type),
                ("date_from", "=", date_from),
                ("indicator_id", "in", indicators.ids),
            ]
        ).unlink()
        return self.sudo().create(vals_list)

    @api.model
    def _compute_values(self, period_type, day, indicators=None):
        """Months first, then the quarter or year built on them."""
        dates = kpi_periods.period_bounds(period_type, day)
        for month in kpi_periods.months_between(*dates):
            self._compute_month(month, indicators)
        if period_type != "month":
            self._compute_rollup(period_type, day, indicators)
        return dates

    @api.model
    def _cron_compute_monthly(self):
        """Daily: last month (final) and this month so far (months of the
        company's time zone), with the quarters and years they belong to,
        company by company."""
        companies = self.env["res.company"].search([])
        Indicator = self.env["service.kpi.indicator"].sudo()
        for done, company in enumerate(companies, start=1):
            # the company's today, not the cron user's
            today = fields.Date.context_today(
                self.with_context(tz=company._get_service_tz())
            )
            months = [kpi_periods.previous_month(today), today]
            indicators = Indicator.search([("company_id", "=", company.id)])
            for month in months:
                self._compute_month(month, indicators)
                self._compute_rollup("quarter", month, indicators)
                self._compute_rollup("year", month, indicators)
            self.env["ir.cron"]._notify_progress(
                done=done, remaining=len(companies) - done
            )

    # ------------------------------------------------------------------
    # Drill-down
    # ------------------------------------------------------------------
    def _drill_users(self):
        """Users whose records make this value (None: the whole company)."""
        self.ensure_one()
        Employee = self.env["hr.employee"].sudo()
        if self.level == "employee":
            return self.employee_id.sudo().user_id
        if self.level == "team":
            return Employee.search([("parent_id", "=", self.manager_id.id)]).user_id
        if self.level == "department":
            return Employee.search(
                [("department_id", "=", self.department_id.id)]
            ).user_id
        return None

    def _drill_domain(self):
        """The records behind the number, recomputed from the measure."""
        self.ensure_one()
        Measure = self.env["service.kpi.measure"]
        spec = Measure._get_measure(self.measure)
        if not spec:
            raise UserError(
                self.env._(
                    "Indicator %s has no measure any more: set one on the indicator.",
                    self.indicator_id.display_name,
                )
            )
        domain = Measure._measure_domain(
            self.measure, self.date_from, self.date_to, self.company_id
        )
        users = self._drill_users()
        if users is not None:
            domain += [(spec["user_field"], "in", users.ids)]
        return spec["model"], domain

    def action_open_records(self):
        self.ensure_one()
        model, domain = self._drill_domain()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "%(indicator)s, %(period)s",
                indicator=self.indicator_id.name,
                period=self.period,
            ),
            "res_model": model,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": domain,
            "context": {"create": False},
        }
