# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

SERVICE_STEPS = [
    ("intake", "Intake"),
    ("coordination", "Coordination"),
    ("diagnosis", "Diagnosis"),
    ("service", "In Service"),
    ("confirmation", "Customer Confirmation"),
]


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    service_step = fields.Selection(
        SERVICE_STEPS,
        help="Step of the hotline flow this stage stands for. A task order cannot "
        "leave an intake stage before its intake is complete.",
    )
