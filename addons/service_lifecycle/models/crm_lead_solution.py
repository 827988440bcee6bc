# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmLeadSolution(models.Model):
    _name = "crm.lead.solution"
    _description = "Proposal, Demo or Trial"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="What", required=True)
    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        required=True,
        ondelete="cascade",
        index=True,
    )
    partner_id = fields.Many2one(related="lead_id.partner_id", string="Customer")
    company_id = fields.Many2one(
        related="lead_id.company_id", store=True, index=True, precompute=True
    )
    kind = fields.Selection(
        [("proposal", "Proposal"), ("demo", "Demo"), ("trial", "Product Trial")],
        string="Type",
        required=True,
        default="proposal",
        tracking=True,
    )
    demo_mode = fields.Selection(
        [("on_site", "On Site"), ("video", "Video"), ("case_study", "Case Study")],
        string="Demo Mode",
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    technician_id = fields.Many2one(
        "res.users",
        string="Technical Staff",
        domain="[('share', '=', False)]",
        help="Who prepared the solution with sales.",
    )
    content = fields.Html(help="Content, steps and expected effect of the solution.")
    outcome = fields.Selection(
        [
            ("pending", "Pending"),
            ("positive", "Convinced"),
            ("adjust", "To Adjust"),
            ("negative", "Not Convinced"),
        ],
        required=True,
        default="pending",
        tracking=True,
    )
    outcome_note = fields.Text(string="Customer Feedback")
