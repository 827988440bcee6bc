# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The printed forms of the desk: the service record, the escalation order and
the shipping notice render with the company header and say what they must."""

from datetime import date, datetime

from markupsafe import Markup

from odoo.tests import tagged

from .common import ServiceDeskCase


@tagged("post_install", "-at_install")
class TestPrintedForms(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"name": "Kaituo Machinery", "phone": "400-800-6688"})
        cls.order = cls._sell_and_deliver(
            cls.farmer,
            cls.lot,
            datetime(2025, 5, 1, 8, 0),
            datetime(2025, 5, 3, 8, 0),
        )
        cls.ticket = cls._create_ticket(
            user=cls.agent,
            user_id=cls.technician.id,
            solution=Markup("<p>Replaced the fuel filter</p>"),
        )

    def _html(self, xmlid, records):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            xmlid, records.ids
        )
        return html.decode()

    def test_service_record(self):
        html = self._html(
            "service_lifecycle.helpdesk_ticket_action_report_service_record",
            self.ticket,
        )
        self.assertIn(self.ticket.number, html)
        self.assertIn("Kaituo Machinery", html)  # the company header
        for text in (
            "Wang Farm",
            "Tractor KT-504",
            "SN-0001",
            "Starter turns, engine does not fire",
            "Rice harvest, wet fields",
            "Replaced the fuel filter",
            "Customer signature",
        ):
            self.assertIn(text, html)
        self.assertIn("Not confirmed yet.", html)
        self.ticket._apply_satisfaction("satisfied", "Fixed the same day")
        html = self._html(
            "service_lifecycle.helpdesk_ticket_action_report_service_record",
            self.ticket,
        )
        self.assertIn("Fixed the same day", html)
        self.assertNotIn("Not confirmed yet.", html)

    def test_escalation_order(self):
        escalation = self.env["service.escalation"].create(
            {
                "ticket_id": self.ticket.id,
                "kind": "main_component",
                "question": Markup("<p>Engine knocks at high speed</p>"),
                "user_id": self.expert.id,
            }
        )
        escalation.action_submit()
        html = self._html(
            "service_lifecycle.service_escalation_action_report", escalation
        )
        self.assertIn(escalation.name, html)
        self.assertIn(self.ticket.number, html)
        self.assertIn("Engine knocks at high speed", html)
        self.assertIn("Main Component Repair", html)
        self.assertIn("Not answered yet.", html)
        escalation.answer = Markup("<p>Replace the connecting rod bearing</p>")
        escalation.with_user(self.expert).action_answer()
        html = self._html(
            "service_lifecycle.service_escalation_action_report", escalation
        )
        self.assertIn("Replace the connecting rod bearing", html)
        self.assertNotIn("Not answered yet.", html)

    def test_shipping_notice(self):
        picking = self.order.picking_ids
        picking.write(
            {
                "expected_arrival_date": date(2025, 5, 6),
                "shipping_carrier": "Deppon Logistics",
                "shipping_tracking_ref": "DPK7300123456",
            }
        )
        html = self._html(
            "service_lifecycle.stock_picking_action_report_shipping_notice", picking
        )
        for text in (
            picking.name,
            self.order.name,
            "Deppon Logistics",
            "DPK7300123456",
            "Tractor KT-504",
            "SN-0001",
            "Wang Farm",
        ):
            self.assertIn(text, html)

    def test_pdf_renders(self):
        """The real PDF (wkhtmltopdf) of the service record is produced."""
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, kind = Report._render_qweb_pdf(
            "service_lifecycle.helpdesk_ticket_action_report_service_record",
            self.ticket.ids,
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
