# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Deadlines on a clock: clock hours or working time.

A deadline is ``start`` plus a duration counted on its clock: ``calendar``
(clock hours, as the customer lives them: a Friday-evening call answered
within 24 hours is due Saturday evening) or ``working`` (counted only inside
the given work intervals: a calendar's attendances minus its leaves and public
holidays, as the model computes them). Intervals are ``(start, stop)`` pairs of
timezone-aware datetimes; they may be unsorted and may overlap.
"""

import datetime

CALENDAR = "calendar"
WORKING = "working"
# the clock a deadline runs on (the selection of the policies' clock fields)
CLOCKS = [(CALENDAR, "Clock Hours"), (WORKING, "Working Time")]


class NotEnoughWorkingTime(ValueError):
    """The intervals end before the duration is used up."""


def merge_intervals(intervals):
    """Sorted, non-overlapping intervals; empty ones dropped."""
    merged = []
    for start, stop in sorted(i[:2] for i in intervals):
        if stop <= start:
            continue
        if merged and start <= merged[-1][1]:
            if stop > merged[-1][1]:
                merged[-1][1] = stop
        else:
            merged.append([start, stop])
    return [(start, stop) for start, stop in merged]


def add_working_time(start, duration, intervals):
    """Return the moment when ``duration`` of working time after ``start`` ends.

    Time before ``start`` is ignored. A zero duration gives ``start`` itself when
    it falls inside working time, otherwise the start of the next interval.
    Raises :class:`NotEnoughWorkingTime` when the intervals run out first.
    """
    if start.tzinfo is None:
        raise ValueError("The start of a deadline must be timezone-aware.")
    if duration < datetime.timedelta(0):
        raise ValueError("A deadline cannot be before its start.")
    remaining = duration
    for interval_start, interval_stop in merge_intervals(intervals):
        if interval_stop <= start:
            continue
        begin = max(start, interval_start)
        available = interval_stop - begin
        if remaining <= available:
            return begin + remaining
        remaining -= available
    raise NotEnoughWorkingTime(
        f"{remaining} of working time is still missing after the last interval."
    )


def add_time(start, duration, clock, intervals):
    """The deadline ``duration`` after ``start`` on ``clock``: clock hours
    (``calendar``) or working time inside ``intervals`` (``working``, see
    :func:`add_working_time`)."""
    if clock == CALENDAR:
        if duration < datetime.timedelta(0):
            raise ValueError("A deadline cannot be before its start.")
        return start + duration
    if clock != WORKING:
        raise ValueError(f"Unknown clock: {clock!r}")
    return add_working_time(start, duration, intervals)


def risk_date(start, deadline, at_risk_share):
    """When a deadline becomes at risk: once less than ``at_risk_share`` (0-1)
    of its span from ``start`` is left (the deadline itself without a start or
    a span)."""
    span = deadline - start if start and start < deadline else datetime.timedelta(0)
    return deadline - span * at_risk_share


def sla_state(start, deadline, done, now, at_risk_share):
    """The state of one deadline: ``met``, ``breached``, ``at_risk`` or ``on_track``.

    ``done`` is when the deadline's event happened (or ``None``). A deadline is
    at risk from its :func:`risk_date` on. Returns ``False`` when there is no
    deadline.
    """
    if not deadline:
        return False
    if done:
        return "met" if done <= deadline else "breached"
    if now > deadline:
        return "breached"
    if now >= risk_date(start, deadline, at_risk_share):
        return "at_risk"
    return "on_track"
