# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ServiceComplaintHandoverWizard(models.TransientModel):
    _name = "service.complaint.handover.wizard"
    _description = "Hand Over a Complaint"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    owner_id = fields.Many2one(related="ticket_id.complaint_owner_id")
    user_id = fields.Many2one(
        "res.users",
        string="New Owner",
        required=True,
        domain=[("share", "=", False)],
        help="Takes over the first-contact responsibility for the complaint.",
    )
    reason = fields.Text(
        required=True, help="Why the complaint changes hands, for the chatter."
    )

    def action_confirm(self):
        self.ensure_one()
        self.ticket_id._complaint_hand_over(self.user_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
