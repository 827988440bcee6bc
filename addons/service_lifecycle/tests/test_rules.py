# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import BaseCase, tagged

from ..rules import followup_cadence, milestone_schedule


@tagged("post_install", "-at_install")
class TestFollowupCadence(BaseCase):
    def test_defaults_follow_the_domain(self):
        today = date(2026, 3, 2)
        a = followup_cadence.DEFAULT_CADENCES["a"]
        self.assertEqual(followup_cadence.next_followup_date(today, 0, a), today)
        self.assertEqual(
            followup_cadence.next_followup_date(today, 1, a), date(2026, 3, 5)
        )
        self.assertEqual(
            followup_cadence.next_followup_date(today, 5, a), date(2026, 3, 5)
        )
        b = followup_cadence.DEFAULT_CADENCES["b"]
        self.assertEqual(
            followup_cadence.next_followup_date(today, 2, b), date(2026, 3, 9)
        )
        c = followup_cadence.DEFAULT_CADENCES["c"]
        self.assertEqual(
            followup_cadence.next_followup_date(today, 0, c), date(2026, 3, 9)
        )
        self.assertIsNone(
            followup_cadence.next_followup_date(
                today, 0, followup_cadence.DEFAULT_CADENCES["d"]
            )
        )

    def test_no_repeat_after_the_second(self):
        self.assertIsNone(
            followup_cadence.next_followup_date(date(2026, 1, 1), 2, (0, 3, 0))
        )
        self.assertEqual(
            followup_cadence.next_followup_date(date(2026, 1, 1), 1, (0, 3, 0)),
            date(2026, 1, 4),
        )

    def test_invalid_input(self):
        with self.assertRaises(ValueError):
            followup_cadence.next_followup_date(date(2026, 1, 1), -1, (0, 3, 7))
        with self.assertRaises(ValueError):
            followup_cadence.next_followup_date(date(2026, 1, 1), 0, (-1, 3, 7))


@tagged("post_install", "-at_install")
class TestMilestoneSchedule(BaseCase):
    def test_planned_backwards_from_delivery(self):
        plan = milestone_schedule.plan_milestones(date(2026, 3, 1), date(2026, 3, 20))
        self.assertEqual(list(plan), list(milestone_schedule.MILESTONES))
        self.assertEqual(plan["shipped"], date(2026, 3, 17))
        self.assertEqual(plan["quality_passed"], date(2026, 3, 15))
        self.assertEqual(plan["accepted"], date(2026, 3, 27))

    def test_close_delivery_never_goes_back_in_time(self):
        plan = milestone_schedule.plan_milestones(date(2026, 3, 1), date(2026, 3, 3))
        dates = list(plan.values())
        self.assertEqual(dates, sorted(dates))
        self.assertEqual(plan["quality_passed"], date(2026, 3, 3))
        self.assertEqual(plan["delivered"], date(2026, 3, 3))

    def test_no_or_past_delivery_date(self):
        for delivery in (None, date(2026, 2, 1)):
            plan = milestone_schedule.plan_milestones(date(2026, 3, 1), delivery)
            self.assertEqual(plan["delivered"], date(2026, 3, 8))

    def test_lateness_boundaries(self):
        planned = date(2026, 3, 10)
        self.assertFalse(milestone_schedule.is_late(planned, None, date(2026, 3, 10)))
        self.assertTrue(milestone_schedule.is_late(planned, None, date(2026, 3, 11)))
        self.assertFalse(
            milestone_schedule.is_late(planned, date(2026, 3, 10), date(2026, 4, 1))
        )
        self.assertTrue(
            milestone_schedule.is_late(planned, date(2026, 3, 11), date(2026, 3, 11))
        )
        self.assertFalse(milestone_schedule.is_late(None, None, date(2026, 4, 1)))
