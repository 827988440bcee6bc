# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..rules.workflow import Transition, TransitionTable

AGENT = "service_lifecycle.group_phone_agent"
MANAGER = "service_lifecycle.group_service_manager"
ACTIVITY = "service_lifecycle.mail_activity_type_channel_check"


class ServiceFeedbackChannelCheck(models.Model):
    """One test of a feedback channel: planned by the cron for the channel's
    tester, then passed or failed with what was tried and what came back."""

    _name = "service.feedback.channel.check"
    _description = "Feedback Channel Test"
    _inherit = ["mail.thread", "mail.activity.mixin", "service.workflow.mixin"]
    _order = "date_planned desc, id desc"
    _check_company_auto = True

    channel_id = fields.Many2one(
        "service.feedback.channel",
        string="Channel",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    kind = fields.Selection(related="channel_id.kind")
    address = fields.Char(related="channel_id.address")
    test_procedure = fields.Text(related="channel_id.test_procedure")
    company_id = fields.Many2one(
        related="channel_id.company_id", store=True, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Tester",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    date_planned = fields.Date(
        string="Planned On",
        required=True,
        default=lambda self: self.env.company._local_day(fields.Datetime.now()),
    )
    date_done = fields.Date(string="Tested On", readonly=True, copy=False)
    state = fields.Selection(
        [("planned", "Planned"), ("passed", "Passed"), ("failed", "Failed")],
        string="Result",
        default="planned",
        required=True,
        tracking=True,
    )
    note = fields.Text(
        string="What Was Tried",
        help="What was dialled or sent, and what came back (or did not).",
    )

    def _compute_display_name(self):
        for check in self:
            check.display_name = (
                f"{check.channel_id.display_name} {check.date_planned or ''}".strip()
            )

    # ------------------------------------------------------------------
    # Workflow: the tester records the result
    # ------------------------------------------------------------------
    @api.model
    def _workflow_transitions(self):
        return TransitionTable(
            [
                Transition("planned", "passed", (AGENT,), "_check_tested"),
                Transition("planned", "failed", (AGENT,), "_check_failure_noted"),
                # a result recorded by mistake is set back by a manager
                Transition("passed", "planned", (MANAGER,)),
                Transition("failed", "planned", (MANAGER,)),
            ]
        )

    def _check_tested(self):
        if self.filtered(lambda c: not c.date_done):
            raise UserError(self.env._("Record the test with Passed or Failed."))

    def _check_failure_noted(self):
        self._check_tested()
        silent = self.filtered(lambda c: not (c.note or "").strip())
        if silent:
            raise UserError(
                self.env._(
                    "Say what failed on %(channels)s: what was tried and what "
                    "came back.",
                    channels=", ".join(silent.channel_id.mapped("display_name")),
                )
            )

    def _workflow_after_moves(self, moves):
        """A recorded result, whatever path wrote it (button, list edit,
        JSON-RPC): the tester's to-do is done and a failure tells the
        channel's manager."""
        result = super()._workflow_after_moves(moves)
        tested = self.browse()
        for transition, checks in moves.items():
            if transition.target in ("passed", "failed"):
                tested |= checks
        if tested:
            tested.activity_feedback([ACTIVITY])
            failing = tested.filtered(lambda c: c.state == "failed")
            for check in failing.filtered("channel_id.manager_id"):
                check.sudo().activity_schedule(
                    "service_lifecycle.mail_activity_type_channel_failing",
                    user_id=check.channel_id.manager_id.id,
                )
        return result

    def _record_result(self, state):
        today = self.env.company._local_day(fields.Datetime.now())
        self.write({"state": state, "date_done": today})
        return True

    def action_passed(self):
        return self._record_result("passed")

    def action_failed(self):
        return self._record_result("failed")

    def action_reset(self):
        self.write({"state": "planned", "date_done": False})
        return True
