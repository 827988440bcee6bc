# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

import psycopg2.errors

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import PlannerCase


@tagged("post_install", "-at_install")
class TestInstallationProgramme(PlannerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.installation = cls._rule("installation")
        cls.onsite_key = cls._rule("onsite_key_account")
        cls.onsite_big = cls._rule("onsite_big_account")

    @freeze_time("2025-01-31 09:00:00")
    def _accepted_order(self, partner):
        order = self._order(partner)
        order.write({"acceptance_date": date(2025, 1, 31)})
        return order

    def test_acceptance_plans_the_first_callback(self):
        order = self._accepted_order(self.regular)
        callbacks = self._callbacks(self.installation, order)
        # January 31 + 1 month = Friday February 28, 10:00 in Shanghai
        self.assertEqual(
            self._dues(self.installation, order), [(1, "2025-02-28 02:00")]
        )
        self.assertEqual(callbacks.callback_type, "installation")
        self.assertEqual(callbacks.method, "phone")
        self.assertEqual(callbacks.user_id, self.salesperson)
        self.assertEqual(callbacks.partner_id, self.regular)
        self.assertEqual(callbacks.rule_id, self.installation)
        self.assertEqual(callbacks.state, "planned")
        self.assertTrue(callbacks.name.startswith("CB/"))
        self.assertEqual(callbacks.anchor_ref, order)
        # a regular customer gets no on-site callbacks
        self.assertFalse(self._callbacks(self.onsite_key, order))
        self.assertFalse(self._callbacks(self.onsite_big, order))

    def test_routine_callbacks_every_six_months_without_drift(self):
        order = self._accepted_order(self.regular)
        with freeze_time("2025-08-05 00:00:00"):
            self.Rule._cron_plan_callbacks()
        # Sunday August 31 moves to Monday September 1, 10:00 in Shanghai
        self.assertEqual(
            self._dues(self.installation, order),
            [(1, "2025-02-28 02:00"), (2, "2025-09-01 02:00")],
        )
        self.assertEqual(
            self._callbacks(self.installation, order)[1].callback_type, "routine"
        )
        with freeze_time("2026-02-10 00:00:00"):
            self.Rule._cron_plan_callbacks()
        with freeze_time("2026-08-10 00:00:00"):
            self.Rule._cron_plan_callbacks()
        dues = dict(self._dues(self.installation, order))
        # February 28, 2026 is a Saturday: Monday March 2
        self.assertEqual(dues[3], "2026-03-02 02:00")
        # August 31, 2026 is a Monday: on the month end, not the 28th
        self.assertEqual(dues[4], "2026-08-31 02:00")

    def test_key_accounts_on_site_every_six_months_big_accounts_yearly(self):
        key_order = self._accepted_order(self.key_account)
        big_order = self._accepted_order(self.big_account)
        # the event plans the first on-site visit of each at once
        self.assertEqual(
            self._dues(self.onsite_key, key_order), [(1, "2025-07-31 02:00")]
        )
        # January 31, 2026 is a Saturday
        self.assertEqual(
            self._dues(self.onsite_big, big_order), [(1, "2026-02-02 02:00")]
        )
        self.assertFalse(self._callbacks(self.onsite_big, key_order))
        self.assertFalse(self._callbacks(self.onsite_key, big_order))
        self.assertEqual(self._callbacks(self.onsite_key, key_order).method, "onsite")
        # both also get the phone programme
        self.assertTrue(self._callbacks(self.installation, key_order))
        with freeze_time("2026-01-20 00:00:00"):
            self.Rule._cron_plan_callbacks()
        self.assertEqual(
            self._dues(self.onsite_key, key_order),
            [(1, "2025-07-31 02:00"), (2, "2026-02-02 02:00")],
        )
        self.assertEqual(len(self._callbacks(self.onsite_big, big_order)), 1)
        with freeze_time("2027-01-20 00:00:00"):
            self.Rule._cron_plan_callbacks()
        self.assertEqual(
            self._dues(self.onsite_big, big_order),
            [(1, "2026-02-02 02:00"), (2, "2027-02-01 02:00")],
        )

    def test_customers_who_asked_for_fewer_calls(self):
        self.regular.callback_fewer_calls = True
        order = self._accepted_order(self.regular)
        with freeze_time("2025-08-05 00:00:00"):
            self.Rule._cron_plan_callbacks()
        # the first callback stays, the routine ones come every 12 months
        self.assertEqual(
            self._dues(self.installation, order), [(1, "2025-02-28 02:00")]
        )
        with freeze_time("2026-02-10 00:00:00"):
            self.Rule._cron_plan_callbacks()
        self.assertEqual(
            self._dues(self.installation, order),
            [(1, "2025-02-28 02:00"), (2, "2026-03-02 02:00")],
        )

    def test_horizon_and_catch_up(self):
        order = self._accepted_order(self.regular)
        # occurrence 2 (September 1) is 32 days away: beyond the 30-day horizon
        with freeze_time("2025-07-31 00:00:00"):
            self.Rule._cron_plan_callbacks()
        self.assertEqual(len(self._callbacks(self.installation, order)), 1)
        self.company.callback_plan_horizon_days = 40
        with freeze_time("2025-07-31 00:00:00"):
            self.Rule._cron_plan_callbacks()
        self.assertEqual(len(self._callbacks(self.installation, order)), 2)
        # three weeks late is beyond the 7 catch-up days: not planned any more
        other = self._accepted_order(self.key_account)
        self._callbacks(self.onsite_key, other).unlink()
        with freeze_time("2025-08-21 00:00:00"):
            self.Rule._cron_plan_callbacks()
        self.assertFalse(self._callbacks(self.onsite_key, other))
        self.company.callback_plan_catchup_days = 30
        with freeze_time("2025-08-21 00:00:00"):
            self.Rule._cron_plan_callbacks()
        self.assertEqual(self._dues(self.onsite_key, other), [(1, "2025-07-31 02:00")])

    def test_today_is_the_local_day_before_8_in_the_morning(self):
        """Between 00:00 and 08:00 in Shanghai the UTC day is still the day
        before: the planner's "today" is the company's day. Occurrence 4 is
        due on Monday 31 August 2026; with no horizon it is planned on its own
        local day only, in that day's contact window."""
        self.company.partner_id.tz = "Asia/Shanghai"
        order = self._accepted_order(self.regular)
        for day in ("2025-08-05", "2026-02-10"):  # occurrences 2 and 3
            with freeze_time(day):
                self.Rule._cron_plan_callbacks()
        self.company.callback_plan_horizon_days = 0
        # Sunday 30 August 23:30 in Shanghai (15:30 UTC): not yet its day
        with freeze_time("2026-08-30 15:30:00"):
            self.Rule._cron_plan_callbacks()
        self.assertNotIn(4, dict(self._dues(self.installation, order)))
        # Monday 31 August 07:30 in Shanghai (still 30 August in UTC): its day
        with freeze_time("2026-08-30 23:30:00"):
            self.Rule._cron_plan_callbacks()
        self.assertEqual(
            dict(self._dues(self.installation, order))[4], "2026-08-31 02:00"
        )

    def test_contact_windows_are_configurable(self):
        self.company.callback_contact_windows = "14:00-16:00"
        order = self._accepted_order(self.regular)
        self.assertEqual(
            self._dues(self.installation, order), [(1, "2025-02-28 06:00")]
        )
        with self.assertRaises(ValidationError):
            self.company.callback_contact_windows = "16:00-14:00"

    def test_cancelled_orders_are_not_planned(self):
        order = self._accepted_order(self.regular)
        self._callbacks(self.installation, order).unlink()
        order._action_cancel()
        with freeze_time("2025-02-20 00:00:00"):
            self.Rule._cron_plan_callbacks()
        self.assertFalse(self._callbacks(self.installation, order))


@tagged("post_install", "-at_install")
class TestPlannerIdempotence(PlannerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.installation = cls._rule("installation")
        with freeze_time("2025-01-31 09:00:00"):
            cls.orders = cls.env["sale.order"]
            for _index in range(3):
                cls.orders |= cls._order(cls.regular)
            cls.orders.write({"acceptance_date": date(2025, 1, 31)})

    def test_running_twice_creates_nothing_more(self):
        domain = [("rule_id", "=", self.installation.id)]
        with freeze_time("2025-08-05 00:00:00"):
            first = self.installation._plan_callbacks()
            count = self.Callback.search_count(domain)
            self.Rule._cron_plan_callbacks()
            again = self.installation._plan_callbacks()
        self.assertEqual(len(first), 3)
        self.assertFalse(again)
        self.assertEqual(count, 6)
        self.assertEqual(self.Callback.search_count(domain), 6)
        # the database refuses a duplicate, whoever inserts it
        callback = self._callbacks(self.installation, self.orders[0])[:1]
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            callback.copy({"rule_key": callback.rule_key, "occurrence": 1})

    def test_events_and_planner_do_not_duplicate(self):
        self.orders.write({"installation_date": date(2025, 1, 31)})
        self.assertEqual(
            self.Callback.search_count([("rule_id", "=", self.installation.id)]), 3
        )

    def test_query_count_does_not_grow_with_anchors(self):
        rule = self.installation
        # warm up the caches (sequence, users, company windows)
        with freeze_time("2025-08-05 00:00:00"):
            rule._plan_callbacks()
        self.Callback.search(
            [("rule_id", "=", rule.id), ("occurrence", "=", 2)]
        ).unlink()
        # the rule's purpose in the company's language, anchor ids, the
        # agents and their departments (as the callback computes them), then
        # per batch: anchors, references drawn from the sequence, savepoint,
        # insert, release, and the assignees' access (the group, one insert)
        with freeze_time("2025-08-05 00:00:00"), self.assertQueryCount(17):
            created = rule._plan_callbacks()
        self.assertEqual(len(created), 3)
        with freeze_time("2025-01-31 09:00:00"):
            more = self.env["sale.order"]
            for _index in range(12):
                more |= self._order(self.regular)
            more.write({"acceptance_date": date(2025, 1, 31)})
        self.Callback.search(
            [("rule_id", "=", rule.id), ("occurrence", "=", 2)]
        ).unlink()
        self.env.invalidate_all()
        with freeze_time("2025-08-05 00:00:00"), self.assertQueryCount(17):
            created = rule._plan_callbacks()
        self.assertEqual(len(created), 15)

    def test_complete_series_cost_one_query(self):
        """A rule whose series are complete is re-run without reading any
        anchor: the rule and its company, the company's time zone (its local
        day), then one query for the anchors left to plan (none: a series of
        one callback here)."""
        rule = self._rule("other_service")
        ticket = self._ticket()
        with freeze_time("2025-03-03 03:00:00"):
            self._close_tickets(ticket)
        self.assertEqual(len(self._callbacks(rule, ticket)), 1)
        self.env.invalidate_all()
        with freeze_time("2025-03-05 00:00:00"), self.assertQueryCount(5):
            self.assertFalse(rule._plan_callbacks())
        # an incomplete series is planned again
        self._callbacks(rule, ticket).unlink()
        with freeze_time("2025-03-05 00:00:00"):
            self.assertEqual(len(rule._plan_callbacks()), 1)
        self.assertEqual(self._dues(rule, ticket), [(1, "2025-03-10 02:00")])

    def test_batches_report_progress(self):
        progress = []
        self.patch(
            type(self.env["ir.cron"]),
            "_notify_progress",
            lambda _self, done, remaining, deactivate=False: progress.append(
                (done, remaining)
            ),
        )
        with freeze_time("2025-08-05 00:00:00"):
            self.Rule._cron_plan_callbacks()
        self.assertTrue(progress)
        self.assertEqual(progress[-1][1], 0)
        self.assertGreaterEqual(progress[-1][0], 3)


@tagged("post_install", "-at_install")
class TestEventCallbacks(PlannerCase):
    def test_closed_task_order(self):
        rule = self._rule("other_service")
        ticket = self._ticket()
        self.assertFalse(self._callbacks(rule, ticket))
        with freeze_time("2025-03-03 03:00:00"):  # Monday 11:00 in Shanghai
            self._close_tickets(ticket)
        # one week later, 10:00 in Shanghai
        self.assertEqual(self._dues(rule, ticket), [(1, "2025-03-10 02:00")])
        callback = self._callbacks(rule, ticket)
        self.assertEqual(callback.user_id, self.technician)
        self.assertEqual(callback.callback_type, "service")

    def test_task_order_closed_before_8_in_shanghai(self):
        """Closed on Tuesday 4 March at 07:30 in Shanghai (still Monday in
        UTC): the week is counted from the local Tuesday."""
        self.company.partner_id.tz = "Asia/Shanghai"
        rule = self._rule("other_service")
        ticket = self._ticket()
        with freeze_time("2025-03-03 23:30:00"):
            self._close_tickets(ticket)
        self.assertEqual(self._dues(rule, ticket), [(1, "2025-03-11 02:00")])

    def test_purpose_in_the_readers_language(self):
        """The cron runs as OdooBot in English; each agent reads the purpose
        in their own language: the rule's translatable purpose is rendered at
        read time, nothing is stored in the writer's language."""
        self.env["res.lang"]._activate_lang("zh_CN")
        rule = self._rule("other_service")
        rule.with_context(lang="zh_CN").purpose = "了解维修后设备运行情况"
        english = rule.with_context(lang="en_US").purpose
        self.env.company.partner_id.lang = "zh_CN"
        ticket = self._ticket()
        with freeze_time("2025-03-03 03:00:00"):
            self._close_tickets(ticket)
        callback = self._callbacks(rule, ticket)
        self.assertFalse(callback.purpose)
        # an agent working in Chinese reads it in Chinese
        self.assertEqual(
            callback.with_user(self.agent_a).with_context(lang="zh_CN").display_purpose,
            "了解维修后设备运行情况",
        )
        self.assertEqual(callback.with_context(lang="en_US").display_purpose, english)
        self.assertNotEqual(english, "了解维修后设备运行情况")
        # a follow-up's "promised reply" is worded for its reader too
        callback.write(
            {
                "reached": True,
                "rating": "neutral",
                "score": 3,
                "open_issue": True,
                "promised_datetime": "2025-03-05 02:00:00",
                "next_steps": "送新滤芯",
            }
        )
        callback.action_done()
        followup = callback.followup_ids
        self.assertEqual(followup.purpose, "送新滤芯")
        self.assertEqual(
            followup.with_context(lang="en_US").display_purpose,
            "Promised reply: 送新滤芯",
        )
        self.assertEqual(
            followup.with_context(lang="zh_CN").display_purpose,
            "承诺答复\uff1a送新滤芯",  # the translation's full-width colon
        )

    def test_special_service(self):
        special = self._rule("special_service")
        other = self._rule("other_service")
        ticket = self._ticket(request_type="paid_service")
        with freeze_time("2025-03-03 03:00:00"):
            self._close_tickets(ticket)
        self.assertEqual(self._dues(special, ticket), [(1, "2025-03-13 02:00")])
        self.assertFalse(self._callbacks(other, ticket))

    def test_repair_done(self):
        rule = self._rule("repair")
        other = self._rule("other_service")
        ticket = self._ticket(request_type="repair")
        repair = self._repair(ticket_id=ticket.id)
        with freeze_time("2025-01-31 03:00:00"):
            repair.action_validate()
            repair.action_repair_start()
            repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        # one month after January 31: Friday February 28
        self.assertEqual(self._dues(rule, repair), [(1, "2025-02-28 02:00")])
        self.assertEqual(self._callbacks(rule, repair).user_id, self.technician)
        self.assertEqual(self._callbacks(rule, repair).callback_type, "repair")
        # closing its task order does not add the "other service" callback
        with freeze_time("2025-02-01 03:00:00"):
            self._close_tickets(ticket)
        self.assertFalse(self._callbacks(other, ticket))

    def test_lead_created_by_grade(self):
        rule_a = self._rule("lead_a")
        rule_c = self._rule("lead_c")
        with self._at("2025-03-03 01:00:00"):  # Monday 09:00 in Shanghai
            lead = self._lead("a")
        self.assertEqual(lead.create_date.date(), date(2025, 3, 3))
        # the same day in the morning window, again 3 days later, then weekly
        # (those within the 30-day horizon)
        self.assertEqual(
            self._dues(rule_a, lead),
            [
                (1, "2025-03-03 02:00"),
                (2, "2025-03-06 02:00"),
                (3, "2025-03-13 02:00"),
                (4, "2025-03-20 02:00"),
                (5, "2025-03-27 02:00"),
            ],
        )
        callbacks = self._callbacks(rule_a, lead)
        self.assertEqual(callbacks.user_id, self.salesperson)
        self.assertEqual(set(callbacks.mapped("callback_type")), {"presale"})
        self.assertFalse(self._callbacks(rule_c, lead))
        with self._at("2025-03-04 00:00:00"):
            self.Rule._cron_plan_callbacks()
        self.assertEqual(self._dues(rule_a, lead)[-1], (6, "2025-04-03 02:00"))
        # a C lead: weekly, the first a week later
        with self._at("2025-03-03 01:00:00"):
            lead_c = self._lead("c")
        self.assertEqual(self._dues(rule_c, lead_c)[0], (1, "2025-03-10 02:00"))
        # no customer on the lead: nobody to call back
        with self._at("2025-03-03 01:00:00"):
            anonymous = self._lead("a", partner_id=False)
        self.assertFalse(self._callbacks(rule_a, anonymous))

    def test_visit_ends_the_lead_series(self):
        rule_a = self._rule("lead_a")
        visit_a = self._rule("visit_a")
        with self._at("2025-03-03 01:00:00"):
            lead = self._lead("a")
        with self._at("2025-03-04 01:00:00"):
            visit = self.env["crm.consultation"].create(
                {
                    "lead_id": lead.id,
                    "partner_id": self.regular.id,
                    "channel": "visit",
                    "question": "Which header fits our rice fields?",
                }
            )
        # key visitors: the same day, again within 3 days, then every 3 days
        self.assertEqual(
            [due for _n, due in self._dues(visit_a, visit)][:4],
            [
                "2025-03-04 02:00",
                "2025-03-07 02:00",
                "2025-03-10 02:00",
                "2025-03-13 02:00",
            ],
        )
        # the lead's weekly calls end with the visit
        lead_callbacks = self._callbacks(rule_a, lead)
        self.assertEqual(
            lead_callbacks.mapped("state"),
            ["planned", "cancelled", "cancelled", "cancelled", "cancelled"],
        )
        with self._at("2025-03-05 00:00:00"):
            self.Rule._cron_plan_callbacks()
        self.assertEqual(len(self._callbacks(rule_a, lead)), 5)

    def test_deal_won(self):
        rule = self._rule("deal")
        lead_rule = self._rule("lead_b")
        with self._at("2025-03-03 01:00:00"):
            lead = self._lead("b")
            lead.action_set_won()
        # the same day, then every half month
        self.assertEqual(
            self._dues(rule, lead),
            [(1, "2025-03-03 02:00"), (2, "2025-03-18 02:00"), (3, "2025-04-02 02:00")],
        )
        self.assertEqual(self._callbacks(rule, lead)[0].callback_type, "deal")
        # a won lead's pre-sale calls still to come are cancelled
        self.assertEqual(
            set(self._callbacks(lead_rule, lead).mapped("state")), {"cancelled"}
        )
        with self._at("2025-03-04 00:00:00"):
            self.Rule._cron_plan_callbacks()
        self.assertEqual(len(self._callbacks(lead_rule, lead)), 5)

    def test_holiday_greetings(self):
        rule = self._rule("holiday_d_leads")
        deal_rule = self._rule("holiday_deals")
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Labour Day",
                "calendar_id": self.company.resource_calendar_id.id,
                "date_from": "2025-05-01 00:00:00",
                "date_to": "2025-05-01 23:59:59",
            }
        )
        with self._at("2025-04-20 00:00:00"):
            lead_d = self._lead("d")
            lead_a = self._lead("a")
            won = self._lead("b")
            won.action_set_won()
            self.Rule._cron_plan_callbacks()
        # Thursday May 1
        self.assertEqual(self._dues(rule, lead_d), [(20250501, "2025-05-01 02:00")])
        self.assertEqual(self._callbacks(rule, lead_d).method, "im")
        self.assertFalse(self._callbacks(rule, lead_a))
        self.assertEqual(self._dues(deal_rule, won), [(20250501, "2025-05-01 02:00")])
        self.assertFalse(self._callbacks(deal_rule, lead_d))


@tagged("post_install", "-at_install")
class TestAssignment(PlannerCase):
    def test_balanced_callback_team(self):
        rule = self._rule("other_service")
        rule.write(
            {
                "assign_to": "team",
                "team_user_ids": [Command.set((self.agent_a | self.agent_b).ids)],
            }
        )
        # agent A already has two open callbacks, agent B one
        for user in (self.agent_a, self.agent_a, self.agent_b):
            self.Callback.create({"partner_id": self.regular.id, "user_id": user.id})
        tickets = self.env["helpdesk.ticket"]
        for _index in range(4):
            tickets |= self._ticket()
        with freeze_time("2025-03-03 03:00:00"):
            self._close_tickets(tickets)
        users = self.Callback.search(
            [("rule_id", "=", rule.id), ("res_id", "in", tickets.ids)]
        ).user_id
        counts = {
            user: self.Callback.search_count(
                [("state", "=", "planned"), ("user_id", "=", user.id)]
            )
            for user in (self.agent_a, self.agent_b)
        }
        self.assertEqual(users, self.agent_a | self.agent_b)
        # 3 open + 4 new, as even as can be
        self.assertEqual(sorted(counts.values()), [3, 4])

    def test_team_takes_over_without_a_technician(self):
        rule = self._rule("other_service")
        rule.team_user_ids = self.agent_b
        ticket = self._ticket(user_id=False)
        with freeze_time("2025-03-03 03:00:00"):
            self._close_tickets(ticket, keep_user=True)
        self.assertEqual(self._callbacks(rule, ticket).user_id, self.agent_b)

    def test_team_needs_members(self):
        with self.assertRaises(ValidationError):
            self._rule("repair").assign_to = "team"

    def test_only_supervisors_edit_rules(self):
        rule = self._rule("repair")
        self.assertEqual(rule.with_user(self.agent_a).first_offset, 1)
        with self.assertRaises(AccessError):
            rule.with_user(self.agent_a).first_offset = 2
        rule.with_user(self.supervisor).first_offset = 2
        self.assertEqual(rule.first_offset, 2)
        self.assertEqual(rule.schedule_summary, "after 2 Months, at most 1")


@tagged("post_install", "-at_install")
class TestPlannedReferencesAndDepartments(PlannerCase):
    """The planner numbers its callbacks as ir.sequence does and gives them
    their agent's department as the callback computes it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls._rule("other_service")
        cls.sequence = cls.env.ref("service_callback.seq_service_callback")
        cls.desk = cls.env["hr.department"].create({"name": "Hotline Desk"})
        cls.env["hr.employee"].create(
            {
                "name": "Technician",
                "user_id": cls.technician.id,
                "department_id": cls.desk.id,
            }
        )

    def _close(self, count=1):
        tickets = self.env["helpdesk.ticket"]
        for _index in range(count):
            tickets |= self._ticket()
        with freeze_time("2025-03-03 03:00:00"):
            self._close_tickets(tickets)
        return self._callbacks(self.rule, tickets)

    def test_department_as_the_callback_computes_it(self):
        callback = self._close()
        self.assertEqual(callback.user_id, self.technician)
        self.assertEqual(callback.department_id, self.desk)
        callback.invalidate_recordset(["department_id"])
        callback._compute_department_id()
        self.assertEqual(callback.department_id, self.desk)
        # an agent whose employee has no department: none on the callback
        self.env["hr.employee"].create({"name": "Agent B", "user_id": self.agent_b.id})
        ticket = self._ticket(user_id=self.agent_b.id)
        with freeze_time("2025-03-03 03:00:00"):
            self._close_tickets(ticket, keep_user=True)
        callback = self._callbacks(self.rule, ticket)
        self.assertEqual(callback.user_id, self.agent_b)
        self.assertFalse(callback.department_id)

    @freeze_time("2025-03-03 03:00:00")
    def test_references_follow_the_sequence(self):
        self.sequence.write({"prefix": "HF-%(year)s-", "suffix": "/CB", "padding": 7})
        self.sequence.number_next_actual = 41
        callbacks = self._close(2)
        self.assertEqual(
            sorted(callbacks.mapped("name")),
            ["HF-2025-0000041/CB", "HF-2025-0000042/CB"],
        )
        # the next callback made by hand continues the same sequence
        self.assertEqual(
            self.Callback.create({"partner_id": self.regular.id}).name,
            "HF-2025-0000043/CB",
        )

    @freeze_time("2025-03-03 03:00:00")
    def test_references_of_a_sequence_with_date_ranges(self):
        self.sequence.write({"prefix": "CB/%(range_year)s/", "use_date_range": True})
        callback = self._close()
        current = self.sequence.date_range_ids.filtered(
            lambda r: r.date_from <= date(2025, 3, 3) <= r.date_to
        )
        self.assertEqual(len(current), 1)
        self.assertEqual(callback.name, "CB/2025/00001")
        self.assertEqual(current.number_next_actual, 2)

    @freeze_time("2025-03-03 03:00:00")
    def test_references_of_a_gapless_sequence(self):
        self.sequence.write({"implementation": "no_gap", "number_next": 7})
        callbacks = self._close(3)
        self.assertEqual(
            sorted(callbacks.mapped("name")),
            ["CB/2025/00007", "CB/2025/00008", "CB/2025/00009"],
        )
        # planning again inserts nothing and draws no number
        with freeze_time("2025-03-05 00:00:00"):
            self.assertFalse(self.rule._plan_callbacks())
        self.assertEqual(self.sequence.number_next, 10)
