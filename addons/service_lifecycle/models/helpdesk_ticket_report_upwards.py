# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError

from .helpdesk_ticket import DESK

REPORT_UPWARDS_ACTIVITY = "service_lifecycle.mail_activity_type_report_upwards"


class HelpdeskTicket(models.Model):
    """Reporting upwards at once (处理不了的立即汇报上级): the agent who cannot
    handle a call hands it to their leader with one click, an activity for
    the leader and a note in the chatter."""

    _inherit = "helpdesk.ticket"

    reported_upwards_user_id = fields.Many2one(
        "res.users",
        string="Reported To",
        copy=False,
        readonly=True,
        tracking=True,
        help="The leader the task order was last reported upwards to.",
    )
    reported_upwards_date = fields.Datetime(
        string="Reported Upwards", copy=False, readonly=True
    )

    def _get_upwards_leader(self, user=None):
        """The leader of ``user`` (the current user by default) for this task
        order: the manager of their employee record, else their department's
        manager, else the leader of the task order's team; never the user."""
        self.ensure_one()
        user = user or self.env.user
        employee = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("user_id", "=", user.id),
                    ("company_id", "in", [self.company_id.id, False]),
                ],
                limit=1,
            )
        )
        for leader in (
            employee.parent_id.user_id,
            employee.department_id.manager_id.user_id,
            self.team_id.user_id,
        ):
            if leader and leader != user:
                return leader
        return self.env["res.users"]

    def _check_can_report_upwards(self):
        """The desk reports an open task order upwards, once until its leader
        answers (marks the activity done)."""
        if not self.env.su and not self.env.user.has_group(DESK):
            raise UserError(
                self.env._("Only customer service reports task orders upwards.")
            )
        activity_type = self.env.ref(REPORT_UPWARDS_ACTIVITY)
        for ticket in self:
            if ticket.closed:
                raise UserError(
                    self.env._(
                        "Task order %(number)s is closed: there is nothing to report "
                        "upwards.",
                        number=ticket.number,
                    )
                )
            if not ticket._get_upwards_leader():
                raise UserError(
                    self.env._(
                        "Nobody to report %(number)s to: set your manager on your "
                        "employee record, a manager on your department, or a leader "
                        "on the team.",
                        number=ticket.number,
                    )
                )
            pending = ticket.activity_ids.filtered(
                lambda a, t=activity_type: a.activity_type_id == t
            )
            if pending:
                raise UserError(
                    self.env._(
                        "%(number)s is already reported to %(user)s, who has not "
                        "answered yet.",
                        number=ticket.number,
                        user=pending[0].user_id.name,
                    )
                )

    def action_report_upwards(self):
        """Phone agent: a call I cannot handle goes to my leader at once."""
        self._check_can_report_upwards()
        activity_type = self.env.ref(REPORT_UPWARDS_ACTIVITY)
        reporter = self.env.user
        for ticket in self:
            leader = ticket._get_upwards_leader()
            ticket.message_subscribe(leader.partner_id.ids)
            # the leader reads the note in their own language
            note = ticket.with_context(lang=leader.lang).env._(
                "%(agent)s cannot handle %(number)s and reports it to you: %(title)s",
                agent=reporter.name,
                number=ticket.number,
                title=ticket.name,
            )
            ticket.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=leader.id,
                note=Markup("<p>%s</p>") % note,
            )
            ticket.write(
                {
                    "reported_upwards_user_id": leader.id,
                    "reported_upwards_date": fields.Datetime.now(),
                }
            )
            ticket.message_post(
                body=self.env._(
                    "Reported upwards to %(leader)s by %(agent)s.",
                    leader=leader.name,
                    agent=reporter.name,
                ),
                partner_ids=leader.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
        return True
