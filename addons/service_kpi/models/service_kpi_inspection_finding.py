# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ServiceKpiInspectionFinding(models.Model):
    _name = "service.kpi.inspection.finding"
    _description = "Spot Check Finding"
    _order = "inspection_id, id"

    inspection_id = fields.Many2one(
        "service.kpi.inspection", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(string="Finding", required=True)
    severity = fields.Selection(
        [("minor", "Minor"), ("major", "Major"), ("serious", "Serious")],
        required=True,
        default="minor",
    )
    score_impact = fields.Float(
        digits=(16, 2),
        help="Points added to (or, when negative, taken from) the final appraisal "
        "score, e.g. -5 for a rude call.",
    )
