# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Complaint rules: repeat detection, the major-complaint candidacy and the
compensation approval limit (the summary's rates: ``figures.ratio``)."""

# The domain's numbers: the same issue complained of twice or more in a row, or
# the same repair reworked three times or more, is reviewed as an important
# complaint (重要投诉, the middle level), not automatically as a major one.
REPEAT_THRESHOLD = 2
REWORK_THRESHOLD = 3


def repeat_streak(issues, issue):
    """How many of the customer's latest complaints in a row are about ``issue``.

    ``issues`` are the issue keys of the customer's complaints, oldest first,
    the complaint being judged included (last). A key is any hashable value
    (e.g. ``(serial or product, category)``); ``None`` never repeats.
    """
    if issue is None:
        return 0
    streak = 0
    for key in reversed(issues):
        if key != issue:
            break
        streak += 1
    return streak


def major_candidate_reasons(
    streak,
    rework_count,
    repeat_threshold=REPEAT_THRESHOLD,
    rework_threshold=REWORK_THRESHOLD,
):
    """The reasons (``"repeat"``, ``"rework"``) for reviewing a complaint as an
    important complaint; an empty list when there are none. A threshold of 0 or
    less switches its rule off."""
    reasons = []
    if repeat_threshold > 0 and streak >= repeat_threshold:
        reasons.append("repeat")
    if rework_threshold > 0 and rework_count >= rework_threshold:
        reasons.append("rework")
    return reasons


def needs_approval(amount, limit):
    """A compensation needs a manager's approval when it is above ``limit``
    (an amount equal to the limit does not); with a limit of 0 every paid
    compensation does."""
    return amount > max(limit, 0)
