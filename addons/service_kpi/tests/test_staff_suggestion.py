# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import KpiCase


@tagged("post_install", "-at_install")
class TestStaffSuggestion(KpiCase):
    """The staff suggestion box: any employee (a KPI user) submits, a manager
    answers, the employee reads the answer."""

    def _submit(self, user, name="Send the survey by WeChat"):
        return (
            self.env["service.staff.suggestion"]
            .with_user(user)
            .create(
                {
                    "name": name,
                    "description": "Farmers answer WeChat faster than e-mail.",
                    "topic": "service",
                }
            )
        )

    def test_employee_submits_and_manager_answers(self):
        suggestion = self._submit(self.agent_a_user)
        self.assertEqual(suggestion.state, "submitted")
        self.assertEqual(suggestion.employee_id, self.agent_a)
        self.assertEqual(suggestion.department_id, self.department)
        # the employee does not answer their own suggestion
        with self.assertRaisesRegex(UserError, "Only a manager answers"):
            suggestion.answer = "Adopted by myself"
        with self.assertRaises(UserError):
            suggestion.action_adopt()
        # a manager answers with a reply, then adopts
        managed = suggestion.with_user(self.kpi_manager)
        with self.assertRaisesRegex(UserError, "Write the answer"):
            managed.action_adopt()
        self.assertEqual(suggestion.state, "submitted")
        managed.answer = "Adopted: the survey link goes out by WeChat from May."
        managed.action_adopt()
        self.assertEqual(suggestion.state, "adopted")
        self.assertEqual(suggestion.answered_by_id, self.kpi_manager)
        self.assertTrue(suggestion.answer_date)
        # the employee is told in the thread
        message = suggestion.message_ids.filtered(
            lambda m: "WeChat from May" in (m.body or "")
        )
        self.assertEqual(len(message), 1)
        self.assertIn(self.agent_a_user.partner_id, message.partner_ids)
        # an answered suggestion stays as it was answered
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            suggestion.with_user(self.agent_a_user).name = "Something else"

    def test_each_employee_sees_their_own(self):
        mine = self._submit(self.agent_a_user)
        other = self._submit(self.agent_b_user, "Longer hotline hours")
        Suggestion = self.env["service.staff.suggestion"]
        self.assertEqual(Suggestion.with_user(self.agent_a_user).search([]), mine)
        self.assertEqual(
            Suggestion.with_user(self.kpi_manager).search([]), mine | other
        )
        declined = other.with_user(self.kpi_manager)
        declined.answer = "The hotline hours follow the working calendar."
        declined.action_decline()
        self.assertEqual(other.state, "declined")
