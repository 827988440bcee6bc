# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

import pytz

from odoo.tests import BaseCase, tagged

from ..rules.deadlines import (
    NotEnoughWorkingTime,
    add_working_time,
    merge_intervals,
    sla_state,
)

SHANGHAI = pytz.timezone("Asia/Shanghai")


def _at(day, hour, minute=0, tz=SHANGHAI):
    return tz.localize(datetime(2025, 6, day, hour, minute))


def _office_hours(days, tz=SHANGHAI):
    """08:00-12:00 and 13:00-17:00 on the given June 2025 days."""
    intervals = []
    for day in days:
        intervals.append((_at(day, 8, tz=tz), _at(day, 12, tz=tz)))
        intervals.append((_at(day, 13, tz=tz), _at(day, 17, tz=tz)))
    return intervals


# 2 June 2025 is a Monday: 2-6 and 9-13 are working days
WEEKDAYS = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13]


@tagged("post_install", "-at_install")
class TestDeadlineRules(BaseCase):
    def test_inside_one_interval(self):
        intervals = _office_hours(WEEKDAYS)
        deadline = add_working_time(_at(2, 9), timedelta(minutes=15), intervals)
        self.assertEqual(deadline, _at(2, 9, 15))

    def test_lunch_break_is_skipped(self):
        intervals = _office_hours(WEEKDAYS)
        deadline = add_working_time(_at(2, 11, 50), timedelta(minutes=15), intervals)
        self.assertEqual(deadline, _at(2, 13, 5))

    def test_overnight(self):
        intervals = _office_hours(WEEKDAYS)
        deadline = add_working_time(_at(2, 16, 50), timedelta(minutes=15), intervals)
        self.assertEqual(deadline, _at(3, 8, 5))
        # a call at night starts counting at 08:00 the next morning
        deadline = add_working_time(_at(2, 22), timedelta(minutes=15), intervals)
        self.assertEqual(deadline, _at(3, 8, 15))

    def test_over_the_weekend(self):
        intervals = _office_hours(WEEKDAYS)
        # Friday 16:00 + 24 working hours = 3 full days after the Friday hour
        deadline = add_working_time(_at(6, 16), timedelta(hours=24), intervals)
        self.assertEqual(deadline, _at(11, 16))
        # a Saturday call: Monday morning
        deadline = add_working_time(_at(7, 10), timedelta(minutes=15), intervals)
        self.assertEqual(deadline, _at(9, 8, 15))

    def test_public_holiday_removed_from_intervals(self):
        # Dragon Boat Festival 2 June 2025 (Monday): the model removes it
        intervals = _office_hours([d for d in WEEKDAYS if d != 2])
        deadline = add_working_time(_at(1, 20), timedelta(hours=24), intervals)
        self.assertEqual(deadline, _at(5, 17))

    def test_72_hours_are_nine_working_days(self):
        intervals = _office_hours([*WEEKDAYS, 16, 17])
        deadline = add_working_time(_at(2, 8), timedelta(hours=72), intervals)
        self.assertEqual(deadline, _at(12, 17))

    def test_time_zones(self):
        intervals = _office_hours(WEEKDAYS)
        # 01:00 UTC is 09:00 in Shanghai; the answer is the same instant
        start = pytz.utc.localize(datetime(2025, 6, 2, 1, 0))
        deadline = add_working_time(start, timedelta(minutes=30), intervals)
        self.assertEqual(deadline, _at(2, 9, 30))
        self.assertEqual(
            deadline.astimezone(pytz.utc),
            pytz.utc.localize(datetime(2025, 6, 2, 1, 30)),
        )
        # 10:00 UTC on Monday is 18:00 in Shanghai: after hours
        start = pytz.utc.localize(datetime(2025, 6, 2, 10, 0))
        deadline = add_working_time(start, timedelta(minutes=15), intervals)
        self.assertEqual(deadline, _at(3, 8, 15))
        # a Berlin calendar: 08:00 there is 14:00 in Shanghai
        berlin = pytz.timezone("Europe/Berlin")
        deadline = add_working_time(
            _at(2, 13), timedelta(minutes=15), _office_hours(WEEKDAYS, tz=berlin)
        )
        self.assertEqual(deadline, _at(2, 8, 15, tz=berlin))

    def test_zero_duration_and_overlaps(self):
        intervals = [*_office_hours(WEEKDAYS), (_at(2, 11), _at(2, 14))]
        self.assertEqual(
            add_working_time(_at(2, 9), timedelta(0), intervals), _at(2, 9)
        )
        self.assertEqual(
            add_working_time(_at(2, 18), timedelta(0), intervals), _at(3, 8)
        )
        # the overlap fills the lunch break of 2 June
        self.assertEqual(
            add_working_time(_at(2, 11, 30), timedelta(hours=1), intervals),
            _at(2, 12, 30),
        )
        self.assertEqual(len(merge_intervals(intervals)), len(intervals) - 2)

    def test_errors(self):
        intervals = _office_hours([2])
        with self.assertRaises(NotEnoughWorkingTime):
            add_working_time(_at(2, 8), timedelta(hours=9), intervals)
        with self.assertRaises(ValueError):
            add_working_time(datetime(2025, 6, 2, 8), timedelta(hours=1), intervals)
        with self.assertRaises(ValueError):
            add_working_time(_at(2, 8), timedelta(hours=-1), intervals)

    def test_sla_states(self):
        start, deadline = datetime(2025, 6, 2, 8), datetime(2025, 6, 2, 12)
        self.assertEqual(
            sla_state(start, deadline, None, datetime(2025, 6, 2, 9), 0.25), "on_track"
        )
        # last quarter (the last hour) is at risk, boundary included
        self.assertEqual(
            sla_state(start, deadline, None, datetime(2025, 6, 2, 11), 0.25), "at_risk"
        )
        self.assertEqual(
            sla_state(start, deadline, None, datetime(2025, 6, 2, 10, 59), 0.25),
            "on_track",
        )
        self.assertEqual(
            sla_state(start, deadline, None, datetime(2025, 6, 2, 12), 0.25), "at_risk"
        )
        self.assertEqual(
            sla_state(start, deadline, None, datetime(2025, 6, 2, 12, 1), 0.25),
            "breached",
        )
        self.assertEqual(
            sla_state(start, deadline, deadline, datetime(2025, 6, 3), 0.25), "met"
        )
        late = deadline + timedelta(seconds=1)
        self.assertEqual(
            sla_state(start, deadline, late, datetime(2025, 6, 3), 0.25), "breached"
        )
        self.assertFalse(sla_state(start, False, None, datetime(2025, 6, 3), 0.25))
