# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.addons.service_lifecycle.rules.figures import ratio
from odoo.tests import BaseCase, tagged

from ..rules import kpi_formulas as f
from ..rules import kpi_penalties, kpi_periods


@tagged("post_install", "-at_install")
class TestKpiFormulas(BaseCase):
    def test_ratio(self):
        """The KPI values' rate is the suite's shared one: no denominator is
        no data (None), not 0."""
        self.assertEqual(ratio(3, 4), 75.0)
        self.assertEqual(ratio(12, 3, scale=1), 4.0)
        self.assertIsNone(ratio(0, 0))
        self.assertIsNone(ratio(5, 0))
        self.assertEqual(ratio(0, 5), 0.0)

    def test_rollup_sums_pairs_not_rates(self):
        months = [(1, 1), (0, 3), (3, 4)]  # 100 %, 0 %, 75 %
        self.assertEqual(f.rollup(months), (4.0, 8.0))
        self.assertEqual(ratio(*f.rollup(months)), 50.0)  # not 58.33

    def test_achievement_score(self):
        self.assertEqual(f.achievement_score(45, 90), 50.0)
        self.assertEqual(f.achievement_score(99, 90), 100.0)  # capped
        self.assertEqual(f.achievement_score(4, 2, "lower"), 50.0)
        self.assertEqual(f.achievement_score(0, 2, "lower"), 100.0)
        self.assertEqual(f.achievement_score(1, 2, "lower"), 100.0)
        self.assertEqual(f.achievement_score(5, 0), 100.0)
        self.assertIsNone(f.achievement_score(None, 90))

    def test_weighted_score_skips_missing_data(self):
        self.assertEqual(f.weighted_score([(100, 1), (50, 3)]), 62.5)
        self.assertEqual(f.weighted_score([(100, 1), (None, 3)]), 100.0)
        self.assertIsNone(f.weighted_score([(None, 1)]))

    def test_weights_sum_to_100(self):
        self.assertTrue(f.weights_sum_to_100(30, 40, 30))
        self.assertTrue(f.weights_sum_to_100(33.3, 33.3, 33.4))
        self.assertFalse(f.weights_sum_to_100(30, 40, 29.99))
        self.assertFalse(f.weights_sum_to_100(30, 40, 30.01))

    def test_combine_scores(self):
        # evaluation 0.3*80 + 0.4*90 + 0.3*60 = 78; final 0.5*70 + 0.5*78 = 74
        self.assertAlmostEqual(f.combine_scores(70, 80, 90, 60), 74.0)
        # no customer rating: 30/40 renormalised: (24 + 36) / 0.7 = 85.714...
        self.assertAlmostEqual(
            f.combine_scores(None, 80, 90, None), 85.7142857, places=5
        )
        self.assertAlmostEqual(f.combine_scores(70, 80, 90, 60, adjustment=-5), 69.0)
        self.assertEqual(f.combine_scores(100, 100, 100, 100, adjustment=10), 100.0)
        self.assertEqual(f.combine_scores(0, 0, 0, 0, adjustment=-10), 0.0)
        self.assertAlmostEqual(
            f.combine_scores(70, 80, 90, 60, indicator_weight=0), 78.0
        )

    def test_result_tier_boundaries(self):
        self.assertEqual(f.result_tier(100.0), f.TIER_BONUS)
        self.assertEqual(f.result_tier(90.01), f.TIER_BONUS)
        self.assertEqual(f.result_tier(90.0), f.TIER_STANDARD)
        self.assertEqual(f.result_tier(89.99), f.TIER_STANDARD)
        self.assertEqual(f.result_tier(70.0), f.TIER_STANDARD)
        self.assertEqual(f.result_tier(69.99), f.TIER_CRITICISM)
        self.assertEqual(f.result_tier(50.0), f.TIER_CRITICISM)
        self.assertEqual(f.result_tier(49.99), f.TIER_NO_BONUS)
        self.assertEqual(f.result_tier(0.0), f.TIER_NO_BONUS)
        self.assertIsNone(f.result_tier(None))
        # Thresholds are parameters.
        self.assertEqual(f.result_tier(85.5, 85, 60, 40), f.TIER_BONUS)
        self.assertEqual(f.result_tier(59.0, 85, 60, 40), f.TIER_CRITICISM)

    def test_value_status(self):
        self.assertEqual(f.value_status(90, 90, 70), "met")
        self.assertEqual(f.value_status(70, 90, 70), "warning")
        self.assertEqual(f.value_status(69.9, 90, 70), "failed")
        self.assertEqual(f.value_status(80, 90), "failed")
        self.assertEqual(f.value_status(2, 2, 5, "lower"), "met")
        self.assertEqual(f.value_status(5, 2, 5, "lower"), "warning")
        self.assertEqual(f.value_status(5.1, 2, 5, "lower"), "failed")
        self.assertEqual(f.value_status(None, 2), "no_data")


@tagged("post_install", "-at_install")
class TestKpiPeriods(BaseCase):
    def test_bounds(self):
        day = date(2026, 2, 14)
        self.assertEqual(
            kpi_periods.period_bounds("month", day),
            (date(2026, 2, 1), date(2026, 2, 28)),
        )
        self.assertEqual(
            kpi_periods.period_bounds("quarter", date(2026, 6, 30)),
            (date(2026, 4, 1), date(2026, 6, 30)),
        )
        self.assertEqual(
            kpi_periods.period_bounds("year", day),
            (date(2026, 1, 1), date(2026, 12, 31)),
        )
        self.assertEqual(
            kpi_periods.month_bounds(date(2028, 2, 3))[1], date(2028, 2, 29)
        )
        with self.assertRaises(ValueError):
            kpi_periods.period_bounds("week", day)

    def test_months_labels_ranges(self):
        self.assertEqual(
            kpi_periods.months_between(date(2026, 11, 1), date(2027, 1, 31)),
            [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)],
        )
        self.assertEqual(kpi_periods.period_label("month", date(2026, 3, 1)), "2026-03")
        self.assertEqual(
            kpi_periods.period_label("quarter", date(2026, 10, 1)), "2026-Q4"
        )
        self.assertEqual(kpi_periods.period_label("year", date(2026, 1, 1)), "2026")
        self.assertEqual(
            kpi_periods.datetime_range(date(2026, 3, 1), date(2026, 3, 31)),
            (datetime(2026, 3, 1), datetime(2026, 4, 1)),
        )
        # the company's days: March in Shanghai runs from 28 February 16:00 UTC
        self.assertEqual(
            kpi_periods.datetime_range(
                date(2026, 3, 1), date(2026, 3, 31), "Asia/Shanghai"
            ),
            (datetime(2026, 2, 28, 16), datetime(2026, 3, 31, 16)),
        )
        self.assertEqual(
            kpi_periods.previous_month(date(2026, 1, 15)), date(2025, 12, 1)
        )
        self.assertEqual(
            kpi_periods.previous_month(date(2026, 3, 31)), date(2026, 2, 1)
        )


@tagged("post_install", "-at_install")
class TestKpiPenaltyKinds(BaseCase):
    def test_default_amounts_from_the_rules(self):
        self.assertEqual(kpi_penalties.default_amount("missed_callback"), 500.0)
        self.assertEqual(kpi_penalties.default_amount("missed_callback_manager"), 300.0)
        self.assertEqual(kpi_penalties.charged_to("missed_callback_manager"), "manager")
        self.assertTrue(kpi_penalties.means_dismissal("falsified_callback"))
        self.assertEqual(
            kpi_penalties.default_amount("falsified_callback_manager"), 500.0
        )
        self.assertEqual(kpi_penalties.default_amount("incomplete_file"), 1000.0)
        self.assertEqual(kpi_penalties.charged_to("incomplete_file"), "department")
        self.assertEqual(kpi_penalties.default_amount("falsified_file"), 100.0)
        self.assertEqual(kpi_penalties.default_amount("serious_file"), 500.0)
        self.assertEqual(kpi_penalties.signed_amount("missed_callback", 500), -500)
        self.assertEqual(kpi_penalties.signed_amount("reward", 200), 200)
