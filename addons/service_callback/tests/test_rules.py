# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.addons.service_lifecycle.rules import figures
from odoo.tests import BaseCase, tagged

from ..rules import callback_statistics, expense_limits, report_deadlines


@tagged("post_install", "-at_install")
class TestReportDeadlines(BaseCase):
    DAY = date(2025, 3, 10)

    def test_written_the_next_day(self):
        self.assertEqual(report_deadlines.report_due_date(self.DAY), date(2025, 3, 11))

    def test_day_3_on_time_day_4_late(self):
        self.assertEqual(report_deadlines.submit_deadline(self.DAY), date(2025, 3, 13))
        self.assertTrue(report_deadlines.is_on_time(self.DAY, date(2025, 3, 13)))
        self.assertFalse(report_deadlines.is_on_time(self.DAY, date(2025, 3, 14)))
        self.assertEqual(report_deadlines.days_late(self.DAY, date(2025, 3, 13)), 0)
        self.assertEqual(report_deadlines.days_late(self.DAY, date(2025, 3, 14)), 1)

    def test_extension_to_day_7(self):
        self.assertEqual(
            report_deadlines.submit_deadline(self.DAY, extended=True), date(2025, 3, 17)
        )
        self.assertTrue(report_deadlines.is_on_time(self.DAY, date(2025, 3, 14), True))
        self.assertTrue(report_deadlines.is_on_time(self.DAY, date(2025, 3, 17), True))
        self.assertFalse(report_deadlines.is_on_time(self.DAY, date(2025, 3, 18), True))

    def test_across_month_end(self):
        self.assertEqual(
            report_deadlines.submit_deadline(date(2025, 2, 27)), date(2025, 3, 2)
        )


@tagged("post_install", "-at_install")
class TestExpenseSplit(BaseCase):
    def test_within_limit(self):
        self.assertEqual(
            expense_limits.split_over_limit([100.0, 50.0], 300.0),
            [(100.0, 0.0), (50.0, 0.0)],
        )

    def test_exactly_at_limit_is_covered(self):
        self.assertEqual(
            expense_limits.split_over_limit([300.0], 300.0), [(300.0, 0.0)]
        )

    def test_excess_is_the_employees_own(self):
        self.assertEqual(
            expense_limits.split_over_limit([200.0, 150.0, 40.0], 300.0),
            [(200.0, 0.0), (100.0, 50.0), (0.0, 40.0)],
        )

    def test_no_limit(self):
        self.assertEqual(expense_limits.split_over_limit([999.0], None), [(999.0, 0.0)])


@tagged("post_install", "-at_install")
class TestStatistics(BaseCase):
    def test_rates_share_the_suite_ratio(self):
        """The statistics follow the suite's one rate (rules/figures.py): a
        percentage, and no rate at all without a denominator."""
        self.assertAlmostEqual(figures.ratio(5, 7), 71.4285714)
        self.assertEqual(figures.ratio(1, 4, scale=1), 0.25)
        self.assertEqual(figures.ratio(0, 3), 0.0)

    def test_nothing_due(self):
        # no data is not 0 % (the monthly statistics show an empty rate)
        self.assertIsNone(figures.ratio(0, 0))
        self.assertIsNone(figures.ratio(3, None))

    def test_score_bands(self):
        score = callback_statistics.score_from_percentage
        self.assertEqual(
            [score(p) for p in (0, 20, 20.01, 40, 60, 80, 80.01, 100)],
            [1, 1, 2, 2, 3, 4, 5, 5],
        )
        self.assertEqual(callback_statistics.rating_from_score(4), "satisfied")
        self.assertEqual(callback_statistics.rating_from_score(3), "neutral")
        self.assertEqual(callback_statistics.rating_from_score(2), "dissatisfied")
