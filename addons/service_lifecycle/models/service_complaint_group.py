# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models

COMPLAINT_SEVERITIES = [
    ("general", "General"),
    ("important", "Important"),
    ("major", "Major"),
]
COMPLAINT_ROLES = [
    ("assistant", "Assistant"),
    ("supervisor", "Supervisor"),
    ("manager", "Manager"),
]
# severity -> (who handles, who calls back, reply hours, solution hours)
DEFAULT_SEVERITY_RULES = {
    "general": ("assistant", "assistant", 24.0, 72.0),
    "important": ("supervisor", "supervisor", 24.0, 72.0),
    "major": ("manager", "manager", 24.0, 72.0),
}


class ServiceComplaintGroup(models.Model):
    _name = "service.complaint.group"
    _description = "Complaint Handling Group"
    _inherit = ["mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    leader_id = fields.Many2one(
        "res.users",
        string="Leader (Supervisor)",
        required=True,
        tracking=True,
        check_company=True,
        help="Group leader; handles and calls back the complaints whose severity "
        "asks for the supervisor.",
    )
    assistant_id = fields.Many2one(
        "res.users",
        string="Assistant",
        tracking=True,
        check_company=True,
        help="Handles and calls back the complaints whose severity asks for the "
        "assistant.",
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Manager",
        tracking=True,
        check_company=True,
        help="Service manager who handles and calls back the complaints whose "
        "severity asks for the manager.",
    )
    member_ids = fields.Many2many(
        "res.users",
        "service_complaint_group_member_rel",
        "group_id",
        "user_id",
        string="Members",
        check_company=True,
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments Covered",
        check_company=True,
        help="Complaints whose responsible department is one of these go to this "
        "group.",
    )
    severity_ids = fields.One2many(
        "service.complaint.group.severity",
        "group_id",
        string="Severity Rules",
        default=lambda self: [
            Command.create(
                {
                    "severity": severity,
                    "handler_role": handler,
                    "callback_role": callback,
                    "reply_hours": reply,
                    "solution_hours": solution,
                }
            )
            for severity, (
                handler,
                callback,
                reply,
                solution,
            ) in DEFAULT_SEVERITY_RULES.items()
        ],
    )
    complaint_ids = fields.One2many(
        "helpdesk.ticket", "complaint_group_id", string="Complaints"
    )
    complaint_open_count = fields.Integer(compute="_compute_complaint_open_count")

    def _compute_complaint_open_count(self):
        groups = self.env["helpdesk.ticket"]._read_group(
            [
                ("complaint_group_id", "in", self.ids),
                ("request_type", "=", "complaint"),
                ("stage_id.closed", "=", False),
            ],
            ["complaint_group_id"],
            ["__count"],
        )
        counts = {group.id: count for group, count in groups}
        for group in self:
            group.complaint_open_count = counts.get(group.id, 0)

    def _get_severity_rule(self, severity):
        """The group's rule for ``severity`` (an empty record without one)."""
        self.ensure_one()
        return self.severity_ids.filtered(lambda r: r.severity == severity)[:1]

    def _get_role_user(self, role):
        """The group's user for a role; the leader when the role is unfilled."""
        self.ensure_one()
        user = {
            "assistant": self.assistant_id,
            "supervisor": self.leader_id,
            "manager": self.manager_id,
        }.get(role)
        return user or self.leader_id

    @api.readonly
    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_lifecycle.helpdesk_ticket_action_complaint"
        )
        action["domain"] = [("complaint_group_id", "=", self.id)]
        action["context"] = {
            "default_request_type": "complaint",
            "default_complaint_group_id": self.id,
            "search_default_open": 1,
        }
        return action
