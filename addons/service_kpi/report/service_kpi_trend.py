# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.service_kpi_value import LEVELS, PERIOD_TYPES


class ServiceKpiTrend(models.Model):
    """Each indicator's value and its target as two series over the periods, so
    that a line graph draws the trend against the target."""

    _name = "service.kpi.trend"
    _description = "Indicator Trend"
    _auto = False
    _order = "date_from"
    _rec_name = "indicator_id"

    indicator_id = fields.Many2one("service.kpi.indicator", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    period_type = fields.Selection(PERIOD_TYPES, readonly=True)
    date_from = fields.Date(string="Period", readonly=True)
    level = fields.Selection(LEVELS, readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    manager_id = fields.Many2one("hr.employee", string="Team", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    series = fields.Selection(
        [("actual", "Actual"), ("target", "Target")], readonly=True
    )
    amount = fields.Float(readonly=True, aggregator="avg", digits=(16, 2))

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT v.id * 2 AS id, v.indicator_id, v.company_id,
                           v.period_type, v.date_from, v.level, v.employee_id,
                           v.manager_id, v.department_id,
                           'actual' AS series, v.value AS amount
                      FROM service_kpi_value v
                     WHERE v.has_data
                    UNION ALL
                    SELECT v.id * 2 + 1, v.indicator_id, v.company_id,
                           v.period_type, v.date_from, v.level, v.employee_id,
                           v.manager_id, v.department_id,
                           'target', v.target
                      FROM service_kpi_value v
                )
                """,
                SQL.identifier(self._table),
            )
        )
