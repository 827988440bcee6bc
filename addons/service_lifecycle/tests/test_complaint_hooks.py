# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import ComplaintDeskCase


@tagged("post_install", "-at_install")
class TestComplaintHooks(ComplaintDeskCase):
    """The names service_callback codes against: their defaults here."""

    def test_defaults_of_a_complaint(self):
        complaint = self._create_complaint(user=self.agent)
        self.assertEqual(complaint.complaint_severity, "general")
        self.assertEqual(complaint.complaint_owner_id, self.agent)
        self.assertEqual(complaint.complaint_group_id, self.complaint_group)
        self.assertFalse(complaint.complaint_solved_date)
        repair = self._create_ticket(duplicate_confirmed=True)
        self.assertFalse(repair.complaint_severity)
        self.assertFalse(repair.complaint_owner_id)
        self.assertFalse(repair.complaint_group_id)

    def test_callback_done_is_the_manual_confirmation(self):
        first = self._create_complaint()
        second = self._create_complaint()
        second.complaint_callback_confirmed = True
        both = first | second
        self.assertEqual(
            both._complaint_callback_done(), {first.id: False, second.id: True}
        )

    def test_anonymous_and_reply_only_need_no_callback(self):
        plain = self._create_complaint()
        anonymous = self._create_complaint(complaint_anonymous=True)
        reply_only = self._create_complaint(complaint_reply_only=True)
        repair = self._create_ticket(duplicate_confirmed=True)
        self.assertEqual(
            (plain | anonymous | reply_only | repair)._complaint_needs_callback(), plain
        )

    def test_callback_user_follows_severity(self):
        complaint = self._create_complaint()
        self.assertEqual(complaint._get_complaint_callback_user(), self.assistant)
        complaint.complaint_severity = "important"
        self.assertEqual(complaint._get_complaint_callback_user(), self.group_leader)
        complaint.complaint_severity = "major"
        self.assertEqual(complaint._get_complaint_callback_user(), self.manager)
        # configurable: major complaints called back by the leader
        self.complaint_group._get_severity_rule("major").callback_role = "supervisor"
        self.assertEqual(complaint._get_complaint_callback_user(), self.group_leader)
        # an unfilled role falls back to the leader
        self.complaint_group.assistant_id = False
        complaint.complaint_severity = "general"
        self.assertEqual(complaint._get_complaint_callback_user(), self.group_leader)

    def test_callback_user_without_group_is_the_owner(self):
        complaint = self._create_complaint(user=self.agent)
        complaint.complaint_group_id = False
        self.assertEqual(complaint._get_complaint_callback_user(), self.agent)

    @freeze_time("2025-06-02 01:00:00")
    def test_solved_sets_date_and_calls_hook(self):
        complaint = self._create_complaint()
        with self.assertRaises(UserError):
            complaint.action_complaint_solved()
        complaint.solution = Markup("<p>Replaced the starter, apologised</p>")
        called = []
        original = type(complaint)._complaint_solved_hook

        def spy(records):
            called.append(records.ids)
            return original(records)

        self.patch(type(complaint), "_complaint_solved_hook", spy)
        complaint.action_complaint_solved()
        self.assertEqual(called, [complaint.ids])
        self.assertEqual(str(complaint.complaint_solved_date), "2025-06-02 01:00:00")
        self.assertTrue(complaint.first_response_date)

    def test_solved_refuses_other_requests(self):
        repair = self._create_ticket(duplicate_confirmed=True)
        repair.solution = Markup("<p>Done</p>")
        with self.assertRaises(UserError):
            repair.action_complaint_solved()
