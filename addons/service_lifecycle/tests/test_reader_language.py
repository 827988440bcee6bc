# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reasons the task order explains are stored as codes and numbers and worded
at read time, in the language of whoever reads them."""

from datetime import date, datetime

from odoo.tests import new_test_user, tagged
from odoo.tools import format_date

from .common import ComplaintDeskCase


@tagged("post_install", "-at_install")
class TestReasonsInTheReadersLanguage(ComplaintDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.order = cls._sell_and_deliver(
            cls.farmer, cls.lot, datetime(2025, 1, 10, 3), datetime(2025, 1, 12, 6)
        )
        cls.reader_zh = new_test_user(
            cls.env,
            "desk_reader_zh",
            groups="service_lifecycle.group_service_manager",
            lang="zh_CN",
        )
        cls.reader_en = new_test_user(
            cls.env,
            "desk_reader_en",
            groups="service_lifecycle.group_service_manager",
            lang="en_US",
        )

    def _read_as(self, user, record, fname):
        """``fname`` of ``record`` as ``user`` sees it in the web client (the
        session's context carries the user's language)."""
        record.invalidate_recordset([fname])
        context = user.with_user(user).context_get()
        self.assertEqual(context["lang"], user.lang)
        return record.with_user(user).with_context(**context)[fname]

    def test_warranty_reason_is_worded_for_each_reader(self):
        # written by an English user, read by a Chinese and an English one
        ticket = self._create_ticket(user=self.reader_en, fault_date=date(2025, 1, 15))
        self.assertFalse(ticket._fields["warranty_reason"].store)
        self.assertEqual(
            (
                ticket.warranty_reason_code,
                ticket.warranty_period,
                ticket.warranty_fault_day,
            ),
            ("return_window", 7, 3),
        )
        self.assertEqual(
            self._read_as(self.reader_zh, ticket, "warranty_reason"),
            "故障发生在第 3 天，在 7 天退货期内。",  # noqa: RUF001
        )
        self.assertEqual(
            self._read_as(self.reader_en, ticket, "warranty_reason"),
            "Fault on day 3, within the 7-day return window.",
        )

    def test_ended_period_is_worded_with_the_readers_date_format(self):
        ticket = self._create_ticket(
            user=self.reader_zh,
            fault_date=date(2026, 1, 13),
            duplicate_confirmed=True,
        )
        self.assertEqual(ticket.warranty_decision, "paid")
        self.assertEqual(ticket.warranty_reason_code, "machine_ended")
        self.assertEqual(ticket.warranty_until, date(2026, 1, 12))
        zh_env = self.env(context={"lang": "zh_CN"})
        self.assertEqual(
            self._read_as(self.reader_zh, ticket, "warranty_reason"),
            "整机的 12 个月免费维修期已于 %s 结束。"
            % format_date(zh_env, date(2026, 1, 12)),
        )
        self.assertEqual(
            self._read_as(self.reader_en, ticket, "warranty_reason"),
            "The 12-month free repair period of the whole machine ended on %s."
            % format_date(self.env(context={"lang": "en_US"}), date(2026, 1, 12)),
        )
        # the main component is still covered: the reason follows the decision
        ticket.faulty_part_id = self.engine
        self.assertEqual(ticket.warranty_reason_code, "main_component_covered")
        self.assertIn(
            "主要部件", self._read_as(self.reader_zh, ticket, "warranty_reason")
        )
        ticket.faulty_part_id = self.belt
        self.assertEqual(
            self._read_as(self.reader_zh, ticket, "warranty_reason"),
            "易损件不在三包范围内。",
        )
        self.assertEqual(
            self._read_as(self.reader_en, ticket, "warranty_reason"),
            "Wearing parts are never covered by the warranty.",
        )

    def test_major_candidate_reason_is_worded_for_each_reader(self):
        # the group leader who reviews it reads Chinese
        self.group_leader.lang = "zh_CN"
        self._create_complaint(received_date=datetime(2025, 6, 2, 2, 0))
        second = self._create_complaint(received_date=datetime(2025, 6, 3, 2, 0))
        self.assertTrue(second.complaint_major_candidate)
        review = second.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("service_lifecycle.mail_activity_type_complaint_review")
            )
        )
        self.assertEqual(review.user_id, self.group_leader)
        self.assertIn("连续 2 次投诉", review.note)
        self.assertEqual(
            self._read_as(self.reader_zh, second, "complaint_candidate_reason"),
            "连续 2 次投诉",
        )
        self.assertEqual(
            self._read_as(self.reader_en, second, "complaint_candidate_reason"),
            "complained of 2 times in a row",
        )
