# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo import api, fields, models
from odoo.tools import SQL, file_path

# the indicators the module defines, and their texts that follow its upgrades
DEFINITIONS_FILE = "service_kpi/data/service_kpi_indicator_data.xml"
DEFINITION_TEXTS = ("name", "description")


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

    @api.model
    def _refresh_definition_texts(self):
        """The names and descriptions of the indicators this module defines,
        as its data file words them now. Called on every install and update
        of the module (``data/service_kpi_indicator_texts.xml`` is not
        noupdate): the definitions themselves are noupdate, so that the
        targets, thresholds and weights a company adjusted stay, but their
        texts are the module's and follow its upgrades. A text whose English
        changed loses its old translations: the module's translations are
        loaded after its data (``-u``) and fill them again."""
        self.flush_model(list(DEFINITION_TEXTS))
        tree = etree.parse(file_path(DEFINITIONS_FILE))
        module = DEFINITIONS_FILE.split("/", 1)[0]
        for node in tree.iterfind(f".//record[@model='{self._name}']"):
            indicator = self.env.ref(
                f"{module}.{node.get('id')}", raise_if_not_found=False
            )
            if not indicator:
                continue  # deleted by the company
            indicator = indicator.with_context(lang="en_US")
            for field in node.iterfind("field"):
                name = field.get("name")
                text = field.text or ""
                if name not in DEFINITION_TEXTS or indicator[name] == text:
                    continue
                self.env.cr.execute(
                    SQL(
                        "UPDATE %s SET %s = jsonb_build_object('en_US', %s::text) "
                        "WHERE id = %s",
                        SQL.identifier(self._table),
                        SQL.identifier(name),
                        text,
                        indicator.id,
                    )
                )
                indicator.invalidate_recordset([name], flush=False)
        return True

    def _threshold_or_none(self):
        self.ensure_one()
        return self.threshold or None

    def action_open_values(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_kpi.service_kpi_trend_action"
        )
        action["domain"] = [("indicator_id", "=", self.id)]
        action["context"] = {"search_default_filter_company": 1}
        return action
