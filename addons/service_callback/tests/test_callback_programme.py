# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The callback programmes of the second reading: lost customers, on-site
visits after valuable suggestions, milestone greetings for D leads and
holiday calls for key customers (local days of Asia/Shanghai)."""

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PlannerCase


@tagged("post_install", "-at_install")
class TestCallbackProgrammes(PlannerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.company.resource_calendar_id.tz = "Asia/Shanghai"

    def _holiday(self, name, utc_start, utc_end):
        return self.env["resource.calendar.leaves"].create(
            {
                "name": name,
                "calendar_id": self.company.resource_calendar_id.id,
                "date_from": utc_start,
                "date_to": utc_end,
            }
        )

    # holiday calls for key customers --------------------------------------
    def test_holiday_call_on_the_local_eve(self):
        """National Day starts at midnight in Shanghai (16:00 UTC the day
        before): its local day is 1 October, the key customer is called on
        30 September at 10:00 Shanghai; other classes are not called."""
        rule = self._rule("holiday_key_customers")
        self.assertEqual(rule.schedule_summary, "1 Days before the day")
        self.key_account.user_id = self.salesperson
        self._holiday("National Day", "2026-09-30 16:00:00", "2026-10-07 15:59:59")
        with self._at("2026-09-10 02:00:00"):
            self.Rule._cron_plan_callbacks()
        self.assertEqual(
            self._dues(rule, self.key_account), [(20260930, "2026-09-30 02:00")]
        )
        callback = self._callbacks(rule, self.key_account)
        self.assertEqual(callback.method, "phone")
        self.assertEqual(callback.user_id, self.salesperson)
        self.assertEqual(callback.callback_type, "holiday")
        self.assertFalse(self._callbacks(rule, self.regular | self.big_account))
        # planned twice: nothing more
        with self._at("2026-09-11 02:00:00"):
            self.Rule._cron_plan_callbacks()
        self.assertEqual(len(self._callbacks(rule, self.key_account)), 1)

    def test_holiday_call_before_a_monday_holiday_moves_to_friday(self):
        """A holiday on Monday 4 May: the eve is a Sunday, the call is made
        in the last window of Friday 1 May, never after the holiday starts."""
        rule = self._rule("holiday_key_customers")
        self._holiday("Youth Day", "2026-05-03 16:00:00", "2026-05-04 15:59:59")
        with self._at("2026-04-20 02:00:00"):
            self.Rule._cron_plan_callbacks()
        callback = self._callbacks(rule, self.key_account)
        self.assertEqual(callback.occurrence, 20260503)
        # Friday 1 May, 15:30 Shanghai
        self.assertEqual(
            callback.due_datetime.strftime("%Y-%m-%d %H:%M"), "2026-05-01 07:30"
        )

    def test_holiday_call_window_boundary(self):
        """Planned 30 days ahead (company's local day): a holiday whose eve is
        the horizon's last day is planned, the next day's is not; at 01:00
        Shanghai (17:00 UTC the day before) the horizon moved a day on."""
        rule = self._rule("holiday_key_customers")
        self._holiday("Holiday A", "2026-10-01 16:00:00", "2026-10-02 15:59:59")
        self._holiday("Holiday B", "2026-10-02 16:00:00", "2026-10-03 15:59:59")
        with self._at("2026-09-01 02:00:00"):  # 1 September in Shanghai
            self.Rule._cron_plan_callbacks()
        # eve of 2 October: 1 October (horizon end) planned; eve of 3 October not
        self.assertEqual(
            [c.occurrence for c in self._callbacks(rule, self.key_account)],
            [20261001],
        )
        with self._at("2026-09-01 17:00:00"):  # already 2 September in Shanghai
            self.Rule._cron_plan_callbacks()
        self.assertEqual(
            [c.occurrence for c in self._callbacks(rule, self.key_account)],
            [20261001, 20261002],
        )

    def test_resource_leave_is_no_holiday(self):
        """A leave of one resource (a person's day off) is no public holiday."""
        rule = self._rule("holiday_key_customers")
        leave = self._holiday("Day off", "2026-09-30 16:00:00", "2026-10-01 15:59:59")
        leave.resource_id = self.env["resource.resource"].create(
            {"name": "Wang", "calendar_id": self.company.resource_calendar_id.id}
        )
        with self._at("2026-09-10 02:00:00"):
            self.Rule._cron_plan_callbacks()
        self.assertFalse(self._callbacks(rule, self.key_account))

    # milestone greetings for D leads ---------------------------------------
    def test_milestone_greeting_for_d_leads(self):
        rule = self._rule("milestone_d_leads")
        self.env["service.callback.milestone"].create(
            {"name": "Open day", "date": "2026-09-10"}
        )
        with self._at("2026-09-01 02:00:00"):
            lead_d = self._lead("d")
            lead_a = self._lead("a")
            self.Rule._cron_plan_callbacks()
        # the day before the milestone (Wednesday 9 September), 10:00 Shanghai
        self.assertEqual(self._dues(rule, lead_d), [(20260909, "2026-09-09 02:00")])
        self.assertEqual(self._callbacks(rule, lead_d).method, "im")
        self.assertFalse(self._callbacks(rule, lead_a))
        # a milestone beyond the horizon waits
        self.env["service.callback.milestone"].create(
            {"name": "Launch", "date": "2026-10-20"}
        )
        with self._at("2026-09-02 02:00:00"):
            self.Rule._cron_plan_callbacks()
        self.assertEqual(len(self._callbacks(rule, lead_d)), 1)

    # lost customers ---------------------------------------------------------
    def test_lost_lead_is_called_back(self):
        rule = self._rule("lost_customer")
        with self._at("2026-09-07 03:00:00"):  # Monday
            lead = self._lead("b")
            won = self._lead("a")
            lead.with_user(self.salesperson).action_set_lost()
            won.with_user(self.salesperson).action_set_won()
        # 3 days later (Thursday 10 September), 10:00 Shanghai
        self.assertEqual(self._dues(rule, lead), [(1, "2026-09-10 02:00")])
        callback = self._callbacks(rule, lead)
        self.assertEqual(callback.user_id, self.salesperson)
        self.assertEqual(callback.callback_type, "followup")
        self.assertFalse(self._callbacks(rule, won))
        # the pre-sale calls of the lost lead stopped
        presale = self.Callback.search(
            [
                ("res_model", "=", "crm.lead"),
                ("res_id", "=", lead.id),
                ("rule_id.anchor_event", "=", "lead_created"),
                ("state", "=", "planned"),
                ("due_datetime", ">", "2026-09-08 00:00:00"),
            ]
        )
        self.assertFalse(presale)

    # valuable suggestions ------------------------------------------------------
    def test_valuable_suggestion_gets_an_onsite_visit(self):
        """The agent records the customer's suggestion and marks it valuable:
        the customer's salesperson visits a week later."""
        rule = self._rule("suggestion_visit")
        self.regular.user_id = self.salesperson
        with self._at("2026-09-07 03:00:00"):
            callback = self.Callback.create(
                {"partner_id": self.regular.id, "user_id": self.agent_a.id}
            )
            record = callback.with_user(self.agent_a)
            with self.assertRaises(ValidationError), self.cr.savepoint():
                record.suggestion_valuable = True
            record.write(
                {
                    "reached": True,
                    "rating": "satisfied",
                    "customer_suggestions": "Add a night light to the cab.",
                    "suggestion_valuable": True,
                }
            )
            self.assertFalse(self._callbacks(rule, callback))  # not done yet
            record.action_done()
        visit = self._callbacks(rule, callback)
        self.assertEqual(visit.method, "onsite")
        self.assertEqual(visit.user_id, self.salesperson)
        self.assertEqual(visit.partner_id, self.regular)
        self.assertEqual(self._dues(rule, callback), [(1, "2026-09-14 02:00")])
        self.assertTrue(visit.signature_required)
