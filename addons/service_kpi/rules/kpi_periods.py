"""Appraisal periods: months, quarters and years as (first day, last day).

Months are added with the suite's one ``add_months``
(``odoo.addons.service_lifecycle.rules.figures``)."""

import calendar
from datetime import date

from odoo.addons.service_lifecycle.rules.figures import add_months, local_period_utc

PERIOD_TYPES = ("month", "quarter", "year")


def month_bounds(day):
    last = calendar.monthrange(day.year, day.month)[1]
    return date(day.year, day.month, 1), date(day.year, day.month, last)


def quarter_bounds(day):
    first_month = (day.month - 1) // 3 * 3 + 1
    last_month = first_month + 2
    last = calendar.monthrange(day.year, last_month)[1]
    return date(day.year, first_month, 1), date(day.year, last_month, last)


def year_bounds(day):
    return date(day.year, 1, 1), date(day.year, 12, 31)


def period_bounds(period_type, day):
    """(first day, last day) of the month, quarter or year containing ``day``."""
    if period_type == "month":
        return month_bounds(day)
    if period_type == "quarter":
        return quarter_bounds(day)
    if period_type == "year":
        return year_bounds(day)
    raise ValueError(f"Unknown period type {period_type!r}")


def months_between(date_from, date_to):
    """First days of the months from ``date_from`` to ``date_to`` included."""
    months = []
    current = date_from.replace(day=1)
    while current <= date_to:
        months.append(current)
        current = add_months(current, 1)
    return months


def period_label(period_type, date_from):
    """'2026-03', '2026-Q1' or '2026'."""
    if period_type == "month":
        return f"{date_from.year}-{date_from.month:02d}"
    if period_type == "quarter":
        return f"{date_from.year}-Q{(date_from.month - 1) // 3 + 1}"
    return str(date_from.year)


def datetime_range(date_from, date_to, tz_name=None):
    """Half-open UTC range of the local days ``date_from`` to ``date_to`` in
    the time zone ``tz_name`` (the company's; UTC when not given): the
    suite's one ``local_period_utc``."""
    return local_period_utc(date_from, date_to, tz_name)


def previous_month(day):
    """First day of the month before the one containing ``day``."""
    return add_months(day.replace(day=1), -1)
