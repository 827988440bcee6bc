# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The reply letter of a complaint that asked for a written reply only, and
one record per issue for a complaint sent to several departments."""

import base64

from markupsafe import Markup

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import ComplaintDeskCase, load_zh_cn


@tagged("post_install", "-at_install")
class TestComplaintReplyLetter(ComplaintDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_zh_cn(cls.env)
        cls.company.name = "Kaituo Machinery"

    def _reply_only(self):
        complaint = self._create_complaint(complaint_reply_only=True)
        complaint.with_user(self.assistant).action_complaint_reply()
        return complaint

    def test_letter_attached_sent_and_required_to_close(self):
        complaint = self._reply_only()
        with self.assertRaisesRegex(UserError, "Record the solution"):
            complaint.with_user(self.assistant).action_complaint_reply_letter()
        complaint.with_user(self.assistant).write(
            {
                "solution": Markup("<p>Starter replaced free of charge</p>"),
                "complaint_cause": "repair_quality",
                "complaint_preventive_measure": "Starters tested at every service",
                "complaint_summary": Markup("<p>Letter sent</p>"),
            }
        )
        complaint.with_user(self.assistant).action_complaint_solved()
        with self.assertRaisesRegex(UserError, "attach the written reply"):
            complaint.with_user(self.assistant).action_close()
        complaint.with_user(self.assistant).action_complaint_reply_letter()
        letter = complaint.complaint_reply_attachment_ids
        self.assertEqual(len(letter), 1)
        self.assertEqual(letter.res_id, complaint.id)
        self.assertTrue(complaint.complaint_reply_letter_date)
        # the letter's text (tests render the report's HTML, not the PDF)
        text = base64.b64decode(letter.datas).decode()
        for part in (
            "Reply Letter",
            "Dear <span>Wang Farm</span>",
            complaint.name,
            "Repair Quality",
            "Starter replaced free of charge",
            "Starters tested at every service",
            "please contact us",
            "Kaituo Machinery",
        ):
            self.assertIn(part, text)
        # sent to the customer, with the letter
        message = complaint.message_ids.filtered(lambda m: letter in m.attachment_ids)
        self.assertIn(self.farmer, message.partner_ids)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        action = complaint.with_user(self.assistant).action_close()
        wizard = self.env[action["res_model"]].with_context(action["context"])
        wizard.create({"satisfaction": "satisfied"}).action_confirm()
        self.assertTrue(complaint.closed)

    def test_letter_in_the_customers_language_logged_without_address(self):
        self.farmer.write({"lang": "zh_CN", "email": False})
        complaint = self._reply_only()
        complaint.solution = Markup("<p>免费更换起动机</p>")
        complaint.with_user(self.assistant).action_complaint_reply_letter()
        text = base64.b64decode(complaint.complaint_reply_attachment_ids.datas).decode()
        self.assertIn("回复函", text)
        self.assertIn("免费更换起动机", text)
        self.assertNotIn("Reply Letter", text)
        message = complaint.message_ids.filtered(
            lambda m: complaint.complaint_reply_attachment_ids <= m.attachment_ids
        )
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_note"))
        self.assertFalse(message.partner_ids)

    def test_only_complaints(self):
        repair = self._create_ticket(solution=Markup("<p>Fixed</p>"))
        with self.assertRaisesRegex(UserError, "is not a complaint"):
            repair.action_complaint_reply_letter()


@tagged("post_install", "-at_install")
class TestComplaintAcrossDepartments(ComplaintDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hotline_department = cls.env["hr.department"].create({"name": "Hotline"})
        cls.sales_department = cls.env["hr.department"].create({"name": "Sales"})
        cls.env["hr.employee"].create(
            [
                {
                    "name": "Agent",
                    "user_id": cls.agent.id,
                    "department_id": cls.hotline_department.id,
                },
                {
                    "name": "Assistant",
                    "user_id": cls.assistant.id,
                    "department_id": cls.sales_department.id,
                },
            ]
        )

    @freeze_time("2025-06-04 02:00:00")
    def test_sent_to_two_departments_is_one_record(self):
        first = self._create_complaint(user=self.agent, duplicate_confirmed=False)
        self.assertEqual(
            first.complaint_received_department_id, self.hotline_department
        )
        # the same complainant went to the sales department with the same issue
        copy = self._create_complaint(user=self.assistant, duplicate_confirmed=False)
        self.assertEqual(copy.complaint_received_department_id, self.sales_department)
        self.assertIn(first, copy.duplicate_candidate_ids)
        copy.with_user(self.assistant).action_link_to_duplicate()
        self.assertEqual(copy.duplicate_id, first)
        self.assertEqual(
            first.complaint_department_ids,
            self.hotline_department | self.sales_department,
        )
        # one record: the copy is not a repeat of the issue
        self.assertEqual(first.complaint_repeat_count, 1)
        self.assertFalse(first.complaint_major_candidate)
        self.assertTrue(copy.closed)

    @freeze_time("2025-06-04 02:00:00")
    def test_complaining_again_to_the_same_department_is_a_repeat(self):
        first = self._create_complaint(user=self.agent, duplicate_confirmed=False)
        again = self._create_complaint(user=self.agent, duplicate_confirmed=False)
        again.with_user(self.agent).action_link_to_duplicate()
        self.assertEqual(first.complaint_repeat_count, 2)
        self.assertTrue(first.complaint_major_candidate)
