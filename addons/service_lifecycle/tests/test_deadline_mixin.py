# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The deadlines shared by the task order and the escalation order
(``service.deadline.mixin``), and the working intervals they are counted in
(``resource.calendar._get_work_intervals``)."""

from datetime import date, datetime, timedelta

import pytz

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import ServiceDeskCase

SHANGHAI = pytz.timezone("Asia/Shanghai")
# Monday 2 June 2025, 09:00 in Shanghai is 01:00 UTC; the fields hold UTC.
MONDAY_9 = "2025-06-02 01:00:00"


def _shanghai(day, hour, minute=0):
    return SHANGHAI.localize(datetime(2025, 6, day, hour, minute))


@tagged("post_install", "-at_install")
class TestEscalationDeadlines(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.late_type = cls.env.ref(
            "service_lifecycle.mail_activity_type_escalation_late"
        )

    def _escalate(self, ticket):
        escalation = self.env["service.escalation"].create(
            {"ticket_id": ticket.id, "user_id": self.expert.id}
        )
        escalation.action_submit()
        return escalation

    @freeze_time(MONDAY_9)
    def test_same_clock_as_the_task_order(self):
        """Submitted when the task order is received, with the task order's
        first-response time and clock, the answer is due when the first
        response is."""
        self.env["service.policy.rule"].search([]).response_clock = "working"
        ticket = self._create_ticket()
        self.company.service_escalation_hours = ticket.policy_rule_id.response_hours
        escalation = self._escalate(ticket)
        # 24 working hours = three working days: Thursday 09:00
        self.assertEqual(escalation.answer_deadline, datetime(2025, 6, 5, 1, 0))
        self.assertEqual(escalation.answer_deadline, ticket.response_deadline)
        # on clock hours both are due Tuesday 09:00
        self.env["service.policy.rule"].search([]).response_clock = "calendar"
        self.company.service_escalation_clock = "calendar"
        ticket = self._create_ticket(lot_id=self.lot_spare.id)
        escalation = self._escalate(ticket)
        self.assertEqual(escalation.answer_deadline, datetime(2025, 6, 3, 1, 0))
        self.assertEqual(escalation.answer_deadline, ticket.response_deadline)

    @freeze_time(MONDAY_9)
    def test_team_calendar_holidays_and_time_zone(self):
        # Tuesday 3 June in Shanghai
        self._add_public_holiday(
            datetime(2025, 6, 2, 16, 0), datetime(2025, 6, 3, 15, 59)
        )
        ticket = self._create_ticket()
        self.company.service_escalation_hours = 24.0
        # the holiday is skipped: Friday 09:00
        self.assertEqual(
            self._escalate(ticket).answer_deadline, datetime(2025, 6, 6, 1, 0)
        )
        # the team works in Berlin: 03:00 there, the clock starts at 08:00
        self.calendar.tz = "Europe/Berlin"
        self.company.service_escalation_hours = 0.25
        self.assertEqual(
            self._escalate(ticket).answer_deadline, datetime(2025, 6, 2, 6, 15)
        )
        # a team without a calendar counts in the company's
        ticket.team_id = False
        self.company.resource_calendar_id = self.calendar
        self.assertEqual(
            self._escalate(ticket).answer_deadline, datetime(2025, 6, 2, 6, 15)
        )

    def test_late_at_the_deadline_boundary(self):
        with freeze_time(MONDAY_9):
            ticket = self._create_ticket()
            on_time, late = self._escalate(ticket), self._escalate(ticket)
        # 48 working hours: six working days, Tuesday 10 June 09:00
        self.assertEqual(on_time.answer_deadline, datetime(2025, 6, 10, 1, 0))
        Escalation = self.env["service.escalation"]
        with freeze_time("2025-06-10 01:00:00"):
            (on_time | late).invalidate_recordset(["is_late"])
            self.assertFalse(on_time.is_late, "due now is not late yet")
            on_time.answer = "<p>Replace the injector</p>"
            on_time.with_user(self.expert).action_answer()
        with freeze_time("2025-06-10 01:00:01"):
            (on_time | late).invalidate_recordset(["is_late"])
            self.assertFalse(on_time.is_late, "answered in time")
            self.assertTrue(late.is_late)
            self.assertEqual(Escalation.search([("is_late", "=", True)]), late)
            late.answer = "<p>Replace the pump</p>"
            late.with_user(self.expert).action_answer()
        with freeze_time("2025-06-20 01:00:00"):
            (on_time | late).invalidate_recordset(["is_late"])
            self.assertTrue(late.is_late, "answered too late stays late")
            self.assertFalse(on_time.is_late)

    def test_late_alert_once_due_the_deadline_day_in_the_readers_language(self):
        self.manager.lang = "zh_CN"
        self.company.service_escalation_user_id = self.manager
        with freeze_time(MONDAY_9):
            ticket = self._create_ticket()
            first, second = self._escalate(ticket), self._escalate(ticket)
        Escalation = self.env["service.escalation"]
        with freeze_time("2025-06-12 01:00:00"):
            Escalation._cron_check_late()
            activities = (first | second).activity_ids.filtered(
                lambda a: a.activity_type_id == self.late_type
            )
            self.assertEqual(len(activities), 2)
            self.assertEqual(activities.user_id, self.manager)
            # due the day the answer was due, in the company's time zone
            self.assertEqual(
                set(activities.mapped("date_deadline")), {date(2025, 6, 10)}
            )
            self.assertEqual(
                activities.filtered(lambda a: a.res_id == first.id).summary,
                f"疑难升级单 {first.name} 未按时答复",
            )
            self.assertTrue(first.late_alert_sent and second.late_alert_sent)
            Escalation._cron_check_late()
            self.assertEqual(
                (first | second).activity_ids.filtered(
                    lambda a: a.activity_type_id == self.late_type
                ),
                activities,
            )

    def test_late_alert_is_due_the_local_day(self):
        """A deadline at 17:00 in Los Angeles is midnight UTC, the next day:
        the alert falls due on the day the team lives."""
        self.calendar.tz = "America/Los_Angeles"
        self.company.service_escalation_user_id = self.manager
        self.company.service_escalation_hours = 1.0
        # Monday 2 June 16:00 in Los Angeles (PDT, UTC-7)
        with freeze_time("2025-06-02 23:00:00"):
            escalation = self._escalate(self._create_ticket())
        self.assertEqual(escalation.answer_deadline, datetime(2025, 6, 3, 0, 0))
        with freeze_time("2025-06-04 00:00:00"):
            self.env["service.escalation"]._cron_check_late()
        alert = escalation.activity_ids.filtered(
            lambda a: a.activity_type_id == self.late_type
        )
        self.assertEqual(alert.date_deadline, date(2025, 6, 2))

    def test_late_cron_batches(self):
        with freeze_time(MONDAY_9):
            ticket = self._create_ticket()
            escalations = self._escalate(ticket) | self._escalate(ticket)
            escalations |= self._escalate(ticket)
        with freeze_time("2025-06-12 01:00:00"):
            self.env["service.escalation"]._cron_check_late(batch_size=2)
            self.assertEqual(len(escalations.filtered("late_alert_sent")), 2)
            self.env["service.escalation"]._cron_check_late(batch_size=2)
            self.assertTrue(all(escalations.mapped("late_alert_sent")))


@tagged("post_install", "-at_install")
class TestCalendarWorkIntervals(ServiceDeskCase):
    def _intervals(self, calendar, first, last, hours):
        return calendar._get_work_intervals(
            first.astimezone(pytz.utc).replace(tzinfo=None),
            last.astimezone(pytz.utc).replace(tzinfo=None),
            hours,
        )

    def _work_after(self, intervals, moment):
        return sum(
            (stop - max(start, moment) for start, stop in intervals if stop > moment),
            timedelta(0),
        )

    def test_without_calendar_time_runs_round_the_clock(self):
        first, last = _shanghai(2, 9), _shanghai(7, 22)  # to a Saturday night
        expected = [(first, last + timedelta(hours=25))]
        self.assertEqual(
            self._intervals(self.env["resource.calendar"], first, last, 24), expected
        )
        no_hours = self.env["resource.calendar"].create(
            {"name": "No hours", "attendance_ids": [Command.clear()]}
        )
        self.assertFalse(no_hours.attendance_ids)
        self.assertEqual(self._intervals(no_hours, first, last, 24), expected)

    def test_intervals_start_at_the_first_start(self):
        # inside the morning: the first interval starts then (time-zone aware)
        intervals = self._intervals(self.calendar, _shanghai(2, 9), _shanghai(2, 9), 1)
        self.assertEqual(intervals[0], (_shanghai(2, 9), _shanghai(2, 12)))
        self.assertIsNotNone(intervals[0][0].tzinfo)
        # at the end of the morning: nothing is left before the afternoon
        intervals = self._intervals(
            self.calendar, _shanghai(2, 12), _shanghai(2, 12), 1
        )
        working = [(start, stop) for start, stop in intervals if stop > start]
        self.assertEqual(working[0], (_shanghai(2, 13), _shanghai(2, 17)))
        # on a Saturday: Monday morning
        intervals = self._intervals(
            self.calendar, _shanghai(7, 10), _shanghai(7, 10), 1
        )
        working = [(start, stop) for start, stop in intervals if stop > start]
        self.assertEqual(working[0][0], _shanghai(9, 8))

    def test_enough_working_time_after_the_last_start(self):
        first, last = _shanghai(2, 9), _shanghai(6, 16)
        for hours in (0, 1, 40, 72, 2000):
            intervals = self._intervals(self.calendar, first, last, hours)
            self.assertGreaterEqual(
                self._work_after(intervals, last), timedelta(hours=hours), hours
            )
            self.assertGreaterEqual(min(start for start, _stop in intervals), first)

    def test_a_calendar_without_working_time_is_refused(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Closed for works",
                "date_from": datetime(2025, 5, 1),
                "date_to": datetime(2028, 1, 1),
                "calendar_id": self.calendar.id,
                "company_id": self.company.id,
            }
        )
        with self.assertRaisesRegex(UserError, "too little working time"):
            self._intervals(self.calendar, _shanghai(2, 9), _shanghai(2, 9), 1)
