# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, time

from odoo.addons.service_lifecycle.rules.figures import add_months, local_day
from odoo.tests import BaseCase, tagged

from ..rules import callback_schedule as cs

# The default rules' schedules (data/service_callback_rule_data.xml).
INSTALLATION = cs.Schedule(1, "months", 0, 6, "months")
ONSITE_KEY = cs.Schedule(6, "months", 0, 6, "months")
ONSITE_BIG = cs.Schedule(1, "years", 0, 1, "years")
COMPLAINT = cs.Schedule(3, "days", 0, 0, "days", 1)
REPAIR = cs.Schedule(1, "months", 0, 0, "months", 1)
SPECIAL = cs.Schedule(10, "days", 0, 0, "days", 1)
SERVICE = cs.Schedule(1, "weeks", 0, 0, "weeks", 1)
LEAD_AB = cs.Schedule(0, "days", 3, 7, "days")
LEAD_C = cs.Schedule(7, "days", 0, 7, "days")
VISIT_A = cs.Schedule(0, "days", 3, 3, "days")
DEAL = cs.Schedule(0, "days", 0, 15, "days")


@tagged("post_install", "-at_install")
class TestMonthArithmetic(BaseCase):
    def test_month_end_is_clamped(self):
        self.assertEqual(add_months(date(2025, 1, 31), 1), date(2025, 2, 28))
        self.assertEqual(add_months(date(2024, 1, 31), 1), date(2024, 2, 29))
        self.assertEqual(add_months(date(2025, 3, 31), 1), date(2025, 4, 30))
        self.assertEqual(add_months(date(2025, 1, 30), 1), date(2025, 2, 28))
        self.assertEqual(add_months(date(2025, 1, 15), 1), date(2025, 2, 15))

    def test_across_years_and_backwards(self):
        self.assertEqual(add_months(date(2025, 11, 30), 3), date(2026, 2, 28))
        self.assertEqual(add_months(date(2025, 3, 31), -1), date(2025, 2, 28))
        self.assertEqual(
            cs.add_period(date(2024, 2, 29), 1, "years"), date(2025, 2, 28)
        )
        self.assertEqual(
            cs.add_period(date(2025, 1, 31), 2, "weeks"), date(2025, 2, 14)
        )

    def test_unknown_unit(self):
        with self.assertRaises(ValueError):
            cs.add_period(date(2025, 1, 1), 1, "fortnights")


@tagged("post_install", "-at_install")
class TestDefaultRuleDueDates(BaseCase):
    def test_installation_first_month_then_every_six_without_drift(self):
        self.assertEqual(
            cs.occurrences(date(2025, 1, 31), INSTALLATION, end=date(2027, 3, 1)),
            [
                (1, date(2025, 2, 28)),
                (2, date(2025, 8, 31)),
                (3, date(2026, 2, 28)),
                (4, date(2026, 8, 31)),
                (5, date(2027, 2, 28)),
            ],
        )
        # leap year: February 29, then back to the 31st
        self.assertEqual(
            cs.due_date(date(2024, 1, 31), INSTALLATION, 1), date(2024, 2, 29)
        )
        self.assertEqual(
            cs.due_date(date(2024, 1, 31), INSTALLATION, 2), date(2024, 8, 31)
        )
        # 21 occurrences later still on the month end (chaining would give the 28th)
        self.assertEqual(
            cs.due_date(date(2025, 1, 31), INSTALLATION, 21), date(2035, 2, 28)
        )
        self.assertEqual(
            cs.due_date(date(2025, 1, 31), INSTALLATION, 22), date(2035, 8, 31)
        )

    def test_onsite_key_accounts_every_six_months_big_accounts_yearly(self):
        anchor = date(2025, 8, 31)
        self.assertEqual(
            cs.occurrences(anchor, ONSITE_KEY, end=date(2026, 12, 31)),
            [(1, date(2026, 2, 28)), (2, date(2026, 8, 31))],
        )
        self.assertEqual(
            cs.occurrences(anchor, ONSITE_BIG, end=date(2027, 12, 31)),
            [(1, date(2026, 8, 31)), (2, date(2027, 8, 31))],
        )
        self.assertEqual(
            cs.due_date(date(2024, 2, 29), ONSITE_BIG, 1), date(2025, 2, 28)
        )
        self.assertEqual(
            cs.due_date(date(2024, 2, 29), ONSITE_BIG, 4), date(2028, 2, 29)
        )

    def test_event_callbacks_happen_once(self):
        self.assertEqual(cs.due_date(date(2025, 2, 27), COMPLAINT, 1), date(2025, 3, 2))
        self.assertIsNone(cs.due_date(date(2025, 2, 27), COMPLAINT, 2))
        self.assertEqual(cs.due_date(date(2025, 1, 31), REPAIR, 1), date(2025, 2, 28))
        self.assertEqual(cs.due_date(date(2025, 12, 25), SPECIAL, 1), date(2026, 1, 4))
        self.assertEqual(cs.due_date(date(2025, 2, 25), SERVICE, 1), date(2025, 3, 4))
        self.assertEqual(
            cs.occurrences(date(2025, 1, 1), REPAIR, end=date(2030, 1, 1)),
            [(1, date(2025, 2, 1))],
        )

    def test_lead_grade_cadences(self):
        anchor = date(2025, 3, 3)
        self.assertEqual(
            cs.occurrences(anchor, LEAD_AB, end=date(2025, 3, 20)),
            [
                (1, date(2025, 3, 3)),
                (2, date(2025, 3, 6)),
                (3, date(2025, 3, 13)),
                (4, date(2025, 3, 20)),
            ],
        )
        self.assertEqual(
            cs.occurrences(anchor, VISIT_A, end=date(2025, 3, 12)),
            [
                (1, date(2025, 3, 3)),
                (2, date(2025, 3, 6)),
                (3, date(2025, 3, 9)),
                (4, date(2025, 3, 12)),
            ],
        )
        self.assertEqual(
            cs.occurrences(anchor, LEAD_C, end=date(2025, 3, 24)),
            [(1, date(2025, 3, 10)), (2, date(2025, 3, 17)), (3, date(2025, 3, 24))],
        )
        self.assertEqual(
            cs.occurrences(anchor, DEAL, end=date(2025, 4, 2)),
            [(1, date(2025, 3, 3)), (2, date(2025, 3, 18)), (3, date(2025, 4, 2))],
        )


@tagged("post_install", "-at_install")
class TestOccurrenceWindow(BaseCase):
    def test_window_bounds_are_inclusive(self):
        anchor = date(2020, 1, 31)
        self.assertEqual(
            cs.occurrences(anchor, INSTALLATION, date(2025, 2, 28), date(2025, 8, 31)),
            [(11, date(2025, 2, 28)), (12, date(2025, 8, 31))],
        )
        self.assertEqual(
            cs.occurrences(anchor, INSTALLATION, date(2025, 3, 1), date(2025, 8, 30)),
            [],
        )

    def test_old_anchor_with_short_interval(self):
        # a deal won ten years ago: the window is found without missing one
        anchor = date(2015, 1, 1)
        found = cs.occurrences(anchor, DEAL, date(2025, 1, 1), date(2025, 1, 31))
        expected = [
            (n, cs.due_date(anchor, DEAL, n))
            for n in range(1, 400)
            if date(2025, 1, 1) <= cs.due_date(anchor, DEAL, n) <= date(2025, 1, 31)
        ]
        self.assertEqual(found, expected)
        self.assertEqual(len(found), 2)

    def test_first_callback_of_an_event_whatever_the_window(self):
        found = cs.occurrences(
            date(2025, 1, 31),
            ONSITE_BIG,
            date(2025, 1, 31),
            date(2025, 3, 1),
            always_first=True,
        )
        self.assertEqual(found, [(1, date(2026, 1, 31))])

    def test_open_recurrence_needs_an_end(self):
        with self.assertRaises(ValueError):
            cs.occurrences(date(2025, 1, 1), INSTALLATION)

    def test_fewer_calls_double_the_interval(self):
        slow = cs.scale_interval(INSTALLATION, 2)
        self.assertEqual(slow.interval, 12)
        self.assertEqual(
            cs.occurrences(date(2025, 1, 31), slow, end=date(2027, 3, 1)),
            [(1, date(2025, 2, 28)), (2, date(2026, 2, 28)), (3, date(2027, 2, 28))],
        )
        self.assertIs(cs.scale_interval(COMPLAINT, 2), COMPLAINT)
        self.assertIs(cs.scale_interval(INSTALLATION, 1), INSTALLATION)


@tagged("post_install", "-at_install")
class TestContactWindows(BaseCase):
    WINDOWS = cs.parse_windows(cs.DEFAULT_WINDOWS)
    MONDAY = date(2025, 3, 10)

    def at(self, hour, minute=0, day=None):
        return datetime.combine(day or self.MONDAY, time(hour, minute))

    def test_parse(self):
        self.assertEqual(
            self.WINDOWS,
            [(time(10), time(11, 30)), (time(15, 30), time(17))],
        )
        self.assertEqual(
            cs.parse_windows(" 15:30-17:00 , 9:00-9:30"),
            [(time(9), time(9, 30)), (time(15, 30), time(17))],
        )
        for bad in (
            "",
            "10-11",
            "11:30-10:00",
            "10:00-12:00,11:00-13:00",
            "25:00-26:00",
        ):
            with self.assertRaises(ValueError, msg=bad):
                cs.parse_windows(bad)

    def test_window_boundaries(self):
        nxt = cs.next_contact_time
        self.assertEqual(nxt(self.at(9, 59), self.WINDOWS), self.at(10))
        self.assertEqual(nxt(self.at(10), self.WINDOWS), self.at(10))
        self.assertEqual(nxt(self.at(11, 29), self.WINDOWS), self.at(11, 29))
        self.assertEqual(nxt(self.at(11, 30), self.WINDOWS), self.at(15, 30))
        self.assertEqual(nxt(self.at(15, 30), self.WINDOWS), self.at(15, 30))
        self.assertEqual(nxt(self.at(16, 59), self.WINDOWS), self.at(16, 59))
        tuesday = date(2025, 3, 11)
        self.assertEqual(nxt(self.at(17), self.WINDOWS), self.at(10, day=tuesday))

    def test_weekends_are_skipped(self):
        friday_evening = datetime(2025, 3, 7, 17, 0)
        saturday = datetime(2025, 3, 8, 10, 30)
        self.assertEqual(
            cs.next_contact_time(friday_evening, self.WINDOWS), self.at(10)
        )
        self.assertEqual(cs.next_contact_time(saturday, self.WINDOWS), self.at(10))
        self.assertEqual(
            cs.next_contact_time(datetime(2025, 3, 7, 11, 0), self.WINDOWS),
            datetime(2025, 3, 7, 11, 0),
        )

    def test_in_the_customers_time_zone(self):
        # a date: the first window of that (working) day, 10:00 in Shanghai = 02:00 UTC
        self.assertEqual(
            cs.contact_datetime(self.MONDAY, self.WINDOWS, "Asia/Shanghai"),
            datetime(2025, 3, 10, 2, 0),
        )
        # Saturday March 8 -> Monday 10:00 Shanghai
        self.assertEqual(
            cs.contact_datetime(date(2025, 3, 8), self.WINDOWS, "Asia/Shanghai"),
            datetime(2025, 3, 10, 2, 0),
        )
        # 04:00 UTC is 12:00 in Shanghai: the afternoon window, 07:30 UTC
        self.assertEqual(
            cs.contact_datetime(
                datetime(2025, 3, 10, 4, 0), self.WINDOWS, "Asia/Shanghai"
            ),
            datetime(2025, 3, 10, 7, 30),
        )
        # Sunday 23:00 UTC is already Monday 07:00 in Shanghai
        self.assertEqual(
            cs.contact_datetime(
                datetime(2025, 3, 9, 23, 0), self.WINDOWS, "Asia/Shanghai"
            ),
            datetime(2025, 3, 10, 2, 0),
        )
        # New York in summer time (UTC-4)
        self.assertEqual(
            cs.contact_datetime(date(2025, 7, 1), self.WINDOWS, "America/New_York"),
            datetime(2025, 7, 1, 14, 0),
        )
        # no or unknown time zone: UTC
        self.assertEqual(
            cs.contact_datetime(self.MONDAY, self.WINDOWS, False),
            datetime(2025, 3, 10, 10, 0),
        )
        self.assertEqual(
            cs.contact_datetime(self.MONDAY, self.WINDOWS, "Mars/Olympus"),
            datetime(2025, 3, 10, 10, 0),
        )

    def test_a_callback_due_by_a_time_moves_earlier_not_later(self):
        # solved Thursday 6 March 2025 16:00 in Shanghai (08:00 UTC): called
        # back by Sunday 16:00; Sunday and Saturday are no working days, the
        # last window before is Friday 15:30-17:00
        solved = datetime(2025, 3, 6, 8, 0)
        self.assertEqual(
            cs.contact_datetime(
                date(2025, 3, 9),
                self.WINDOWS,
                "Asia/Shanghai",
                latest=datetime(2025, 3, 9, 8, 0),
                earliest=solved,
            ),
            datetime(2025, 3, 7, 7, 30),
        )
        # without the limit the weekend pushes it to Monday 10:00
        self.assertEqual(
            cs.contact_datetime(date(2025, 3, 9), self.WINDOWS, "Asia/Shanghai"),
            datetime(2025, 3, 10, 2, 0),
        )
        # a window that fits before the limit is kept (Monday 11:00 solution,
        # Thursday 10:00 call)
        self.assertEqual(
            cs.contact_datetime(
                date(2025, 3, 6),
                self.WINDOWS,
                "Asia/Shanghai",
                latest=datetime(2025, 3, 6, 3, 0),
                earliest=datetime(2025, 3, 3, 3, 0),
            ),
            datetime(2025, 3, 6, 2, 0),
        )
        # only weekend days in between: the last window of any day
        self.assertEqual(
            cs.contact_datetime(
                date(2025, 3, 9),
                self.WINDOWS,
                "Asia/Shanghai",
                latest=datetime(2025, 3, 9, 8, 0),
                earliest=datetime(2025, 3, 7, 10, 0),
            ),
            datetime(2025, 3, 9, 7, 30),
        )

    def test_local_date_of_an_anchor(self):
        # closed at 20:00 UTC on March 9: March 10 in Shanghai
        self.assertEqual(
            local_day(datetime(2025, 3, 9, 20, 0), "Asia/Shanghai"),
            date(2025, 3, 10),
        )
        self.assertEqual(local_day(date(2025, 3, 9), "Asia/Shanghai"), date(2025, 3, 9))
