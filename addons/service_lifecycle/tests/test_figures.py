# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The suite's shared arithmetic (rules/figures.py): the asserts of the
helpers it replaced (``rules/complaints.rate``, ``rules/warranty.add_months``)."""

from datetime import date

from odoo.tests import BaseCase, tagged

from ..rules.figures import add_months, ratio


@tagged("post_install", "-at_install")
class TestFigures(BaseCase):
    def test_ratio_without_data_is_none(self):
        self.assertIsNone(ratio(0, 0))
        self.assertIsNone(ratio(0, 0, scale=1))
        self.assertIsNone(ratio(3, None))
        self.assertEqual(ratio(0, 5), 0.0)

    def test_ratio_as_a_share_and_a_percentage(self):
        # a share (0-1), as the complaint summary's rate was
        self.assertEqual(ratio(1, 4, scale=1), 0.25)
        self.assertEqual(ratio(1, 4), 25.0)
        self.assertEqual(ratio(5308, 5605, scale=1), 5308 / 5605)

    def test_add_months_clamps_to_the_month_end(self):
        # 31 January + 1 month is 29 February in a leap year, 28 February otherwise
        self.assertEqual(add_months(date(2024, 1, 31), 1), date(2024, 2, 29))
        self.assertEqual(add_months(date(2023, 1, 31), 1), date(2023, 2, 28))
        self.assertEqual(add_months(date(2023, 12, 31), 2), date(2024, 2, 29))
        # 12 and 24 months from 29 February end on 28 February
        self.assertEqual(add_months(date(2024, 2, 29), 12), date(2025, 2, 28))
        self.assertEqual(add_months(date(2024, 2, 29), 24), date(2026, 2, 28))
        self.assertEqual(add_months(date(2024, 2, 29), 48), date(2028, 2, 29))
        # across the year end, and a day that every month has
        self.assertEqual(add_months(date(2025, 11, 30), 3), date(2026, 2, 28))
        self.assertEqual(add_months(date(2025, 1, 15), 1), date(2025, 2, 15))
