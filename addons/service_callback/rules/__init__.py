# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plain-Python business rules of the callback programme (no ORM imports)."""
