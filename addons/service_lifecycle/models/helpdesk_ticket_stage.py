# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

SERVICE_STEPS = [
    ("intake", "Intake"),
    ("coordination", "Coordination"),
    ("diagnosis", "Diagnosis"),
    ("repair_coordination", "Repair Coordination"),
    ("service", "In Service"),
    ("confirmation", "Customer Confirmation"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
# steps of the closed stages; a closed stage without a step counts as done
CLOSED_STEPS = ("done", "cancelled")


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    service_step = fields.Selection(
        SERVICE_STEPS,
        help="Step of the hotline flow this stage stands for: it decides who may "
        "move a task order into the stage and what must be done first (a "
        "complete intake, an assigned technician, the solution and the "
        "customer's satisfaction ...).",
    )
