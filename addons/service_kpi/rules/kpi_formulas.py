"""KPI formulas: roll-ups, achievement scores, weighted scores and tiers.

The rate of a numerator and a denominator is the suite's one ``ratio``
(``odoo.addons.service_lifecycle.rules.figures``): ``None`` without a
denominator, so that "no data" never counts as 0."""

EPSILON = 1e-6

# Appraisal result tiers, from the lowest to the highest.
TIER_NO_BONUS = "no_bonus"
TIER_CRITICISM = "criticism"
TIER_STANDARD = "standard"
TIER_BONUS = "bonus"


def rollup(pairs):
    """Sum (numerator, denominator) pairs: how a quarter or a year is built from
    its months, and a department from its people. Averaging the monthly values
    instead would weigh a quiet month like a busy one."""
    numerator = denominator = 0.0
    for num, den in pairs:
        numerator += num or 0.0
        denominator += den or 0.0
    return numerator, denominator


def achievement_score(value, target, better_when="higher"):
    """Score 0-100 of a value against its target, capped at 100.

    Higher is better: ``value / target``; lower is better: ``target / value``
    (a value of 0 when lower is better meets any target). Without a target an
    indicator cannot be scored: 100 when there is a value.
    """
    if value is None:
        return None
    if not target:
        return 100.0
    if better_when == "lower":
        if value <= 0:
            return 100.0
        return max(0.0, min(100.0, target / value * 100.0))
    return max(0.0, min(100.0, value / target * 100.0))


def weighted_score(scored_weights):
    """Weighted average of (score, weight) pairs; pairs without a score (no
    data in the period) are left out and the remaining weights renormalised.
    None when nothing can be scored."""
    total = weight_sum = 0.0
    for score, weight in scored_weights:
        if score is None or not weight:
            continue
        total += score * weight
        weight_sum += weight
    if not weight_sum:
        return None
    return total / weight_sum


def weights_sum_to_100(*weights):
    """True when the weights (in percent) add up to exactly 100."""
    return abs(sum(weights) - 100.0) < EPSILON


def combine_scores(
    indicator_score,
    self_score,
    supervisor_score,
    customer_score,
    indicator_weight=50.0,
    self_weight=30.0,
    supervisor_weight=40.0,
    customer_weight=30.0,
    adjustment=0.0,
):
    """Final appraisal score 0-100.

    The evaluation score is ``self * self_weight + supervisor * supervisor_weight
    + customer * customer_weight`` (weights in percent, summing to 100). The
    final score blends the indicator score (share ``indicator_weight`` percent)
    with the evaluation score, then adds the spot-check adjustment (negative for
    findings) and is kept within 0-100. A missing indicator score (no data)
    leaves the evaluation score alone; a missing customer score (no rated
    callback) shifts its weight to the other two evaluations.
    """
    evaluation = weighted_score(
        [
            (self_score or 0.0, self_weight),
            (supervisor_score or 0.0, supervisor_weight),
            (customer_score, customer_weight),
        ]
    )
    evaluation = evaluation or 0.0
    if indicator_score is None:
        final = evaluation
    else:
        share = indicator_weight / 100.0
        final = indicator_score * share + evaluation * (1.0 - share)
    return max(0.0, min(100.0, final + (adjustment or 0.0)))


def result_tier(score, bonus_above=90.0, criticism_below=70.0, no_bonus_below=50.0):
    """Tier of an appraisal result (satisfaction in percent).

    Strictly above ``bonus_above``: quality bonus. Strictly below
    ``no_bonus_below``: no bonus and a transfer review. Strictly below
    ``criticism_below``: criticism and a bonus cut. Anything else is standard.
    So 90.0 is standard and 90.01 earns the bonus; 70.0 is standard; 50.0 is
    criticism and 49.99 no bonus.
    """
    if score is None:
        return None
    if score > bonus_above:
        return TIER_BONUS
    if score < no_bonus_below:
        return TIER_NO_BONUS
    if score < criticism_below:
        return TIER_CRITICISM
    return TIER_STANDARD


def value_status(value, target, threshold=None, better_when="higher"):
    """'met' when the value reaches the target, 'failed' when it is past the
    threshold (below it when higher is better, above it when lower is better),
    'warning' in between; 'no_data' without a value."""
    if value is None:
        return "no_data"
    if better_when == "lower":
        if value <= target:
            return "met"
        if threshold is not None and value > threshold:
            return "failed"
        return "warning" if threshold is not None else "failed"
    if value >= target:
        return "met"
    if threshold is not None and value < threshold:
        return "failed"
    return "warning" if threshold is not None else "failed"
