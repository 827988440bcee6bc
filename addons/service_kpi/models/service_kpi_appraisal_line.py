# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..rules import kpi_formulas


class ServiceKpiAppraisalLine(models.Model):
    _name = "service.kpi.appraisal.line"
    _description = "Appraisal Indicator"
    _order = "appraisal_id, id"

    appraisal_id = fields.Many2one(
        "service.kpi.appraisal", required=True, ondelete="cascade", index=True
    )
    indicator_id = fields.Many2one(
        "service.kpi.indicator", required=True, ondelete="restrict"
    )
    unit = fields.Selection(related="indicator_id.unit")
    weight = fields.Float()
    value_id = fields.Many2one(
        "service.kpi.value", string="Snapshot", ondelete="set null"
    )
    has_data = fields.Boolean()
    value = fields.Float(digits=(16, 2))
    target = fields.Float(digits=(16, 2))
    score = fields.Float(compute="_compute_score", store=True, digits=(16, 2))

    @api.depends("value", "target", "has_data", "indicator_id.better_when")
    def _compute_score(self):
        for line in self:
            score = kpi_formulas.achievement_score(
                line.value if line.has_data else None,
                line.target,
                line.indicator_id.better_when,
            )
            line.score = score or 0.0

    @api.readonly
    def action_open_records(self):
        self.ensure_one()
        return self.value_id.sudo().action_open_records()
