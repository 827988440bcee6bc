# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The weekly sales callback routine (plain Python): the week runs from
Saturday to Friday, calls are made in batches at least every 2 days."""

from datetime import timedelta

SATURDAY = 5  # date.weekday()
MAX_GAP_DAYS = 2  # "every 2 days": at most 2 days in a row without a call


def week_start(day):
    """The Saturday starting the routine week of ``day``."""
    return day - timedelta(days=(day.weekday() - SATURDAY) % 7)


def longest_gap(first, last, call_days):
    """The most days in a row from ``first`` to ``last`` (included) without
    a day in ``call_days``; 0 when ``last`` is before ``first``."""
    longest = current = 0
    day = first
    while day <= last:
        current = 0 if day in call_days else current + 1
        longest = max(longest, current)
        day += timedelta(days=1)
    return longest
