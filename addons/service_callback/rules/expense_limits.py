# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Callback expenses against the company limit per callback.

The company reimburses a callback's expenses up to the limit of its method
(or type); whatever goes above it is the employee's own. Expenses are taken in
the order they were incurred, so the first ones are covered first.
"""


def split_over_limit(amounts, limit):
    """Split each amount into (covered by the company, the employee's own).

    ``amounts`` is the ordered list of a callback's expense amounts, ``limit``
    the company limit for the whole callback (``None`` or a negative value:
    no limit). Returns a list of ``(company_part, own_part)`` pairs.
    """
    if limit is None or limit < 0:
        return [(amount, 0.0) for amount in amounts]
    remaining = limit
    result = []
    for amount in amounts:
        covered = min(max(amount, 0.0), max(remaining, 0.0))
        remaining -= covered
        result.append((covered, amount - covered))
    return result
