# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import CallbackCase


@tagged("post_install", "-at_install")
class TestCallbackReport(CallbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the agent's callbacks of 10 March: one done that day, one due and missed
        cls.done = cls._callback(due_datetime="2025-03-10 02:00:00")
        cls.done.write(
            {
                "state": "done",
                "done_datetime": "2025-03-10 03:00:00",
                "reached": True,
                "rating": "satisfied",
            }
        )
        cls.missed = cls._callback(due_datetime="2025-03-10 05:00:00")
        cls.next_day = cls._callback(due_datetime="2025-03-11 05:00:00")
        cls.colleague = cls._callback(
            due_datetime="2025-03-10 05:00:00", user_id=cls.other_agent.id
        )

    def _report(self, user=None):
        user = user or self.agent
        return (
            self.env["service.callback.report"]
            .with_user(user)
            .create({"report_date": "2025-03-10", "summary": "<p>All fine.</p>"})
        )

    def test_gathers_the_days_callbacks(self):
        report = self._report()
        self.assertEqual(report.callback_ids, self.done | self.missed)
        self.assertEqual(report.callback_count, 2)
        self.assertEqual(report.done_count, 1)
        self.assertEqual(report.valid_count, 1)
        self.assertEqual(report.due_date, date(2025, 3, 11))
        self.assertEqual(report.supervisor_id, self.supervisor)

    def test_submit_on_day_3(self):
        report = self._report()
        with freeze_time("2025-03-13 12:00:00"):
            report.action_submit()
        self.assertEqual(report.state, "submitted")
        self.assertEqual(
            report.activity_ids.user_id, self.supervisor, "the supervisor reviews it"
        )

    def test_day_3_is_on_time(self):
        report = self._report()
        with freeze_time("2025-03-13 15:59:00"):
            report.action_submit()
        self.assertEqual((report.is_late, report.late_days), (False, 0))

    def test_day_4_is_accepted_late_without_extension(self):
        """Past its deadline the report is still accepted: marked late."""
        report = self._report()
        with freeze_time("2025-03-14 12:00:00"):
            report.action_submit()
        self.assertEqual(report.state, "submitted")
        self.assertEqual((report.is_late, report.late_days), (True, 1))
        self.assertIn(report, report.search([("is_late", "=", True)]))
        self.assertEqual(report.activity_ids.user_id, self.supervisor)

    def test_extension_approved_until_day_7(self):
        report = self._report()
        with self.assertRaisesRegex(UserError, "Say why"):
            report.action_request_extension()
        report.extension_reason = "Three days on site at the cooperative"
        report.action_request_extension()
        self.assertTrue(report.extension_requested)
        with self.assertRaises(AccessError):
            report.action_approve_extension()  # the agent cannot approve it
        report.with_user(self.supervisor).action_approve_extension()
        self.assertEqual(report.submit_deadline, date(2025, 3, 17))
        with freeze_time("2025-03-17 12:00:00"):
            report.action_submit()
        self.assertEqual(report.state, "submitted")

    def test_extension_by_a_plain_write_is_gated_too(self):
        """A list edit, an import or a script writing the extension flags goes
        through the same table as the buttons: asked by the agent with a
        reason, approved by a supervisor while the report is a draft."""
        report = self._report()
        with self.assertRaisesRegex(UserError, "Say why"):
            report.write({"extension_requested": True})
        self.assertFalse(report.extension_requested)
        with self.assertRaisesRegex(AccessError, "Callback Supervisor"):
            report.write({"extension_approved": True})
        self.assertFalse(report.extension_approved)
        report.write(
            {"extension_reason": "On site all week", "extension_requested": True}
        )
        self.assertEqual(report.activity_ids.user_id, self.supervisor)
        with freeze_time("2025-03-13 12:00:00"):
            report.action_submit()
        with self.assertRaisesRegex(UserError, "was submitted already"):
            report.with_user(self.supervisor).write({"extension_approved": True})
        report.invalidate_recordset()
        self.assertFalse(report.extension_approved)
        self.assertFalse(report.extension_approved_by_id)

    def test_day_8_late_even_with_extension(self):
        report = self._report()
        report.with_user(self.supervisor).action_approve_extension()
        with freeze_time("2025-03-18 12:00:00"):
            report.action_submit()
        self.assertEqual(report.state, "submitted")
        self.assertEqual((report.is_late, report.late_days), (True, 1))

    def test_lateness_is_the_agents_local_day(self):
        """Day 3 ends at midnight where the agent works, not in UTC."""
        self.agent.tz = "Asia/Shanghai"
        report = self._report()
        with freeze_time("2025-03-13 16:30:00"):  # 14 March 00:30 in Shanghai
            report.action_submit()
        self.assertTrue(report.is_late)

    def test_sent_back_report_keeps_its_first_lateness(self):
        report = self._report()
        with freeze_time("2025-03-12 12:00:00"):
            report.action_submit()
        as_supervisor = report.with_user(self.supervisor)
        as_supervisor.supervisor_comment = "Add the customers' own words."
        as_supervisor.action_send_back()
        self.assertFalse(report.submitted_on)
        with freeze_time("2025-03-16 12:00:00"):
            report.action_submit()
        self.assertFalse(report.is_late, "it reached the supervisor on day 2")

    def test_supervisor_comments_and_signs_off(self):
        report = self._report()
        with freeze_time("2025-03-11 12:00:00"):
            report.action_submit()
        as_supervisor = report.with_user(self.supervisor)
        with self.assertRaisesRegex(UserError, "Write your comment"):
            as_supervisor.action_sign_off()
        as_supervisor.write(
            {"supervisor_comment": "Thorough records.", "review_mark": "commendation"}
        )
        as_supervisor.action_sign_off()
        self.assertEqual(report.state, "reviewed")
        self.assertEqual(report.reviewer_id, self.supervisor)
        self.assertTrue(report.reviewed_on)
        self.assertFalse(report.activity_ids)

    def test_supervisor_sends_back(self):
        report = self._report()
        with freeze_time("2025-03-11 12:00:00"):
            report.action_submit()
        as_supervisor = report.with_user(self.supervisor)
        as_supervisor.supervisor_comment = "Add the customers' own words."
        as_supervisor.review_mark = "criticism"
        as_supervisor.action_send_back()
        self.assertEqual(report.state, "draft")

    def test_agent_cannot_review(self):
        report = self._report()
        with freeze_time("2025-03-11 12:00:00"):
            report.action_submit()
        with self.assertRaises(AccessError):
            report.write({"supervisor_comment": "Excellent, by myself"})
        with self.assertRaises(AccessError):
            report.action_sign_off()

    def test_one_report_per_agent_and_day(self):
        self._report()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self._report()
                self.env.flush_all()

    def test_empty_report_cannot_be_submitted(self):
        report = (
            self.env["service.callback.report"]
            .with_user(self.agent)
            .create({"report_date": "2025-03-05"})
        )
        with freeze_time("2025-03-06 12:00:00"):
            with self.assertRaisesRegex(UserError, "covers no callback"):
                report.action_submit()

    def test_submitted_report_cannot_be_deleted(self):
        report = self._report()
        with freeze_time("2025-03-11 12:00:00"):
            report.action_submit()
        with self.assertRaisesRegex(UserError, "Only draft"):
            report.unlink()

    def test_access_agents_own_supervisor_team(self):
        mine = self._report()
        theirs = self._report(self.other_agent)
        self.assertEqual(theirs.callback_ids, self.colleague)
        Report = self.env["service.callback.report"]
        self.assertEqual(Report.with_user(self.agent).search([]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.agent).read(["summary"])
        self.assertEqual(Report.with_user(self.supervisor).search([]), mine | theirs)
