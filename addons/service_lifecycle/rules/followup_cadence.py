# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Pre-sale follow-up cadence by lead grade.

The defaults follow the domain page ("Pre-sale callbacks by lead grade"):
A and B leads are called the same day and again within 3 days; key (A) leads
then every 3 days, hesitant (B) leads weekly; C leads weekly; D leads get no
calls, only holiday messages. Plain Python: no Odoo import.
"""

from datetime import timedelta

# grade -> (first follow-up after N days, second after N days, then every N days);
# None means "no regular follow-up call".
DEFAULT_CADENCES = {
    "a": (0, 3, 3),
    "b": (0, 3, 7),
    "c": (7, 7, 7),
    "d": None,
}


def next_followup_date(reference_date, done_count, cadence):
    """Return the date of the next follow-up, or None when there is none.

    :param reference_date: the day the grade was set (no follow-up done yet)
        or the day of the last follow-up.
    :param done_count: follow-ups already done since the lead was graded.
    :param cadence: (first_days, second_days, repeat_days) or None. A repeat
        of 0 days means no follow-up after the second one.
    """
    if cadence is None:
        return None
    first_days, second_days, repeat_days = cadence
    if done_count < 0:
        raise ValueError("done_count cannot be negative")
    if done_count == 0:
        days = first_days
    elif done_count == 1:
        days = second_days
    else:
        days = repeat_days
        if not days:
            return None
    if days < 0:
        raise ValueError("a follow-up cannot be planned in the past")
    return reference_date + timedelta(days=days)
