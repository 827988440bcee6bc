# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The printed forms of the desk: the service record, the escalation order, the
shipping notice, the contract, the complaint handling notice and summary render
with the company header and say what they must."""

from datetime import date, datetime

from markupsafe import Markup

from odoo.tests import HttpCase, tagged

from .common import (
    ComplaintDeskCase,
    PrintedFormMixin,
    ServiceDeskCase,
    close_task_orders,
)


@tagged("post_install", "-at_install")
class TestPrintedForms(ServiceDeskCase, HttpCase):
    # An HttpCase: wkhtmltopdf fetches the report's assets from the test server,
    # which must answer on the test's own cursor (a TransactionCase would leave
    # it waiting on the test transaction's locks).
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
        close_task_orders(self.ticket, self.technician, comment="Fixed the same day")
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


@tagged("post_install", "-at_install")
class TestPrintedFormsHeader(PrintedFormMixin, ComplaintDeskCase, HttpCase):
    """The real PDFs carry the company's name and address, whether or not
    wkhtmltopdf prints header pages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._set_printed_company()
        cls.order = cls._sell_and_deliver(
            cls.farmer,
            cls.lot,
            datetime(2025, 5, 1, 8, 0),
            datetime(2025, 5, 3, 8, 0),
        )
        cls.ticket = cls._create_ticket(user=cls.agent, user_id=cls.technician.id)
        cls.complaint = cls._create_complaint(
            user=cls.agent,
            description=Markup("<p>The technician was rude and left</p>"),
            complaint_cause="service_attitude",
            complaint_cause_details="The technician skipped the test run",
        )
        cls.env["service.complaint.measure"].create(
            {
                "ticket_id": cls.complaint.id,
                "kind": "apology",
                "name": "Apology visit by the branch manager",
                "user_id": cls.assistant.id,
                "date_deadline": date(2025, 6, 5),
            }
        )

    def test_desk_forms_print_the_company_header(self):
        escalation = self.env["service.escalation"].create(
            {
                "ticket_id": self.ticket.id,
                "kind": "main_component",
                "question": Markup("<p>Engine knocks at high speed</p>"),
            }
        )
        summary = self.env["service.complaint.summary.wizard"].create(
            {"date_from": date(2025, 1, 1), "date_to": date(2025, 12, 31)}
        )
        for report, records in (
            (
                "service_lifecycle.helpdesk_ticket_action_report_service_record",
                self.ticket,
            ),
            ("service_lifecycle.service_escalation_action_report", escalation),
            ("service_lifecycle.action_report_sale_contract", self.order),
            (
                "service_lifecycle.stock_picking_action_report_shipping_notice",
                self.order.picking_ids,
            ),
            ("service_lifecycle.action_report_complaint_summary", summary),
        ):
            with self.subTest(report=report):
                self.assertPdfHasCompanyHeader(report, records)

    def test_complaint_handling_notice(self):
        report = "service_lifecycle.helpdesk_ticket_action_report_complaint_notice"
        self.assertPdfHasCompanyHeader(report, self.complaint)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(report, self.complaint.ids)[0]
            .decode()
        )
        for expected in (
            "Complaint Handling Notice",
            self.complaint.number,
            "Wang Farm",
            "The technician was rude and left",
            "Service Attitude",
            "The technician skipped the test run",
            "Apology visit by the branch manager",
            "Chen Assistant",
            "Not solved yet.",
        ):
            self.assertIn(expected, html)
        # an anonymous complainant stays anonymous on paper
        anonymous = self._create_complaint(complaint_anonymous=True)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(report, anonymous.ids)[0]
            .decode()
        )
        self.assertIn("Anonymous", html)
        self.assertNotIn("Wang Farm", html)

    def test_header_goes_into_the_body_only_without_header_pages(self):
        Report = self.env["ir.actions.report"]
        report = Report._get_report(
            "service_lifecycle.helpdesk_ticket_action_report_service_record"
        )
        html = Report._render_qweb_html(report, self.ticket.ids)[0]
        bodies, _ids, header, footer, args = report.with_context(
            service_header_in_body=True
        )._prepare_html(html, report_model=report.model)
        self.assertIn(self.COMPANY_STREET, bodies[0])
        self.assertNotIn(self.COMPANY_STREET, header)
        # the page numbers only a footer page knows are left out
        self.assertNotIn("topage", bodies[0])
        self.assertEqual(args["data-report-margin-top"], "12")
        # a patched wkhtmltopdf prints Odoo's header pages
        bodies, _ids, header, footer, args = report.with_context(
            service_header_in_body=False
        )._prepare_html(html, report_model=report.model)
        self.assertNotIn(self.COMPANY_STREET, bodies[0])
        self.assertIn(self.COMPANY_STREET, header)
        self.assertIn("topage", footer)
        # the reports of other addons are left as Odoo prints them
        quotation = self.env.ref("sale.action_report_saleorder")
        html = Report._render_qweb_html(quotation, self.order.ids)[0]
        bodies, _ids, header, _footer, _args = quotation.with_context(
            service_header_in_body=True
        )._prepare_html(html, report_model=quotation.model)
        self.assertNotIn(self.COMPANY_STREET, bodies[0])
        self.assertIn(self.COMPANY_STREET, header)
