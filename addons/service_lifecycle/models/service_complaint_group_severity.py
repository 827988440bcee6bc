# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..rules.deadlines import CALENDAR, CLOCKS
from .service_complaint_group import (
    COMPLAINT_ROLES,
    COMPLAINT_SEVERITIES,
    DEFAULT_SEVERITY_RULES,
)

# a new rule starts as the general severity's default
HANDLER, CALLBACK, REPLY_HOURS, SOLUTION_HOURS = DEFAULT_SEVERITY_RULES["general"]


class ServiceComplaintGroupSeverity(models.Model):
    _name = "service.complaint.group.severity"
    _description = "Complaint Severity Rule"
    _order = "group_id, severity"

    group_id = fields.Many2one(
        "service.complaint.group", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="group_id.company_id", store=True)
    severity = fields.Selection(COMPLAINT_SEVERITIES, required=True)
    handler_role = fields.Selection(
        COMPLAINT_ROLES,
        string="Handled By",
        required=True,
        default=HANDLER,
        help="Who of the group handles complaints of this severity.",
    )
    callback_role = fields.Selection(
        COMPLAINT_ROLES,
        string="Called Back By",
        required=True,
        default=CALLBACK,
        help="Who of the group makes the callback after the complaint is solved.",
    )
    reply_hours = fields.Float(
        string="Reply (Hours)",
        default=REPLY_HOURS,
        required=True,
        help="Hours to give the customer a first reply, on the reply clock.",
    )
    reply_clock = fields.Selection(
        CLOCKS,
        string="Reply Clock",
        default=CALENDAR,
        required=True,
        help="Clock Hours: round the clock, as the customer waits (the sources' 24 "
        "hours). Working Time: only the team's working hours count.",
    )
    solution_hours = fields.Float(
        string="Solution (Hours)",
        default=SOLUTION_HOURS,
        required=True,
        help="Hours to reach a solution the customer is satisfied with, on the "
        "solution clock.",
    )
    solution_clock = fields.Selection(
        CLOCKS,
        string="Solution Clock",
        default=CALENDAR,
        required=True,
        help="Clock Hours: round the clock, as the customer waits (the sources' 72 "
        "hours). Working Time: only the team's working hours count.",
    )

    _sql_constraints = [
        (
            "severity_unique",
            "UNIQUE(group_id, severity)",
            "A complaint group has one rule per severity.",
        ),
        (
            "hours_positive",
            "CHECK(reply_hours >= 0 AND solution_hours >= 0)",
            "Complaint deadlines cannot be negative.",
        ),
    ]
