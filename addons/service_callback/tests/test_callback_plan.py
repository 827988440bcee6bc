# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The callback plan document, the callback's appointment, interviewees and
script, the customer's suggestions list, the weekly sales routine and the
archiving of signed-off reports, each through the users' own actions."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import CallbackCase

SALESMAN = "sales_team.group_sale_salesman"


@tagged("post_install", "-at_install")
class TestCallbackPlan(CallbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Asia/Shanghai"
        # Monday 7 September 2026 to Sunday 13 September (Shanghai)
        cls.mine_phone = cls._callback(
            due_datetime="2026-09-07 02:00:00", callback_type="routine"
        )
        cls.mine_onsite = cls._callback(
            due_datetime="2026-09-13 15:00:00",  # 23:00 Sunday in Shanghai
            callback_type="routine",
            method="onsite",
            appointment_datetime="2026-09-13 06:00:00",
            appointment_place="Li Farm, north field",
        )
        cls.mine_after = cls._callback(
            due_datetime="2026-09-13 16:30:00",  # Monday 14th, 00:30 Shanghai
            callback_type="routine",
        )
        cls.colleague = cls._callback(
            due_datetime="2026-09-08 02:00:00",
            callback_type="complaint",
            user_id=cls.other_agent.id,
        )

    def _plan(self, user, **vals):
        return (
            self.env["service.callback.plan"]
            .with_user(user)
            .create({"date_from": "2026-09-07", "date_to": "2026-09-13", **vals})
        )

    def test_agent_plans_their_own_week(self):
        plan = self._plan(self.agent)
        self.assertEqual(plan.callback_count, 2)
        self.assertEqual(plan._planned_callbacks(), self.mine_phone | self.mine_onsite)
        sections = plan._plan_sections()
        self.assertEqual([s["person"] for s in sections], [self.agent.name])
        self.assertEqual(
            sections[0]["purposes"],
            [("Routine", "On-site", 1), ("Routine", "Phone", 1)],
        )

    def test_supervisor_plans_the_team(self):
        plan = self._plan(self.supervisor)
        self.assertEqual(
            plan._planned_callbacks(),
            self.mine_phone | self.mine_onsite | self.colleague,
        )
        self.assertEqual(
            plan._plan_totals(),
            [
                ("After Complaint", "Phone", 1),
                ("Routine", "On-site", 1),
                ("Routine", "Phone", 1),
            ],
        )
        only = self._plan(self.supervisor, user_ids=[Command.set(self.other_agent.ids)])
        self.assertEqual(only._planned_callbacks(), self.colleague)
        # done callbacks are no longer planned
        self.colleague.write({"state": "cancelled"})
        self.assertEqual(only.callback_count, 0)
        with self.assertRaises(UserError):
            only.action_print()

    def test_printed_plan_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["service_callback"], ["zh_CN"], overwrite=True
        )
        plan = self._plan(self.agent)
        action = plan.action_print()
        self.assertEqual(action["report_name"], "service_callback.report_callback_plan")
        Report = self.env["ir.actions.report"]
        html = Report._render_qweb_html(
            "service_callback.service_callback_action_report_plan", plan.ids
        )[0].decode()
        self.assertIn("Callback Plan", html)
        self.assertIn("Li Farm, north field", html)
        self.assertIn("On-site", html)
        self.agent.lang = "zh_CN"
        html = (
            Report.with_user(self.agent)
            .with_context(lang="zh_CN")
            ._render_qweb_html(
                "service_callback.service_callback_action_report_plan", plan.ids
            )[0]
            .decode()
        )
        self.assertIn("回访计划", html)
        self.assertIn("上门", html)
        self.assertNotIn("On-site", html)

    def test_plan_opens_the_callbacks(self):
        action = self._plan(self.agent).action_view_callbacks()
        found = (
            self.env["service.callback"].with_user(self.agent).search(action["domain"])
        )
        self.assertEqual(found, self.mine_phone | self.mine_onsite)

    # the callback itself --------------------------------------------------------
    def test_script_of_the_purpose(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["service_callback"], ["zh_CN"], overwrite=True
        )
        callback = self.mine_phone.with_user(self.agent)
        self.assertIn("regular callback", callback.script_body)
        self.assertIn("定期回访", callback.with_context(lang="zh_CN").script_body)
        # a script for on-site routine callbacks wins over the general one
        self.env["service.callback.script"].with_user(self.supervisor).create(
            {
                "name": "On-site routine",
                "callback_type": "routine",
                "method": "onsite",
                "body": "<p>Check the machine on site.</p>",
            }
        )
        self.assertIn(
            "Check the machine on site.",
            self.mine_onsite.with_user(self.agent).script_body,
        )
        self.assertIn("regular callback", callback.script_body)
        # agents read the scripts, supervisors write them
        with self.assertRaises(AccessError):
            self.env["service.callback.script"].with_user(self.agent).create(
                {"name": "Mine", "callback_type": "routine"}
            )

    def test_joint_callback_with_interviewees(self):
        farm = self.customer
        manager = self.env["res.partner"].create(
            {"name": "Manager Li", "parent_id": farm.id}
        )
        driver = self.env["res.partner"].create(
            {"name": "Driver Zhou", "parent_id": farm.id}
        )
        callback = self.mine_onsite.with_user(self.agent)
        callback.write(
            {
                "contact_ids": [Command.set((manager | driver).ids)],
                "companion_user_ids": [Command.set(self.supervisor.ids)],
                "appointment_datetime": "2026-09-12 02:00:00",
            }
        )
        self.assertEqual(callback.contact_ids, manager | driver)
        self.assertEqual(callback.companion_user_ids, self.supervisor)
        self.assertEqual(callback.appointment_place, "Li Farm, north field")
        self.assertTrue(callback.appointment_booked_on)
        # the printed record names them
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "service_callback.service_callback_action_report_record", callback.ids
            )[0]
            .decode()
        )
        for text in ("Manager Li", "Driver Zhou", "Li Farm, north field"):
            self.assertIn(text, html)
        self.assertIn(self.supervisor.name, html)

    def test_suggestions_list_of_the_customer(self):
        contact = self.env["res.partner"].create(
            {"name": "Manager Li", "parent_id": self.customer.id}
        )
        self.mine_phone.with_user(self.agent).write(
            {"customer_suggestions": "Longer warranty for the header."}
        )
        self.mine_after.with_user(self.agent).write(
            {"partner_id": contact.id, "customer_suggestions": "Training in spring."}
        )
        partner = self.customer.with_user(self.agent)
        self.assertEqual(partner.callback_suggestion_count, 2)
        action = partner.action_view_callback_suggestions()
        found = (
            self.env["service.callback"].with_user(self.agent).search(action["domain"])
        )
        self.assertEqual(found, self.mine_phone | self.mine_after)
        lead = self.env["crm.lead"].create(
            {"name": "Second harvester", "partner_id": contact.id}
        )
        self.assertEqual(
            lead.action_view_callback_suggestions()["domain"], action["domain"]
        )

    # weekly sales routine -----------------------------------------------------
    def test_weekly_routine_flags_a_week_without_a_booked_visit(self):
        salesman = new_test_user(self.env, "cb_weekly_sales", groups=SALESMAN)
        sales_employee = self.env["hr.employee"].create(
            {
                "name": "Sales",
                "user_id": salesman.id,
                "parent_id": self.supervisor_employee.id,
            }
        )
        self.assertTrue(sales_employee)
        Callback = self.env["service.callback"]
        # Saturday 5 to Friday 11 September 2026: calls on Saturday and Monday only
        for moment in ("2026-09-05 02:00:00", "2026-09-07 02:00:00"):
            callback = Callback.create(
                {
                    "partner_id": self.customer.id,
                    "user_id": salesman.id,
                    "due_datetime": moment,
                }
            )
            with freeze_time(moment):
                callback.with_user(salesman).write(
                    {"reached": True, "rating": "satisfied", "state": "done"}
                )
        with freeze_time("2026-09-11 08:00:00"):
            action = (
                self.env["service.callback.week"]
                .with_user(salesman)
                .action_check_this_week()
            )
            week = (
                self.env["service.callback.week"]
                .with_user(salesman)
                .search(action["domain"])
            )
        self.assertEqual(week.user_id, salesman)
        self.assertEqual(week.week_start, date(2026, 9, 5))
        self.assertEqual(week.week_end, date(2026, 9, 11))
        self.assertEqual(week.done_count, 2)
        self.assertEqual(week.valid_count, 2)
        # Tuesday 8 to Friday 11: 4 days without a call
        self.assertEqual(week.longest_gap, 4)
        self.assertTrue(week.calls_too_rare)
        self.assertTrue(week.no_visit_booked)
        # the salesperson books a visit on Friday: the week is no longer flagged
        with freeze_time("2026-09-11 09:00:00"):
            booked = Callback.create(
                {
                    "partner_id": self.customer.id,
                    "user_id": salesman.id,
                    "due_datetime": "2026-09-11 09:00:00",
                }
            )
            booked.with_user(salesman).write(
                {
                    "appointment_datetime": "2026-09-15 02:00:00",
                    "appointment_place": "Showroom",
                }
            )
            self.env["service.callback.week"].with_user(
                salesman
            ).action_check_this_week()
        self.assertEqual(week.visit_booked_count, 1)
        self.assertFalse(week.no_visit_booked)
        # the closing check on Saturday: the manager gets a to-do for a flagged week
        with freeze_time("2026-09-12 02:00:00"):
            self.env["service.callback.week"]._cron_check_weeks()
        self.assertTrue(week.calls_too_rare)
        self.assertEqual(week.sudo().activity_ids.user_id, self.supervisor)
        # another salesperson's week stays out of sight
        other = (
            self.env["service.callback.week"]
            .sudo()
            .search([("user_id", "!=", salesman.id)])
        )
        self.assertFalse(
            self.env["service.callback.week"]
            .with_user(salesman)
            .search([("id", "in", other.ids)])
        )

    # archiving -------------------------------------------------------------------
    def test_clerk_archives_signed_off_reports(self):
        with freeze_time("2026-09-07 05:00:00"):
            self.mine_phone.write(
                {"reached": True, "rating": "satisfied", "state": "done"}
            )
        with freeze_time("2026-09-08 02:00:00"):
            report = (
                self.env["service.callback.report"]
                .with_user(self.agent)
                .create({"report_date": "2026-09-07"})
            )
            with self.assertRaises(UserError):
                report.action_archive_reviewed()
            report.action_submit()
        report.with_user(self.supervisor).write({"supervisor_comment": "Good."})
        report.with_user(self.supervisor).action_sign_off()
        report.action_archive_reviewed()
        self.assertTrue(report.is_archived)
        self.assertEqual(report.archived_by_id, self.agent)
        Report = self.env["service.callback.report"].with_user(self.agent)
        self.assertEqual(Report.search([("is_archived", "=", True)]), report)
        self.assertFalse(Report.search([("is_archived", "=", False)]))
        # still counted: the day's figures and the report itself stay
        self.assertEqual(report.callback_count, 1)
        self.assertEqual(Report.search([("id", "=", report.id)]), report)
