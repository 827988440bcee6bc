# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.service_kpi_value import PERIOD_TYPES
from ..rules import kpi_periods


class ServiceKpiPeriodRun(models.TransientModel):
    """Compute a period's indicator values and create its appraisals by hand
    (the cron does the current and previous months every night)."""

    _name = "service.kpi.period.run"
    _description = "Run an Appraisal Period"

    period_type = fields.Selection(PERIOD_TYPES, required=True, default="month")
    date = fields.Date(
        string="Any Day of the Period",
        required=True,
        default=lambda self: kpi_periods.previous_month(
            fields.Date.context_today(self)
        ),
    )
    date_from = fields.Date(compute="_compute_dates")
    date_to = fields.Date(compute="_compute_dates")
    compute_values = fields.Boolean(
        string="Compute Indicator Values",
        default=True,
        help="Monthly values from the records; quarterly and annual values "
        "from the monthly ones.",
    )
    template_ids = fields.Many2many(
        "service.kpi.template",
        string="Create Appraisals For",
        help="Creates the missing appraisals of these templates' employees for "
        "the period and computes them.",
    )

    @api.depends("period_type", "date")
    def _compute_dates(self):
        for wizard in self:
            wizard.date_from, wizard.date_to = (
                kpi_periods.period_bounds(wizard.period_type, wizard.date)
                if wizard.period_type and wizard.date
                else (False, False)
            )

    def action_run(self):
        self.ensure_one()
        if not self.env.user.has_group("service_kpi.group_kpi_manager"):
            raise UserError(self.env._("Only KPI managers can run a period."))
        indicators = self.env["service.kpi.indicator"].search(
            [("company_id", "in", self.env.companies.ids)]
        )
        if self.compute_values:
            self.env["service.kpi.value"]._compute_values(
                self.period_type, self.date, indicators
            )
        if self.template_ids:
            appraisals = self.env["service.kpi.appraisal"]._generate(
                self.template_ids, self.period_type, self.date
            )
            action = self.env["ir.actions.act_window"]._for_xml_id(
                "service_kpi.service_kpi_appraisal_action"
            )
            action["domain"] = [
                ("period_type", "=", self.period_type),
                ("date_from", "=", self.date_from),
            ]
            action["context"] = {}
            if not appraisals:
                action["help"] = False
            return action
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_kpi.service_kpi_value_action"
        )
        action["domain"] = [
            ("period_type", "=", self.period_type),
            ("date_from", "=", self.date_from),
        ]
        action["context"] = {}
        return action
