# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Planned dates of an order's tracking milestones.

Production is planned from the delivery date: the order is shipped
``transit_days`` before the promised delivery, quality inspects
``inspection_days`` before shipping, acceptance follows delivery within
``acceptance_days``. Plain Python: no Odoo import.
"""

from datetime import timedelta

MILESTONES = (
    "contract_signed",
    "production_planned",
    "quality_passed",
    "shipped",
    "delivered",
    "accepted",
)


def plan_milestones(
    start_date,
    delivery_date,
    planning_days=2,
    inspection_days=2,
    transit_days=3,
    acceptance_days=7,
):
    """Return {milestone: planned date} for an order confirmed on ``start_date``
    and promised for ``delivery_date`` (None: as soon as possible).

    Dates never go back in time from one milestone to the next: when the
    delivery date is too close, the later milestones move forward.
    """
    if delivery_date is None or delivery_date < start_date:
        delivery_date = start_date + timedelta(
            days=planning_days + inspection_days + transit_days
        )
    ideal = {
        "contract_signed": start_date,
        "production_planned": start_date + timedelta(days=planning_days),
        "quality_passed": delivery_date
        - timedelta(days=transit_days + inspection_days),
        "shipped": delivery_date - timedelta(days=transit_days),
        "delivered": delivery_date,
        "accepted": delivery_date + timedelta(days=acceptance_days),
    }
    planned, previous = {}, start_date
    for milestone in MILESTONES:
        previous = max(previous, ideal[milestone])
        planned[milestone] = previous
    return planned


def is_late(planned_date, actual_date, today):
    """A milestone is late when reached after its planned date, or when it is
    not reached and its planned date has passed."""
    if not planned_date:
        return False
    if actual_date:
        return actual_date > planned_date
    return today > planned_date
