# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Deadlines of the daily callback report 回访报告.

The report on the callbacks of day D is written the next day (D + 1) and must
reach the supervisor within 3 days of D (D + 3 is still on time, D + 4 is
late); with the supervisor's approval the deadline moves to D + 7. A report
submitted after its deadline is still accepted, and counts as late.
"""

from datetime import date, timedelta

WRITE_DAYS = 1
SUBMIT_DAYS = 3
EXTENDED_SUBMIT_DAYS = 7


def report_due_date(callback_day: date) -> date:
    """The day the report on ``callback_day`` is due to be written."""
    return callback_day + timedelta(days=WRITE_DAYS)


def submit_deadline(callback_day: date, extended: bool = False) -> date:
    """The last day (inclusive) the report may reach the supervisor."""
    days = EXTENDED_SUBMIT_DAYS if extended else SUBMIT_DAYS
    return callback_day + timedelta(days=days)


def is_on_time(callback_day: date, submit_day: date, extended: bool = False) -> bool:
    """Whether a report on ``callback_day`` submitted on ``submit_day`` is on time."""
    return submit_day <= submit_deadline(callback_day, extended)


def days_late(callback_day: date, submit_day: date, extended: bool = False) -> int:
    """Days past the submission deadline (0 when on time)."""
    return max(0, (submit_day - submit_deadline(callback_day, extended)).days)
