# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ServiceCallbackMilestone(models.Model):
    """A milestone of the company's projects (a launch, an open day, a
    promotion, a show): leads that are only kept warm (grade D) get a greeting
    before it, by the rules anchored on project milestones."""

    _name = "service.callback.milestone"
    _description = "Project Milestone"
    _order = "date, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    date = fields.Date(required=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
    note = fields.Text(help="What the greeting announces.")
