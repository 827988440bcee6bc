# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import BaseCase, tagged

from ..rules import complaints


@tagged("post_install", "-at_install")
class TestComplaintRules(BaseCase):
    def test_repeat_streak_counts_only_the_latest_in_a_row(self):
        a, b = ("lot", 1), ("lot", 2)
        self.assertEqual(complaints.repeat_streak([a], a), 1)
        self.assertEqual(complaints.repeat_streak([a, a], a), 2)
        self.assertEqual(complaints.repeat_streak([a, b, a], a), 1)
        self.assertEqual(complaints.repeat_streak([b, a, a, a], a), 3)
        self.assertEqual(complaints.repeat_streak([None, None], None), 0)

    def test_candidate_thresholds(self):
        self.assertEqual(complaints.major_candidate_reasons(1, 2), [])
        self.assertEqual(complaints.major_candidate_reasons(2, 2), ["repeat"])
        self.assertEqual(complaints.major_candidate_reasons(1, 3), ["rework"])
        self.assertEqual(complaints.major_candidate_reasons(2, 3), ["repeat", "rework"])
        # a threshold of 0 switches the rule off
        self.assertEqual(complaints.major_candidate_reasons(5, 5, 0, 0), [])

    def test_approval_limit(self):
        self.assertFalse(complaints.needs_approval(1000, 1000))
        self.assertTrue(complaints.needs_approval(1000.01, 1000))
        self.assertTrue(complaints.needs_approval(1, 0))
        self.assertFalse(complaints.needs_approval(0, 0))
