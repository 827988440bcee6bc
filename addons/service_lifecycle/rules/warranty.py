# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Three guarantees (三包): return, exchange, free repair or paid service.

Periods are counted as Chinese law counts them (Civil Code art. 201-203): the
day of the start event is not counted, the period ends at the end of its last
day, and a period in months ends on the same day of the last month, or on that
month's last day when it has no such day (12 months from 29 February end on
28 February). So a return window of 7 days from 1 March covers a fault on
8 March and not on 9 March.
"""

import calendar
import datetime
from dataclasses import dataclass

RETURN = "return"
EXCHANGE = "exchange"
FREE_REPAIR = "free_repair"
PAID = "paid"

WHOLE_MACHINE = "machine"
MAIN_COMPONENT = "main_component"
WEARING_PART = "wearing_part"


@dataclass(frozen=True)
class WarrantyPolicy:
    """The windows of a warranty policy; the defaults are those of the domain."""

    return_days: int = 7
    exchange_days: int = 15
    machine_months: int = 12
    main_component_months: int = 24


@dataclass(frozen=True)
class WarrantyDecision:
    """What the customer is entitled to for a fault on a given date."""

    remedy: str
    reason: str
    covered_until: datetime.date | None
    days_since_start: int

    @property
    def free(self):
        return self.remedy != PAID


def add_months(date, months):
    """The same day ``months`` later, or the last day of that month."""
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    day = min(date.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


def decide(start_date, fault_date, part_kind=WHOLE_MACHINE, policy=None):
    """Decide the remedy for a fault found on ``fault_date``.

    ``start_date`` is the day the warranty starts (sale, delivery or acceptance),
    ``part_kind`` what failed: the whole machine, a main component or a wearing
    part. Returns a :class:`WarrantyDecision` whose ``reason`` says why.
    """
    if not start_date or not fault_date:
        raise ValueError("Both the warranty start date and the fault date are needed.")
    if part_kind not in (WHOLE_MACHINE, MAIN_COMPONENT, WEARING_PART):
        raise ValueError(f"Unknown part kind {part_kind!r}.")
    if fault_date < start_date:
        raise ValueError("The fault date cannot be before the warranty start date.")
    policy = policy or WarrantyPolicy()
    days = (fault_date - start_date).days
    if part_kind == WEARING_PART:
        return WarrantyDecision(
            PAID, "Wearing parts are never covered by the warranty.", None, days
        )
    return_until = start_date + datetime.timedelta(days=policy.return_days)
    if fault_date <= return_until:
        return WarrantyDecision(
            RETURN,
            f"Fault on day {days}, within the {policy.return_days}-day return window.",
            return_until,
            days,
        )
    exchange_until = start_date + datetime.timedelta(days=policy.exchange_days)
    if fault_date <= exchange_until:
        return WarrantyDecision(
            EXCHANGE,
            f"Fault on day {days}, within the {policy.exchange_days}-day "
            "exchange window.",
            exchange_until,
            days,
        )
    if part_kind == MAIN_COMPONENT:
        months, what = policy.main_component_months, "main component"
    else:
        months, what = policy.machine_months, "whole machine"
    repair_until = add_months(start_date, months)
    if fault_date <= repair_until:
        return WarrantyDecision(
            FREE_REPAIR,
            f"Within the {months}-month free repair period of the {what} "
            f"(until {repair_until.isoformat()}).",
            repair_until,
            days,
        )
    return WarrantyDecision(
        PAID,
        f"The {months}-month free repair period of the {what} ended on "
        f"{repair_until.isoformat()}.",
        repair_until,
        days,
    )
