# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared arithmetic of the suite's figures: one rate, one way to add months.

Every rate the three addons show or pay on (complaint statistics, monthly
callback statistics, KPI indicators) is computed here, so that "no data" is
the same ``None`` everywhere and never a 0 that would lower a score.
"""

from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta


def ratio(numerator, denominator, scale=100.0):
    """``numerator / denominator * scale``; ``None`` without a denominator
    (no data is not 0). ``scale=1`` gives a share, the default a percentage."""
    if not denominator:
        return None
    return numerator / denominator * scale


def add_months(day, months):
    """``day`` plus ``months`` months, clamped to the end of the month
    (January 31 + 1 month = February 28, or 29 in leap years)."""
    return day + relativedelta(months=months)


def local_period_utc(date_from, date_to, tz_name):
    """The days ``date_from`` to ``date_to`` (included) of the time zone
    ``tz_name`` as a half-open UTC range ``[start, end)`` of naive datetimes,
    as the database stores them: local midnight of the first day to local
    midnight after the last one. The one way every period (indicators,
    monthly statistics, appraisals) is turned into a query: a callback done
    on 1 September 07:30 in Shanghai (31 August 23:30 UTC) is in September."""
    tz = pytz.timezone(tz_name or "UTC")

    def utc(day):
        local = tz.localize(datetime.combine(day, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    return utc(date_from), utc(date_to + timedelta(days=1))
