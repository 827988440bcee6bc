# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared arithmetic of the suite's figures: one rate, one way to add months.

Every rate the three addons show or pay on (complaint statistics, monthly
callback statistics, KPI indicators) is computed here, so that "no data" is
the same ``None`` everywhere and never a 0 that would lower a score.
"""

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
