# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Three guarantees (三包): return, exchange, free repair or paid service.

Periods are counted as Chinese law counts them (Civil Code art. 201-203): the
day of the start event is not counted, the period ends at the end of its last
day, and a period in months ends on the same day of the last month, or on that
month's last day when it has no such day (12 months from 29 February end on
28 February). So a return window of 7 days from 1 March covers a fault on
8 March and not on 9 March.
"""

import datetime
from dataclasses import dataclass

from .figures import add_months

RETURN = "return"
EXCHANGE = "exchange"
FREE_REPAIR = "free_repair"
PAID = "paid"

WHOLE_MACHINE = "machine"
MAIN_COMPONENT = "main_component"
WEARING_PART = "wearing_part"

# Why a decision was taken: the model words each code in the reader's language
# from the decision's numbers (``period``, ``days_since_start``, ``covered_until``).
REASON_WEARING_PART = "wearing_part"  # wearing parts are never free
REASON_RETURN_WINDOW = "return_window"  # within the return window (days)
REASON_EXCHANGE_WINDOW = "exchange_window"  # within the exchange window (days)
REASON_MACHINE_COVERED = "machine_covered"  # within the machine's period (months)
REASON_MACHINE_ENDED = "machine_ended"  # the machine's period ended
REASON_COMPONENT_COVERED = "main_component_covered"  # same, main component
REASON_COMPONENT_ENDED = "main_component_ended"
REASONS = (
    REASON_WEARING_PART,
    REASON_RETURN_WINDOW,
    REASON_EXCHANGE_WINDOW,
    REASON_MACHINE_COVERED,
    REASON_MACHINE_ENDED,
    REASON_COMPONENT_COVERED,
    REASON_COMPONENT_ENDED,
)


@dataclass(frozen=True)
class WarrantyPolicy:
    """The windows of a warranty policy; the defaults are those of the domain."""

    return_days: int = 7
    exchange_days: int = 15
    machine_months: int = 12
    main_component_months: int = 24


@dataclass(frozen=True)
class WarrantyDecision:
    """What the customer is entitled to for a fault on a given date, and why:
    ``reason`` is one of :data:`REASONS`, ``period`` the length of the window
    that decided (days for the return and exchange windows, months for the
    free repair periods, ``None`` for a wearing part)."""

    remedy: str
    reason: str
    covered_until: datetime.date | None
    days_since_start: int
    period: int | None = None

    @property
    def free(self):
        return self.remedy != PAID


def decide(start_date, fault_date, part_kind=WHOLE_MACHINE, policy=None):
    """Decide the remedy for a fault found on ``fault_date``.

    ``start_date`` is the day the warranty starts (sale, delivery or acceptance),
    ``part_kind`` what failed: the whole machine, a main component or a wearing
    part. Returns a :class:`WarrantyDecision` whose ``reason`` code says why.
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
        return WarrantyDecision(PAID, REASON_WEARING_PART, None, days)
    return_until = start_date + datetime.timedelta(days=policy.return_days)
    if fault_date <= return_until:
        return WarrantyDecision(
            RETURN, REASON_RETURN_WINDOW, return_until, days, policy.return_days
        )
    exchange_until = start_date + datetime.timedelta(days=policy.exchange_days)
    if fault_date <= exchange_until:
        return WarrantyDecision(
            EXCHANGE, REASON_EXCHANGE_WINDOW, exchange_until, days, policy.exchange_days
        )
    if part_kind == MAIN_COMPONENT:
        months = policy.main_component_months
        covered, ended = REASON_COMPONENT_COVERED, REASON_COMPONENT_ENDED
    else:
        months = policy.machine_months
        covered, ended = REASON_MACHINE_COVERED, REASON_MACHINE_ENDED
    repair_until = add_months(start_date, months)
    if fault_date <= repair_until:
        return WarrantyDecision(FREE_REPAIR, covered, repair_until, days, months)
    return WarrantyDecision(PAID, ended, repair_until, days, months)
