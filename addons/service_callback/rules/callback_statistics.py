# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Figures of the monthly callback statistics 回访月统计表 and survey scores."""

COMPLAINT_CALLBACK_TARGET = 100.0
ROUTINE_CALLBACK_TARGET = 80.0


def rate(part, whole):
    """A percentage rounded to two decimals; 0 when there is nothing to count."""
    if not whole:
        return 0.0
    return round(100.0 * part / whole, 2)


def monthly_figures(due, done, valid, satisfied, rated, complaint_due, complaint_done):
    """The rates of a month from its counts.

    - callback rate: callbacks done out of those due;
    - valid rate: callbacks that reached the customer out of those due;
    - satisfaction: satisfied ratings out of the rated callbacks;
    - complaint callback rate: complaint callbacks done out of those due (the
      target is 100 %; a month without complaint callbacks counts as met).
    """
    return {
        "callback_rate": rate(done, due),
        "valid_rate": rate(valid, due),
        "satisfaction_rate": rate(satisfied, rated),
        "complaint_callback_rate": (
            rate(complaint_done, complaint_due)
            if complaint_due
            else COMPLAINT_CALLBACK_TARGET
        ),
    }


def score_from_percentage(percentage):
    """A survey's score in percent mapped onto the 1-5 satisfaction score.

    0-20 % → 1, 20-40 % → 2, 40-60 % → 3, 60-80 % → 4, 80-100 % → 5 (each band
    includes its upper bound).
    """
    percentage = min(max(percentage or 0.0, 0.0), 100.0)
    for score, upper in ((1, 20.0), (2, 40.0), (3, 60.0), (4, 80.0)):
        if percentage <= upper:
            return score
    return 5


def rating_from_score(score):
    """The rating a 1-5 score stands for: 4-5 satisfied, 3 neutral, 1-2 dissatisfied."""
    if score >= 4:
        return "satisfied"
    if score == 3:
        return "neutral"
    return "dissatisfied"
