# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, new_test_user, tagged
from odoo.tools import mute_logger

from .common import MANAGER, SUPERVISOR, CallbackCase, signature_png


@tagged("post_install", "-at_install")
class TestServiceCallback(CallbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._callback()
        cls.theirs = cls._callback(user_id=cls.other_agent.id)

    def test_reference_from_sequence(self):
        self.assertTrue(self.mine.name.startswith("CB/"))
        self.assertNotEqual(self.mine.name, self.theirs.name)

    def test_agent_sees_own_callbacks_only(self):
        visible = self.env["service.callback"].with_user(self.agent).search([])
        self.assertIn(self.mine, visible)
        self.assertNotIn(self.theirs, visible)
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.agent).read(["partner_id"])

    def test_supervisor_sees_their_team(self):
        """Both agents report to the supervisor's employee; another
        supervisor, without a team, sees neither (see test_callback_access)."""
        visible = self.env["service.callback"].with_user(self.supervisor).search([])
        self.assertIn(self.mine, visible)
        self.assertIn(self.theirs, visible)
        stranger = new_test_user(
            self.env, "cb_other_supervisor", groups=SUPERVISOR, tz="UTC"
        )
        self.assertFalse(
            (self.mine | self.theirs)
            & self.env["service.callback"].with_user(stranger).search([])
        )
        with self.assertRaises(AccessError):
            self.mine.with_user(stranger).read(["partner_id"])
        manager = new_test_user(self.env, "cb_manager", groups=MANAGER)
        visible = self.env["service.callback"].with_user(manager).search([])
        self.assertEqual(visible & (self.mine | self.theirs), self.mine | self.theirs)

    def test_agent_cannot_delete(self):
        with self.assertRaises(AccessError):
            self.mine.with_user(self.agent).unlink()

    def test_confidential_notes_for_supervisors_only(self):
        self.mine.with_user(self.supervisor).confidential_notes = "Difficult customer"
        with self.assertRaises(AccessError):
            self.mine.with_user(self.agent).read(["confidential_notes"])
        self.assertEqual(
            self.mine.with_user(self.supervisor).confidential_notes,
            "Difficult customer",
        )

    def test_department_from_agent_employee(self):
        self.assertEqual(self.mine.department_id, self.department)
        self.assertEqual(self.theirs.department_id, self.other_department)

    def test_reached_callback_needs_rating(self):
        callback = self.mine.with_user(self.agent)
        callback.reached = True
        with self.assertRaisesRegex(UserError, "record their rating"):
            callback.action_done()
        self.assertEqual(callback.state, "planned")
        callback.write({"rating": "satisfied", "score": 5})
        callback.action_done()
        self.assertEqual(callback.state, "done")
        self.assertTrue(callback.done_datetime)
        self.assertTrue(callback.is_valid)
        with self.assertRaisesRegex(UserError, "not planned any more"):
            callback.action_done()

    def test_completion_query_count(self):
        """Recording a reached, satisfied callback: a fixed number of queries
        (checks, state, validity, tracking, the outcome, and removing the
        agent's to-do; the savepoint that undoes a move its guard refuses)."""
        warm = self._callback().with_user(self.agent)
        warm.write({"reached": True, "rating": "satisfied", "score": 5})
        warm.action_done()
        callback = self.mine.with_user(self.agent)
        callback.write({"reached": True, "rating": "satisfied", "score": 5})
        self.env.invalidate_all()
        with self.assertQueryCount(17):
            callback.action_done()
        self.assertEqual(callback.state, "done")

    def test_unreached_callback_is_not_valid(self):
        self.mine.with_user(self.agent).action_done()
        self.assertEqual(self.mine.state, "done")
        self.assertFalse(self.mine.is_valid)

    def test_score_out_of_range_rejected(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.mine.write({"score": 6})
                self.mine.flush_recordset()

    # signature ---------------------------------------------------------
    def test_onsite_callback_needs_signature(self):
        callback = self._callback(method="onsite").with_user(self.agent)
        callback.write({"reached": True, "rating": "satisfied", "score": 5})
        with self.assertRaisesRegex(UserError, "must be signed by the customer"):
            callback.action_done()
        callback.signature = signature_png()
        with self.assertRaisesRegex(UserError, "must be signed by the customer"):
            callback.action_done()  # the signer's name is missing
        callback.signed_by = "Li Wei"
        callback.action_done()
        self.assertEqual(callback.state, "done")
        self.assertTrue(callback.signed_on)

    def test_phone_callback_needs_no_signature(self):
        callback = self.mine.with_user(self.agent)
        self.assertFalse(callback.signature_required)
        callback.write({"reached": True, "rating": "neutral", "score": 3})
        callback.action_done()
        self.assertEqual(callback.state, "done")

    # outcome -----------------------------------------------------------
    def test_dissatisfied_opens_complaint_ticket(self):
        callback = self.mine.with_user(self.agent)
        callback.write(
            {
                "reached": True,
                "rating": "dissatisfied",
                "score": 1,
                "customer_feedback": "The harvester stops every hour.",
            }
        )
        callback.action_done()
        ticket = callback.sudo().complaint_ticket_id
        self.assertTrue(ticket)
        self.assertEqual(ticket.callback_id, callback)
        self.assertEqual(ticket.request_type, "complaint")
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertIn("The harvester stops every hour.", ticket.description)
        # the agent follows the ticket and can open it
        self.assertEqual(callback.ticket_count, 1)
        self.assertTrue(ticket.with_user(self.agent).read(["name"]))
        self.assertEqual(callback.action_view_tickets()["res_id"], ticket.id)

    def test_ticket_from_a_callback_is_titled_in_no_ones_language(self):
        """A Chinese agent's callback opens a task order that an English
        technician reads: its stored title has no words of either language;
        the callback's notes show on it under labels worded for the reader."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.agent.lang = "zh_CN"
        harvester = self.env["product.product"].create(
            {"name": "Harvester", "default_code": "HV-900"}
        )
        repair = (
            self.env["helpdesk.ticket"]
            .sudo()
            .create(
                {
                    "name": "Header vibrates",
                    "description": "<p>Header vibrates</p>",
                    "partner_id": self.customer.id,
                    "product_id": harvester.id,
                }
            )
        )
        callback = self._callback(res_model="helpdesk.ticket", res_id=repair.id)
        callback.with_user(self.agent).with_context(lang="zh_CN").write(
            {
                "reached": True,
                "rating": "dissatisfied",
                "score": 1,
                "customer_feedback": "The harvester stops every hour.",
                "customer_suggestions": "Call before coming.",
            }
        )
        callback.with_user(self.agent).with_context(lang="zh_CN").action_done()
        ticket = callback.sudo().complaint_ticket_id
        self.assertEqual(ticket.name, f"{callback.name} · Li Farm Cooperative · HV-900")
        self.assertEqual(ticket.request_type, "complaint")
        self.assertIn("The harvester stops every hour.", ticket.description)
        self.assertEqual(ticket.callback_customer_suggestions, "Call before coming.")
        self.env["ir.module.module"]._load_module_terms(
            ["service_callback"], ["zh_CN"], overwrite=True
        )
        labels = {
            lang: self.env["helpdesk.ticket"]
            .with_context(lang=lang)
            .fields_get(["callback_customer_suggestions"])[
                "callback_customer_suggestions"
            ]["string"]
            for lang in ("en_US", "zh_CN")
        }
        self.assertEqual(
            labels, {"en_US": "Customer's Suggestions", "zh_CN": "客户建议"}
        )

    def test_satisfied_opens_no_ticket(self):
        callback = self.mine.with_user(self.agent)
        callback.write({"reached": True, "rating": "satisfied", "score": 5})
        callback.action_done()
        self.assertFalse(callback.complaint_ticket_id)
        self.assertEqual(callback.ticket_count, 0)

    def test_problem_ticket_one_click(self):
        callback = self.mine.with_user(self.agent)
        action = callback.action_open_problem_ticket()
        ticket = self.env["helpdesk.ticket"].browse(action["res_id"])
        self.assertEqual(ticket.callback_id, self.mine)
        self.assertIn(self.mine.name, ticket.name)

    def test_open_issue_schedules_followup(self):
        callback = self.mine.with_user(self.agent)
        callback.write(
            {"reached": True, "rating": "neutral", "score": 3, "open_issue": True}
        )
        with self.assertRaisesRegex(UserError, "promised reply"):
            callback.action_done()
        callback.promised_datetime = "2030-05-06 09:00:00"
        callback.action_done()
        followup = callback.followup_ids
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.state, "planned")
        self.assertEqual(str(followup.due_datetime), "2030-05-06 09:00:00")
        self.assertEqual(followup.callback_type, "followup")
        self.assertEqual(followup.user_id, self.agent)
        # asking again reuses the planned follow-up
        callback.action_schedule_followup()
        self.assertEqual(len(callback.followup_ids), 1)

    def test_technical_center_team_ticket(self):
        team = self.env["helpdesk.ticket.team"].create({"name": "Technical Center"})
        self.company.callback_technical_team_id = team
        self.mine.with_user(self.agent).action_send_to_technical_center()
        ticket = self.mine.technical_ticket_id
        self.assertEqual(ticket.team_id, team)
        with self.assertRaisesRegex(UserError, "already sent"):
            self.mine.with_user(self.agent).action_send_to_technical_center()

    def test_technical_center_activity_without_team(self):
        self.company.callback_technical_team_id = False
        technician = new_test_user(
            self.env, "cb_tech", groups="service_lifecycle.group_technical_center"
        )
        self.mine.with_user(self.agent).action_send_to_technical_center()
        ticket = self.mine.technical_ticket_id
        self.assertFalse(ticket.team_id)
        self.assertIn(technician, ticket.activity_ids.user_id)

    # same-day completion -------------------------------------------------
    def test_overdue_flag_at_end_of_agent_day(self):
        self.agent.tz = "Asia/Shanghai"  # UTC+8: the day ends at 16:00 UTC
        callback = self._callback(due_datetime="2025-03-10 01:00:00")
        Callback = self.env["service.callback"]
        with freeze_time("2025-03-10 15:59:00"):
            Callback._cron_flag_overdue()
        self.assertFalse(callback.is_overdue)
        with freeze_time("2025-03-10 16:00:00"):
            Callback._cron_flag_overdue()
        self.assertTrue(callback.is_overdue)
        self.assertIn(callback, Callback.search([("is_overdue", "=", True)]))
        # moved to a day that has not ended: no longer overdue
        with freeze_time("2025-03-10 17:00:00"):
            callback.due_datetime = "2025-03-11 02:00:00"
        self.assertFalse(callback.is_overdue)

    def test_overdue_flags_in_batches(self):
        """One short batch per call (the cron commits it and calls again while
        some remain): the callbacks due more than a day ago first, by batch
        size, then those of the last day whose day has ended."""
        self.agent.tz = "Asia/Shanghai"
        old = self._callback(due_datetime="2025-03-08 01:00:00")
        older = self._callback(due_datetime="2025-03-07 01:00:00")
        yesterday = self._callback(due_datetime="2025-03-10 10:00:00")
        today = self._callback(due_datetime="2025-03-11 01:00:00")
        Callback = self.env["service.callback"]
        with freeze_time("2025-03-11 02:00:00"):
            self.assertEqual(Callback._cron_flag_overdue(batch_size=1), 1)
            self.assertEqual((old | older).mapped("is_overdue").count(True), 1)
            self.assertEqual(Callback._cron_flag_overdue(batch_size=1), 1)
            self.assertTrue(old.is_overdue and older.is_overdue)
            self.assertFalse(yesterday.is_overdue)
            # the last day: yesterday's day has ended in Shanghai, today's not
            self.assertEqual(Callback._cron_flag_overdue(batch_size=1), 1)
            self.assertTrue(yesterday.is_overdue)
            self.assertEqual(Callback._cron_flag_overdue(batch_size=1), 0)
        self.assertFalse(today.is_overdue)

    def test_done_after_due_day_stays_flagged(self):
        callback = self._callback(due_datetime="2025-03-10 08:00:00")
        with freeze_time("2025-03-10 20:00:00"):
            callback.with_user(self.agent).action_done()
        self.assertFalse(callback.is_overdue)
        late = self._callback(due_datetime="2025-03-10 08:00:00")
        with freeze_time("2025-03-11 09:00:00"):
            late.with_user(self.agent).action_done()
        self.assertTrue(late.is_overdue)

    # planner key -------------------------------------------------------
    def test_rule_anchor_occurrence_unique(self):
        vals = {
            "rule_key": "installation_first",
            "res_model": "res.partner",
            "res_id": self.customer.id,
            "occurrence": 1,
        }
        first = self._callback(**vals)
        self.assertEqual(first.anchor_ref, self.customer)
        self._callback(**dict(vals, occurrence=2))
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self._callback(**vals)
                self.env.flush_all()
        # callbacks without a rule key are never refused
        self._callback(res_model="res.partner", res_id=self.customer.id)
        self._callback(res_model="res.partner", res_id=self.customer.id)
        self.env.flush_all()

    # message templates ---------------------------------------------------
    def test_greeting_templates_open_and_close(self):
        self.company.phone = "400-800-1234"
        self.mine.user_id.name = "Wang Fang"
        for xmlid, opening in (
            (
                "service_callback.mail_template_callback_greeting",
                "Dear distinguished guest",
            ),
            ("service_callback.mail_template_callback_lead", "Hello Mr./Ms."),
        ):
            body = self.env.ref(xmlid)._render_field("body_html", self.mine.ids)[
                self.mine.id
            ]
            with self.subTest(template=xmlid):
                self.assertIn(f"{opening} Li Farm Cooperative", body)
                self.assertIn("400-800-1234", body)
                self.assertIn("Your consultant: Wang Fang", body)

    def test_greeting_template_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["service_callback"], ["zh_CN"], overwrite=True
        )
        self.customer.lang = "zh_CN"
        self.mine.user_id.name = "王芳"
        template = self.env.ref("service_callback.mail_template_callback_greeting")
        body = template.with_context(lang="zh_CN")._render_field(
            "body_html", self.mine.ids
        )[self.mine.id]
        self.assertIn("尊敬的贵宾Li Farm Cooperative", body)
        self.assertIn("王芳", body)
        lead = self.env.ref("service_callback.mail_template_callback_lead")
        body = lead.with_context(lang="zh_CN")._render_field(
            "body_html", self.mine.ids
        )[self.mine.id]
        self.assertIn("Li Farm Cooperative先生/女士您好", body)

    # printed record --------------------------------------------------------
    def _record_html(self, callback):
        return (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "service_callback.service_callback_action_report_record", callback.ids
            )[0]
            .decode()
        )

    def test_printed_record_marks_phone_callback(self):
        self.mine.customer_feedback = "When is the next maintenance due?"
        html = self._record_html(self.mine)
        self.assertIn("Phone callback", html)
        self.assertIn("When is the next maintenance due?", html)

    def test_printed_record_shows_signature(self):
        callback = self._callback(method="onsite")
        self.assertIn("Not signed yet.", self._record_html(callback))
        callback.write({"signature": signature_png(), "signed_by": "Li Wei"})
        html = self._record_html(callback)
        self.assertIn("Li Wei", html)
        self.assertIn("data:image/png;base64", html)
        self.assertNotIn("Phone callback", html)
