"""Penalty and reward kinds with the default amounts of the service rules (CNY).

``charged_to`` says who bears it: the person responsible, their department
manager, or the department budget. ``dismissal`` marks the kinds that also call
for the dismissal of the person.
"""

PENALTY_KINDS = {
    # A missed post-complaint callback: 500 for the person, 300 for the manager.
    "missed_callback": {"amount": 500.0, "charged_to": "person", "reward": False},
    "missed_callback_manager": {
        "amount": 300.0,
        "charged_to": "manager",
        "reward": False,
    },
    # A falsified callback: dismissal of the person, 500 for the manager.
    "falsified_callback": {
        "amount": 0.0,
        "charged_to": "person",
        "reward": False,
        "dismissal": True,
    },
    "falsified_callback_manager": {
        "amount": 500.0,
        "charged_to": "manager",
        "reward": False,
    },
    # Customer files: incomplete 1,000 per case from the department budget,
    # falsified 100, serious cases 500 (plus other sanctions).
    "incomplete_file": {"amount": 1000.0, "charged_to": "department", "reward": False},
    "falsified_file": {"amount": 100.0, "charged_to": "person", "reward": False},
    "serious_file": {"amount": 500.0, "charged_to": "person", "reward": False},
    # Whoever caused a problem bears the cost of others fixing it.
    "rework_cost": {"amount": 0.0, "charged_to": "person", "reward": False},
    "other_penalty": {"amount": 0.0, "charged_to": "person", "reward": False},
    "reward": {"amount": 0.0, "charged_to": "person", "reward": True},
    # The supervisor's commendation or criticism of a callback report: praise
    # (a reward) or a fine approved by the president's office. The amounts
    # are not in the sources (adjustable on the entry, see CONFIGURE.md).
    "callback_commendation": {
        "amount": 100.0,
        "charged_to": "person",
        "reward": True,
    },
    "callback_criticism": {
        "amount": 100.0,
        "charged_to": "person",
        "reward": False,
        "president_approval": True,
    },
}
# The review mark of a callback report and the entry it proposes.
REVIEW_MARK_KINDS = {
    "commendation": "callback_commendation",
    "criticism": "callback_criticism",
}


def default_amount(kind):
    return PENALTY_KINDS.get(kind, {}).get("amount", 0.0)


def charged_to(kind):
    return PENALTY_KINDS.get(kind, {}).get("charged_to", "person")


def is_reward(kind):
    return PENALTY_KINDS.get(kind, {}).get("reward", False)


def needs_president_approval(kind):
    """Fines the president's office (general manager) approves."""
    return PENALTY_KINDS.get(kind, {}).get("president_approval", False)


def means_dismissal(kind):
    return PENALTY_KINDS.get(kind, {}).get("dismissal", False)


def signed_amount(kind, amount):
    """Payroll sign: rewards are paid (+), penalties deducted (-)."""
    return amount if is_reward(kind) else -amount
