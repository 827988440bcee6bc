# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.addons.service_callback import _post_init_hook
from odoo.tests import tagged

from .common import PlannerCase

FOLLOWUP = "service_lifecycle.mail_activity_type_lead_followup"


@tagged("post_install", "-at_install")
class TestPresaleFollowupEngine(PlannerCase):
    """One pre-sale follow-up engine per lead: with service_callback its
    callback rules plan the follow-ups and the lead-grade cadence (grade A
    every 3 days, as activities) stands down."""

    def _cadence_activities(self, leads):
        followup = self.env.ref(FOLLOWUP)
        return leads.activity_ids.filtered(lambda a: a.activity_type_id == followup)

    def _with_cadence(self):
        """The lead-grade cadence as it runs without service_callback."""
        return patch.object(
            type(self.env["crm.lead"]), "_followup_by_grade_cadence", lambda _self: True
        )

    def test_callback_rules_plan_the_followups_of_a_graded_lead(self):
        with self._at("2025-03-03 01:00:00"):
            lead = self._lead("a")
        # grade A: the same day, 3 days later, then weekly (the rule's cadence)
        self.assertEqual(
            [due for _n, due in self._dues(self._rule("lead_a"), lead)][:3],
            ["2025-03-03 02:00", "2025-03-06 02:00", "2025-03-13 02:00"],
        )
        self.assertFalse(self._cadence_activities(lead))
        self.assertFalse(lead.next_followup_date)
        with self._at("2025-03-04 01:00:00"):
            lead.lead_grade = "b"
        self.assertTrue(self._callbacks(self._rule("lead_b"), lead))
        self.assertFalse(self._cadence_activities(lead))
        self.assertFalse(lead.next_followup_date)

    def test_cadence_runs_only_where_it_is_the_engine(self):
        """The same lead with the cadence as the engine gets its activity:
        the stand-down is service_callback's, not a broken cadence."""
        with self._with_cadence(), self._at("2025-03-03 01:00:00"):
            lead = self._lead("a")
        self.assertEqual(len(self._cadence_activities(lead)), 1)
        self.assertTrue(lead.next_followup_date)

    def test_installing_the_callbacks_stands_the_cadence_down(self):
        with self._with_cadence(), self._at("2025-03-03 01:00:00"):
            leads = self._lead("a") | self._lead("c")
        self.assertEqual(len(self._cadence_activities(leads)), 2)
        _post_init_hook(self.env)
        self.assertFalse(self._cadence_activities(leads))
        self.assertFalse(any(leads.mapped("next_followup_date")))
        # a cadence activity done meanwhile plans no next one
        with self._with_cadence(), self._at("2025-03-03 01:00:00"):
            lead = self._lead("a")
        self._cadence_activities(lead).action_done()
        self.assertEqual(lead.followup_count, 1)
        self.assertFalse(self._cadence_activities(lead))
        self.assertFalse(lead.next_followup_date)
