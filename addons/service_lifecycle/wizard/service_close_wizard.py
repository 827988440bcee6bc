# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ServiceCloseWizard(models.TransientModel):
    _name = "service.close.wizard"
    _description = "Close Task Order: Customer Satisfaction"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    solution = fields.Html(related="ticket_id.solution")
    satisfaction = fields.Selection(
        [
            ("very_satisfied", "Very Satisfied"),
            ("satisfied", "Satisfied"),
            ("not_satisfied", "Not Satisfied"),
        ],
        required=True,
        help="Ask the customer. Not satisfied reopens the task order as rework.",
    )
    comment = fields.Text(help="The customer's own words.")

    def action_confirm(self):
        self.ensure_one()
        self.ticket_id._apply_satisfaction(self.satisfaction, self.comment)
        return {"type": "ir.actions.act_window_close"}
