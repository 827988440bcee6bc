# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Survey scores and ratings of the callbacks.

The rates of the monthly callback statistics are defined once on the
callback (models/service_callback_figures.py) and computed in SQL."""


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
