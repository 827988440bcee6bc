# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    contract_review_required = fields.Boolean(
        string="Legal Review Before Confirmation",
        default=True,
        help="Sales orders can only be confirmed once Legal has approved their "
        "contract.",
    )
    cost_analysis_threshold = fields.Monetary(
        string="Cost Analysis Above",
        currency_field="currency_id",
        default=100000.0,
        help="Quotations whose total reaches this amount need a cost analysis "
        "attachment before their requirements can be confirmed and they are sent.",
    )
