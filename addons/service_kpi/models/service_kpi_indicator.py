# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ServiceKpiIndicator(models.Model):
    """A service quality indicator: what is measured, in which unit, and the target."""

    _name = "service.kpi.indicator"
    _description = "Service Indicator"
    _order = "sequence, code"

    sequence = fields.Integer(default=10)
    code = fields.Char(
        required=True, help="Short unique code used in formulas and exports."
    )
    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    unit = fields.Selection(
        [
            ("percent", "Percent"),
            ("hours", "Hours"),
            ("days", "Days"),
            ("count", "Count"),
            ("score", "Score"),
        ],
        required=True,
        compute="_compute_unit",
        store=True,
        readonly=False,
        precompute=True,
    )
    better_when = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        required=True,
        default="higher",
    )
    target = fields.Float(help="The value the department aims at.")
    threshold = fields.Float(
        string="Alert Threshold",
        help="Past this value (below it when higher is better, above it when lower "
        "is better) the indicator is failed; between the threshold and the target "
        "it is a warning. Leave 0 to treat anything short of the target as failed.",
    )
    measure = fields.Selection(
        selection="_selection_measure",
        help="How the value is computed from the records; the addons that bring "
        "the data provide the measures.",
    )
    measure_help = fields.Text(
        string="Measure Formula", compute="_compute_measure_help"
    )
    description = fields.Text(
        string="How It Is Computed",
        translate=True,
        help="The definition and formula of the indicator, shown to appraised staff.",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "UNIQUE(code, company_id)",
            "An indicator with this code already exists in this company.",
        ),
    ]

    @api.model
    def _selection_measure(self):
        return self.env["service.kpi.measure"]._selection_measures()

    @api.depends("measure")
    def _compute_measure_help(self):
        measures = self.env["service.kpi.measure"]._get_measures()
        for indicator in self:
            spec = measures.get(indicator.measure)
            indicator.measure_help = spec["help"] if spec else False

    @api.depends("measure")
    def _compute_unit(self):
        measures = self.env["service.kpi.measure"]._get_measures()
        for indicator in self:
            spec = measures.get(indicator.measure)
            if spec:
                indicator.unit = spec["unit"]
            elif not indicator.unit:
                indicator.unit = "percent"

    def _threshold_or_none(self):
        self.ensure_one()
        return self.threshold or None

    @api.readonly
    def action_open_values(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_kpi.service_kpi_trend_action"
        )
        action["domain"] = [("indicator_id", "=", self.id)]
        action["context"] = {"search_default_filter_company": 1}
        return action
