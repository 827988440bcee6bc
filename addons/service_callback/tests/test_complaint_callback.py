# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import PlannerCase


@tagged("post_install", "-at_install")
class TestComplaintCallback(PlannerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls._rule("complaint")
        cls.group = cls.env["service.complaint.group"].create(
            {
                "name": "Complaint Group",
                "leader_id": cls.agent_a.id,
                "assistant_id": cls.agent_b.id,
                "manager_id": cls.supervisor.id,
            }
        )

    def _complaint(self, **vals):
        return self._ticket(
            request_type="complaint",
            complaint_group_id=self.group.id,
            **vals,
        )

    def _solve(self, ticket, moment="2025-03-03 03:00:00"):
        with self._at(moment):
            ticket.complaint_solved_date = moment
            ticket._complaint_solved_hook()

    def test_solved_complaint_called_back_three_days_later(self):
        ticket = self._complaint(complaint_severity="general")
        self._solve(ticket)  # Monday 11:00 in Shanghai
        self.assertEqual(self._dues(self.rule, ticket), [(1, "2025-03-06 02:00")])
        callback = self._callbacks(self.rule, ticket)
        self.assertEqual(callback.callback_type, "complaint")
        # a general complaint is called back by the group's assistant
        self.assertEqual(callback.user_id, self.agent_b)
        # solved again: still one callback
        self._solve(ticket)
        self.assertEqual(len(self._callbacks(self.rule, ticket)), 1)

    def test_solved_on_a_thursday_called_back_by_sunday(self):
        ticket = self._complaint(complaint_severity="general")
        # Thursday 6 March 16:00 in Shanghai: 3 days later is a Sunday; the
        # callback falls in Friday's afternoon window, not on Monday
        self._solve(ticket, "2025-03-06 08:00:00")
        self.assertEqual(self._dues(self.rule, ticket), [(1, "2025-03-07 07:30")])
        # the rule is what says so: without it the weekend pushes it to Monday
        self.rule.due_within_offset = False
        other = self._complaint(complaint_severity="general")
        self._solve(other, "2025-03-06 08:00:00")
        self.assertEqual(self._dues(self.rule, other), [(1, "2025-03-10 02:00")])

    def test_by_severity(self):
        major = self._complaint(complaint_severity="major")
        important = self._complaint(complaint_severity="important")
        self._solve(major)
        self._solve(important)
        self.assertEqual(self._callbacks(self.rule, major).user_id, self.supervisor)
        self.assertEqual(self._callbacks(self.rule, important).user_id, self.agent_a)

    def test_anonymous_and_reply_only_complaints_get_no_callback(self):
        anonymous = self._complaint(complaint_anonymous=True)
        reply_only = self._complaint(complaint_reply_only=True)
        self._solve(anonymous)
        self._solve(reply_only)
        self.assertFalse(self._callbacks(self.rule, anonymous))
        self.assertFalse(self._callbacks(self.rule, reply_only))
        with self._at("2025-03-04 00:00:00"):
            self.Rule._cron_plan_callbacks()
        self.assertFalse(self._callbacks(self.rule, anonymous | reply_only))

    def test_closing_needs_a_done_and_reached_callback(self):
        ticket = self._complaint(complaint_severity="general")
        self._solve(ticket)
        callback = self._callbacks(self.rule, ticket)
        # ticking the manual box is not enough any more
        ticket.complaint_callback_confirmed = True
        self.assertEqual(ticket._complaint_callback_done(), {ticket.id: False})
        # not reached: not a valid callback
        callback.action_done()
        self.assertEqual(ticket._complaint_callback_done(), {ticket.id: False})
        callback.action_reset()
        callback.write({"reached": True, "rating": "satisfied", "score": 5})
        callback.action_done()
        self.assertEqual(ticket._complaint_callback_done(), {ticket.id: True})
        ticket.invalidate_recordset(["complaint_callback_made"])
        self.assertTrue(ticket.complaint_callback_made)
