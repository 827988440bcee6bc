# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""When the callbacks of a rule fall due, and when the customer may be called.

A callback rule makes a series of callbacks from one anchor date (the day the
goods were installed, a ticket closed, a lead came in ...): the first after an
offset, an optional second after another offset, then one every interval.
Every occurrence is computed from the anchor, never from the previous one, so
month ends do not drift: with a monthly rule anchored on January 31 the
callbacks fall on February 28 (29), March 31, April 30 ...

Contact windows: customers are called on working days inside the windows
(10:00-11:30 and 15:30-17:00 by default) of their own time zone; a due time
outside a window moves to the start of the next one, unless the callback must
be made by a time (the complaint callback within 3 days of the solution): then
it moves earlier, to the last window before that time.

Plain Python: no ORM import (the month arithmetic is the suite's shared
helper, service_lifecycle's rules/figures.py).
"""

import re
from collections import namedtuple
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from odoo.addons.service_lifecycle.rules.figures import add_months, timezone

DAY_UNITS = {"days": 1, "weeks": 7}
MONTH_UNITS = {"months": 1, "years": 12}
UNITS = (*DAY_UNITS, *MONTH_UNITS)

DEFAULT_WINDOWS = "10:00-11:30,15:30-17:00"
WEEKEND = (5, 6)  # Saturday, Sunday (date.weekday())

Schedule = namedtuple(
    "Schedule",
    [
        "first",  # offset of the first callback, in first_unit
        "first_unit",
        "second",  # offset of the second callback from the anchor; 0: none
        "interval",  # then one every interval (interval_unit); 0: no recurrence
        "interval_unit",
        "max_occurrences",  # 0: unlimited
    ],
    defaults=(0, 0, "months", 0),
)


def add_period(day, count, unit):
    """``day`` plus ``count`` days, weeks, months or years."""
    if unit in DAY_UNITS:
        return day + timedelta(days=count * DAY_UNITS[unit])
    if unit in MONTH_UNITS:
        return add_months(day, count * MONTH_UNITS[unit])
    raise ValueError(f"Unknown period unit: {unit!r}")


def _same_family(unit_a, unit_b):
    return (unit_a in DAY_UNITS) == (unit_b in DAY_UNITS)


def _offset(anchor, base, base_unit, steps, interval, interval_unit):
    """anchor + base + steps * interval, in one step when both are counted in
    the same kind of unit (no clamping in between)."""
    if not steps or not interval:
        return add_period(anchor, base, base_unit)
    if _same_family(base_unit, interval_unit):
        table = DAY_UNITS if base_unit in DAY_UNITS else MONTH_UNITS
        small = "days" if base_unit in DAY_UNITS else "months"
        total = base * table[base_unit] + steps * interval * table[interval_unit]
        return add_period(anchor, total, small)
    return add_period(
        add_period(anchor, base, base_unit), steps * interval, interval_unit
    )


def scale_interval(schedule, factor):
    """The schedule of a customer who asked for fewer calls: the recurrence
    interval multiplied by ``factor`` (the first callbacks stay)."""
    if not factor or factor <= 1 or not schedule.interval:
        return schedule
    return schedule._replace(interval=schedule.interval * factor)


def due_date(anchor, schedule, occurrence):
    """Due date of occurrence number ``occurrence`` (1-based), or None when the
    schedule has no such occurrence."""
    if occurrence < 1:
        raise ValueError("Occurrences are counted from 1.")
    if schedule.max_occurrences and occurrence > schedule.max_occurrences:
        return None
    if occurrence == 1:
        return add_period(anchor, schedule.first, schedule.first_unit)
    base, base_unit, steps = schedule.first, schedule.first_unit, occurrence - 1
    if schedule.second:
        if occurrence == 2:
            return add_period(anchor, schedule.second, schedule.first_unit)
        base, steps = schedule.second, occurrence - 2
    if not schedule.interval:
        return None
    return _offset(
        anchor, base, base_unit, steps, schedule.interval, schedule.interval_unit
    )


def _first_candidate(anchor, schedule, start):
    """A low occurrence number from which to look for dates >= start, so that
    old anchors with short intervals are not walked from the beginning."""
    fixed = 2 if schedule.second else 1
    if not schedule.interval or start is None:
        return 1
    base = schedule.second or schedule.first
    base_date = add_period(anchor, base, schedule.first_unit)
    if start <= base_date:
        return 1
    if schedule.interval_unit in DAY_UNITS:
        span = (start - base_date).days
        step = schedule.interval * DAY_UNITS[schedule.interval_unit]
    else:
        span = (start.year - base_date.year) * 12 + start.month - base_date.month
        step = schedule.interval * MONTH_UNITS[schedule.interval_unit]
    steps = max(span // step - 1, 0)
    return fixed + steps


def occurrences(anchor, schedule, start=None, end=None, always_first=False):
    """[(occurrence, due date)] of the schedule falling within [start, end]
    (both inclusive; None: unbounded on that side). With ``always_first`` the
    first occurrence is included whatever its date (an event just happened)."""
    if end is None and schedule.interval and not schedule.max_occurrences:
        raise ValueError("An open-ended recurrence needs an end date.")
    result = []
    if always_first:
        result.append((1, due_date(anchor, schedule, 1)))
    occurrence = _first_candidate(anchor, schedule, start)
    while True:
        day = due_date(anchor, schedule, occurrence)
        if day is None or (end is not None and day > end):
            break
        if (start is None or day >= start) and not (always_first and occurrence == 1):
            result.append((occurrence, day))
        occurrence += 1
    return result


# ----------------------------------------------------------------------
# contact windows
# ----------------------------------------------------------------------
_WINDOW = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_windows(text):
    """'10:00-11:30,15:30-17:00' -> [(time(10), time(11, 30)), ...], sorted.

    Raises ValueError on a malformed, empty, reversed or overlapping window."""
    windows = []
    for part in (text or "").split(","):
        if not part.strip():
            continue
        match = _WINDOW.match(part)
        if not match:
            raise ValueError(f"Malformed contact window: {part.strip()!r}")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
            raise ValueError(f"Invalid time in contact window: {part.strip()!r}")
        start = time(h1, m1)
        end = time.max if h2 == 24 else time(h2, m2)
        if end <= start:
            raise ValueError(f"Contact window ends before it starts: {part.strip()!r}")
        windows.append((start, end))
    if not windows:
        raise ValueError("At least one contact window is needed.")
    windows.sort()
    for (_start, end), (next_start, _end) in pairwise(windows):
        if next_start < end:
            raise ValueError("Contact windows overlap.")
    return windows


def next_contact_time(local, windows, weekend=WEEKEND):
    """The first moment at or after ``local`` (a naive local datetime) inside a
    contact window of a working day. A window's end is excluded: at 11:30 the
    morning window is over."""
    day = local.date()
    for _attempt in range(14):
        if day.weekday() not in weekend:
            for start, end in windows:
                window_start = datetime.combine(day, start)
                window_end = datetime.combine(day, end)
                if local < window_start:
                    return window_start
                if window_start <= local < window_end:
                    return local
        day += timedelta(days=1)
        local = datetime.combine(day, time.min)
    raise ValueError("No working day in two weeks: check the weekend days.")


def last_contact_time(latest, windows, earliest, weekend=WEEKEND):
    """The start of the last contact window of a working day that begins at or
    before ``latest`` and ends after ``earliest`` (naive local datetimes; the
    window is cut at ``earliest``); ``None`` when there is none in between."""
    day = latest.date()
    while day >= earliest.date():
        if day.weekday() not in weekend:
            for start, end in reversed(windows):
                window_start = datetime.combine(day, start)
                window_end = datetime.combine(day, end)
                if window_start <= latest and window_end > earliest:
                    return max(window_start, earliest)
        day -= timedelta(days=1)
    return None


def _to_local(moment, tz):
    return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(tz).replace(tzinfo=None)


def contact_datetime(
    due, windows, tz_name, weekend=WEEKEND, latest=None, earliest=None
):
    """The naive UTC datetime to call a customer in ``tz_name`` for a callback
    due on ``due`` (a date: from the start of that day; or a naive UTC
    datetime), moved into the next contact window of a working day.

    With ``latest`` (naive UTC: a callback that must be made by then, such as
    the complaint callback within 3 days of the solution) a window after it
    is not taken: the last window of a working day before it is, from
    ``earliest`` on (the event); without one, the last window of any day (a
    weekend does not push the callback later); without any, ``latest``."""
    tz = timezone(tz_name)
    if isinstance(due, datetime):
        local = _to_local(due, tz)
    elif isinstance(due, date):
        local = datetime.combine(due, time.min)
    else:
        raise TypeError("due must be a date or a datetime")
    slot = next_contact_time(local, windows, weekend)
    if latest is not None:
        local_latest = _to_local(latest, tz)
        if slot > local_latest:
            local_earliest = _to_local(earliest, tz) if earliest else local
            slot = (
                last_contact_time(local_latest, windows, local_earliest, weekend)
                or last_contact_time(local_latest, windows, local_earliest, ())
                or local_latest
            )
    utc = slot.replace(tzinfo=tz).astimezone(ZoneInfo("UTC"))
    return utc.replace(tzinfo=None)
