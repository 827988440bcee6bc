# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The hotline's words beyond the greeting, shown in the intake by request
type in the agent's language, and reporting a call upwards at once."""

from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .common import ServiceDeskCase, close_task_orders, load_zh_cn


@tagged("post_install", "-at_install")
class TestHotlineScripts(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_zh_cn(cls.env)
        cls.agent_zh = new_test_user(
            cls.env,
            "desk_agent_zh",
            groups="service_lifecycle.group_phone_agent",
            lang="zh_CN",
        )

    def _intake(self, user, request_type):
        # the web client's context carries the user's language
        wizard = Form(
            self.env["service.intake.wizard"]
            .with_user(user)
            .with_context(lang=user.lang)
        )
        wizard.request_type = request_type
        return wizard.request_script

    def test_scripts_by_request_type(self):
        complaint = self._intake(self.agent, "complaint")
        self.assertIn("please don't be upset", complaint)
        self.assertIn("report upwards at once", complaint)
        # transfer and farewell are said on every call
        self.assertIn("I will put you through", complaint)
        self.assertIn("whenever you have any service request", complaint)
        self.assertNotIn("our technicians will contact you", complaint)
        repair = self._intake(self.agent, "repair")
        self.assertIn("our technicians will contact you", repair)
        self.assertIn("A more specialised technician will contact you", repair)
        self.assertNotIn("please don't be upset", repair)
        consultation = self._intake(self.agent, "consultation")
        self.assertIn("Thank you for your enquiry, goodbye.", consultation)
        self.assertIn("may I ask a specialised technician", consultation)

    def test_scripts_in_the_agents_language(self):
        complaint = self._intake(self.agent_zh, "complaint")
        self.assertIn("真对不起，请您先消消气，我们会尽力帮助您", complaint)  # noqa: RUF001
        self.assertIn("今后您有任何服务要求，请和我们联系", complaint)  # noqa: RUF001
        self.assertIn("请您稍等，我帮您转接。", complaint)  # noqa: RUF001
        consultation = self._intake(self.agent_zh, "consultation")
        self.assertIn("多谢您的咨询，再见。", consultation)  # noqa: RUF001
        technical = "对不起，请您稍等，我请专业的技术人员来给您解答好吗？"  # noqa: RUF001
        self.assertIn(technical, consultation)

    def test_a_manager_words_a_script_the_agent_says(self):
        script = self.env.ref("service_lifecycle.service_hotline_script_farewell")
        script.with_user(self.manager).script = "Thank you for calling Kaituo."
        self.assertIn(
            "Thank you for calling Kaituo.", self._intake(self.agent, "repair")
        )
        script.with_user(self.manager).active = False
        self.assertNotIn("Thank you for calling", self._intake(self.agent, "repair"))
        with self.assertRaises(UserError), self.env.cr.savepoint():
            # the agent reads the scripts, the service manager words them
            script.with_user(self.agent).write({"script": "Bye"})


@tagged("post_install", "-at_install")
class TestReportUpwards(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor = new_test_user(
            cls.env,
            "desk_supervisor",
            groups="service_lifecycle.group_phone_agent",
            name="Sun Supervisor",
        )
        boss = cls.env["hr.employee"].create(
            {"name": "Sun Supervisor", "user_id": cls.supervisor.id}
        )
        cls.agent_employee = cls.env["hr.employee"].create(
            {"name": "Agent", "user_id": cls.agent.id, "parent_id": boss.id}
        )
        cls.ticket = cls._create_ticket(user=cls.agent)
        cls.activity_type = cls.env.ref(
            "service_lifecycle.mail_activity_type_report_upwards"
        )

    def test_agent_reports_to_their_manager_once(self):
        self.ticket.with_user(self.agent).action_report_upwards()
        activity = self.ticket.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_type
        )
        self.assertEqual(activity.user_id, self.supervisor)
        self.assertIn(self.ticket.number, activity.note)
        self.assertEqual(self.ticket.reported_upwards_user_id, self.supervisor)
        self.assertTrue(self.ticket.reported_upwards_date)
        self.assertIn(
            "Reported upwards to Sun Supervisor",
            self.ticket.message_ids[0].body,
        )
        self.assertIn(self.supervisor.partner_id, self.ticket.message_partner_ids)
        # once until the leader answers
        with self.assertRaisesRegex(UserError, "already reported to Sun Supervisor"):
            self.ticket.with_user(self.agent).action_report_upwards()
        activity.with_user(self.supervisor).action_feedback(feedback="I call back")
        self.ticket.with_user(self.agent).action_report_upwards()
        self.assertEqual(len(self.ticket.activity_ids), 1)

    def test_leader_falls_back_to_department_then_team(self):
        self.agent_employee.parent_id = False
        head = new_test_user(
            self.env, "desk_head", groups="service_lifecycle.group_phone_agent"
        )
        self.agent_employee.department_id = self.env["hr.department"].create(
            {
                "name": "Hotline",
                "manager_id": self.env["hr.employee"]
                .create({"name": "Head", "user_id": head.id})
                .id,
            }
        )
        self.assertEqual(self.ticket.with_user(self.agent)._get_upwards_leader(), head)
        self.agent_employee.write({"department_id": False, "parent_id": False})
        # the task order's team leader
        self.assertEqual(
            self.ticket.with_user(self.agent)._get_upwards_leader(), self.leader
        )
        # never oneself: the team leader has nobody above on this team
        team_leader_view = self.ticket.with_user(self.leader)
        self.assertFalse(team_leader_view._get_upwards_leader())
        with self.assertRaisesRegex(UserError, "Nobody to report"):
            team_leader_view.action_report_upwards()

    def test_gated_in_the_model(self):
        outsider = new_test_user(self.env, "desk_outsider", groups="base.group_user")
        with self.assertRaisesRegex(UserError, "Only customer service"):
            self.ticket.with_user(outsider).action_report_upwards()
        self.ticket.write(
            {"user_id": self.technician.id, "purchase_date": "2025-03-01"}
        )
        close_task_orders(self.ticket, self.technician)
        self.assertTrue(self.ticket.closed)
        with self.assertRaisesRegex(UserError, "is closed"):
            self.ticket.with_user(self.agent).action_report_upwards()
