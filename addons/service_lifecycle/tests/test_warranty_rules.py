# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo.tests import BaseCase, tagged

from ..rules import warranty
from ..rules.warranty import WarrantyPolicy, decide


@tagged("post_install", "-at_install")
class TestWarrantyRules(BaseCase):
    def test_return_window_ends_on_day_7(self):
        start = date(2025, 3, 1)
        self.assertEqual(decide(start, start).remedy, warranty.RETURN)
        self.assertEqual(decide(start, date(2025, 3, 8)).remedy, warranty.RETURN)
        self.assertEqual(decide(start, date(2025, 3, 9)).remedy, warranty.EXCHANGE)

    def test_exchange_window_ends_on_day_15(self):
        start = date(2025, 3, 1)
        self.assertEqual(decide(start, date(2025, 3, 16)).remedy, warranty.EXCHANGE)
        decision = decide(start, date(2025, 3, 17))
        self.assertEqual(decision.remedy, warranty.FREE_REPAIR)
        self.assertEqual(decision.days_since_start, 16)

    def test_windows_cross_month_and_year_ends(self):
        start = date(2024, 12, 28)
        self.assertEqual(decide(start, date(2025, 1, 4)).remedy, warranty.RETURN)
        self.assertEqual(decide(start, date(2025, 1, 5)).remedy, warranty.EXCHANGE)
        self.assertEqual(decide(start, date(2025, 1, 12)).remedy, warranty.EXCHANGE)
        self.assertEqual(decide(start, date(2025, 1, 13)).remedy, warranty.FREE_REPAIR)

    def test_leap_day_inside_the_return_window(self):
        # 2024 is a leap year: 23 Feb + 7 days is 1 March, not 2 March
        start = date(2024, 2, 23)
        self.assertEqual(decide(start, date(2024, 3, 1)).remedy, warranty.RETURN)
        self.assertEqual(decide(start, date(2024, 3, 2)).remedy, warranty.EXCHANGE)
        start = date(2025, 2, 23)
        self.assertEqual(decide(start, date(2025, 3, 2)).remedy, warranty.RETURN)
        self.assertEqual(decide(start, date(2025, 3, 3)).remedy, warranty.EXCHANGE)

    def test_whole_machine_free_repair_12_months(self):
        start = date(2024, 5, 10)
        decision = decide(start, date(2025, 5, 10))
        self.assertEqual(decision.remedy, warranty.FREE_REPAIR)
        self.assertEqual(decision.covered_until, date(2025, 5, 10))
        decision = decide(start, date(2025, 5, 11))
        self.assertEqual(decision.remedy, warranty.PAID)
        # the reason: the machine's 12-month period, ended on 10 May 2025
        self.assertEqual(decision.reason, warranty.REASON_MACHINE_ENDED)
        self.assertEqual(decision.period, 12)
        self.assertEqual(decision.covered_until, date(2025, 5, 10))
        self.assertFalse(decision.free)

    def test_main_component_free_repair_24_months(self):
        start = date(2024, 5, 10)
        kind = warranty.MAIN_COMPONENT
        self.assertEqual(
            decide(start, date(2025, 5, 11), kind).remedy, warranty.FREE_REPAIR
        )
        self.assertEqual(
            decide(start, date(2026, 5, 10), kind).remedy, warranty.FREE_REPAIR
        )
        self.assertEqual(decide(start, date(2026, 5, 11), kind).remedy, warranty.PAID)

    def test_month_end_and_leap_day_starts(self):
        # 12 months from 29 Feb 2024 end on 28 Feb 2025 (no 29 Feb in 2025)
        start = date(2024, 2, 29)
        self.assertEqual(decide(start, date(2025, 2, 28)).remedy, warranty.FREE_REPAIR)
        self.assertEqual(decide(start, date(2025, 3, 1)).remedy, warranty.PAID)
        # 24 months from 29 Feb 2024 end on 28 Feb 2026
        kind = warranty.MAIN_COMPONENT
        self.assertEqual(
            decide(start, date(2026, 2, 28), kind).remedy, warranty.FREE_REPAIR
        )
        self.assertEqual(decide(start, date(2026, 3, 1), kind).remedy, warranty.PAID)
        # (the month arithmetic itself: test_figures)

    def test_wearing_parts_are_never_free(self):
        start = date(2025, 3, 1)
        for fault in (start, start + timedelta(days=3), start + timedelta(days=100)):
            decision = decide(start, fault, warranty.WEARING_PART)
            self.assertEqual(decision.remedy, warranty.PAID)
            self.assertEqual(decision.reason, warranty.REASON_WEARING_PART)

    def test_policy_windows_are_configurable(self):
        policy = WarrantyPolicy(return_days=3, exchange_days=10, machine_months=6)
        start = date(2025, 1, 1)
        self.assertEqual(
            decide(start, date(2025, 1, 4), policy=policy).remedy, "return"
        )
        self.assertEqual(
            decide(start, date(2025, 1, 5), policy=policy).remedy, "exchange"
        )
        self.assertEqual(
            decide(start, date(2025, 7, 1), policy=policy).remedy, "free_repair"
        )
        self.assertEqual(decide(start, date(2025, 7, 2), policy=policy).remedy, "paid")

    def test_reason_names_the_window(self):
        # the rule gives the reason as a code and its numbers; the task order
        # words them in the reader's language (test_ticket_intake)
        decision = decide(date(2025, 3, 1), date(2025, 3, 5))
        self.assertEqual(decision.reason, warranty.REASON_RETURN_WINDOW)
        self.assertEqual(decision.period, 7)
        self.assertEqual(decision.days_since_start, 4)
        decision = decide(date(2025, 3, 1), date(2025, 3, 12))
        self.assertEqual(decision.reason, warranty.REASON_EXCHANGE_WINDOW)
        self.assertEqual(decision.period, 15)
        decision = decide(date(2025, 3, 1), date(2026, 1, 5), warranty.MAIN_COMPONENT)
        self.assertEqual(decision.reason, warranty.REASON_COMPONENT_COVERED)
        self.assertEqual(decision.period, 24)
        self.assertEqual(decision.covered_until, date(2027, 3, 1))

    def test_invalid_input(self):
        with self.assertRaises(ValueError):
            decide(date(2025, 3, 2), date(2025, 3, 1))
        with self.assertRaises(ValueError):
            decide(None, date(2025, 3, 1))
        with self.assertRaises(ValueError):
            decide(date(2025, 3, 1), date(2025, 3, 2), "engine")
