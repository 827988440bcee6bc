# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Names the server stores on records it creates for someone else to read
(a task order opened from a callback or an acceptance, a daily report, a
calendar visit, a contract copy's file).

A stored name is read by people of every language, so it is written in none:
it joins what identifies the record (numbers, the customer, the machine,
the day) and leaves the wording (what kind of record it is) to fields that
are worded at read time, such as the request type or the model's own label.
"""

SEPARATOR = " · "


def neutral_name(*parts):
    """The non-empty ``parts`` joined, in no language: numbers, names and
    ISO dates only."""
    return SEPARATOR.join(str(part) for part in parts if part)
