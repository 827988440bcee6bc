# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The task order 任务单 and the consultation service order 咨询服务单 print
from the task order, in the reader's language."""

from markupsafe import Markup

from odoo.tests import new_test_user, tagged

from .common import ServiceDeskCase, load_zh_cn


@tagged("post_install", "-at_install")
class TestDeskForms(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_zh_cn(cls.env)
        cls.company.write({"name": "Kaituo Machinery", "phone": "400-800-6688"})
        cls.farmer.phone = "+86 379 6543 2100"
        cls.ticket = cls._create_ticket(
            user=cls.agent,
            user_id=cls.technician.id,
            diagnosis_steps=Markup("<p>Checked the fuel line for air</p>"),
            solution=Markup("<p>Bleed the fuel system, then start</p>"),
        )
        cls.reader_zh = new_test_user(
            cls.env,
            "desk_forms_zh",
            groups="service_lifecycle.group_phone_agent",
            lang="zh_CN",
        )

    def _html(self, xmlid, user=None):
        report = self.env["ir.actions.report"]
        if user:
            report = report.with_user(user).with_context(lang=user.lang)
        html, _kind = report._render_qweb_html(xmlid, self.ticket.ids)
        return html.decode()

    def test_printable_from_the_task_order(self):
        bound = self.env["ir.actions.report"].search(
            [("binding_model_id.model", "=", "helpdesk.ticket")]
        )
        self.assertIn(
            self.env.ref("service_lifecycle.helpdesk_ticket_action_report_task_order"),
            bound,
        )
        self.assertIn(
            self.env.ref(
                "service_lifecycle.helpdesk_ticket_action_report_consultation_order"
            ),
            bound,
        )

    def test_task_order(self):
        html = self._html(
            "service_lifecycle.helpdesk_ticket_action_report_task_order", self.agent
        )
        for text in (
            "Task Order",
            self.ticket.number,
            "Kaituo Machinery",
            "Wang Farm",
            "+86 379 6543 2100",
            "wang@example.com",
            "Tractor KT-504",
            "SN-0001",
            "Rice harvest, wet fields",
            "Starter turns, engine does not fire",
            "Phone",  # the channel
            "Repair",
            "Information coordinator",
        ):
            self.assertIn(text, html)

    def test_consultation_service_order(self):
        html = self._html(
            "service_lifecycle.helpdesk_ticket_action_report_consultation_order",
            self.agent,
        )
        for text in (
            "Consultation Service Order",
            self.ticket.number,
            "Wang Farm",
            "Tractor KT-504",
            "Starter turns, engine does not fire",
            "Checked the fuel line for air",
            "Bleed the fuel system, then start",
            "Hotline technician",
        ):
            self.assertIn(text, html)
        self.assertNotIn("Not recorded yet.", html)

    def test_in_the_readers_language(self):
        html = self._html(
            "service_lifecycle.helpdesk_ticket_action_report_task_order",
            self.reader_zh,
        )
        self.assertIn("任务单", html)
        self.assertIn("故障现象", html)
        self.assertIn("维修", html)  # the request type
        self.assertNotIn("Fault Symptoms", html)
        html = self._html(
            "service_lifecycle.helpdesk_ticket_action_report_consultation_order",
            self.reader_zh,
        )
        self.assertIn("咨询服务单", html)
        self.assertIn("诊断步骤", html)
