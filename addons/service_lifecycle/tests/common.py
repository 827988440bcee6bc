# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared fixtures: the after-sales desk (ServiceDeskCase) and the pre-sale and
in-sale flow (SalesLifecycleCommon: users with the lowest rights of each role, a
customer, products, and builders that take an order through requirements, legal
review and signing)."""

import base64
import io
import shutil
import subprocess
from datetime import datetime

from markupsafe import Markup

from odoo import Command
from odoo.tests import TransactionCase, new_test_user
from odoo.tools.pdf import PdfFileReader

SIGNED_SCAN = base64.b64encode(b"%PDF-1.4 signed contract scan")


def pdf_text(pdf):
    """The text a reader sees in ``pdf`` (bytes): poppler's pdftotext when it is
    installed, Odoo's PDF reader otherwise."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        return subprocess.run(
            [pdftotext, "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
    reader = PdfFileReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def execute_kw_params(env, user, model, method, args, kwargs=None):
    """The JSON-RPC params of ``execute_kw`` on /jsonrpc as ``user`` (whose
    password is their login, as ``new_test_user`` makes it)."""
    return {
        "service": "object",
        "method": "execute_kw",
        "args": [env.cr.dbname, user.id, user.login, model, method, args, kwargs or {}],
    }


def load_zh_cn(env):
    """Activate zh_CN and load service_lifecycle's Chinese terms (the data
    records' and the views' too), as installing the language does."""
    env["res.lang"]._activate_lang("zh_CN")
    env["ir.module.module"].search(
        [("name", "=", "service_lifecycle")]
    )._load_module_terms(["service_lifecycle"], ["zh_CN"], overwrite=True)


def close_task_orders(
    tickets, technician, satisfaction="satisfied", comment=False, keep_user=False
):
    """Close task orders the way the desk does, as the superuser (the
    workflow's groups are skipped, its conditions are not): the intake
    completed, handed to ``technician``, solved, and the customer's answer
    recorded (``keep_user``: assigned again, before it closes, to whoever it
    was assigned to at first, nobody included)."""
    tickets = tickets.sudo()
    channel = tickets.env["helpdesk.ticket.channel"].search([], limit=1)
    for ticket in tickets:
        assigned = ticket.user_id
        vals = {"user_id": technician.id}
        if not ticket.diagnosis_steps:
            vals["diagnosis_steps"] = Markup("<p>Checked with the customer.</p>")
        if not ticket.solution:
            vals["solution"] = Markup("<p>Solved for the customer.</p>")
        for name in ticket._get_intake_required_fields():
            field = ticket._fields[name]
            if ticket[name]:
                continue
            if name == "channel_id":
                vals[name] = channel.id
            elif field.type == "date":
                vals[name] = ticket.received_date.date()
            elif field.type == "many2one":
                vals[name] = ticket.env[field.comodel_name].search([], limit=1).id
            else:
                vals[name] = "Recorded at the intake"
        ticket.write(vals)
        for step in ("coordination", "diagnosis", "confirmation"):
            ticket._move_to_step(step)
        if keep_user:
            ticket.user_id = assigned
        ticket._apply_satisfaction(satisfaction, comment)
    return tickets


class SalesLifecycleCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {"contract_review_required": True, "cost_analysis_threshold": 100000.0}
        )
        cls.salesman = new_test_user(
            cls.env,
            "sl_salesman",
            groups="sales_team.group_sale_salesman,stock.group_stock_user",
            name="Sally Sales",
        )
        cls.sales_manager = new_test_user(
            cls.env, "sl_sales_manager", groups="sales_team.group_sale_manager"
        )
        cls.reviewer = new_test_user(
            cls.env,
            "sl_legal",
            groups="service_lifecycle.group_legal_reviewer",
            name="Lena Legal",
        )
        cls.finance = new_test_user(
            cls.env,
            "sl_finance_reader",
            groups="service_lifecycle.group_finance_reader",
        )
        cls.logistics = new_test_user(
            cls.env,
            "sl_logistics_reader",
            groups="service_lifecycle.group_logistics_reader",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Hebei Golden Wheat Farm Cooperative",
                "email": "farm@example.com",
                "is_company": True,
            }
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Combine Harvester KT-300",
                "type": "consu",
                "is_storable": True,
                "list_price": 50000.0,
                # amounts in the tests are tax-free, whatever the chart of accounts
                "taxes_id": [Command.clear()],
            }
        )
        cls.payment_term = cls.env.ref("account.account_payment_term_30days")
        cls.departments = cls.env["sale.contract.department"].search(
            [("company_id", "=", cls.company.id)]
        )
        cls.finance_department = cls.env.ref(
            "service_lifecycle.sale_contract_department_finance"
        )
        cls.logistics_department = cls.env.ref(
            "service_lifecycle.sale_contract_department_logistics"
        )

    @classmethod
    def _create_order(cls, quantity=1, price=50000.0, requirements=True):
        order = (
            cls.env["sale.order"]
            .with_user(cls.salesman)
            .create(
                {
                    "partner_id": cls.customer.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": cls.product.id,
                                "product_uom_qty": quantity,
                                "price_unit": price,
                            }
                        )
                    ],
                }
            )
        )
        if requirements:
            order.write(
                {
                    "commitment_date": datetime(2026, 3, 20, 8, 0),
                    "quality_standard": "GB/T 8097 harvester quality standard",
                    "acceptance_method": "Trial harvest of 10 ha on the field",
                    "payment_term_id": cls.payment_term.id,
                }
            )
        return order

    @classmethod
    def _approved_order(cls, **kwargs):
        order = cls._create_order(**kwargs)
        order.action_confirm_requirements()
        order.action_contract_submit()
        order.with_user(cls.reviewer).action_contract_approve()
        return order

    @classmethod
    def _fill_signatures(cls, order, scan=True):
        order.write(
            {
                "contract_customer_signatory": "Wang Jianguo",
                "contract_customer_sign_date": "2026-03-02",
                "contract_company_signatory_id": cls.salesman.id,
                "contract_company_sign_date": "2026-03-03",
                "contract_signed_scan": SIGNED_SCAN if scan else False,
                "contract_signed_scan_filename": "signed.pdf" if scan else False,
            }
        )

    @classmethod
    def _signed_order(cls, **kwargs):
        order = cls._approved_order(**kwargs)
        cls._fill_signatures(order)
        order.action_contract_sign()
        return order


class ServiceDeskCase(TransactionCase):
    """Fixtures of the after-sales desk: users per role, a team on a Shanghai
    calendar (Mon-Fri 08:00-12:00 and 13:00-17:00), a tracked tractor sold and
    delivered to a farmer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        # The desk's fixtures sell and deliver directly: contract review is
        # tested with the in-sale flow.
        cls.company.contract_review_required = False
        cls.agent = new_test_user(
            cls.env, "desk_agent", groups="service_lifecycle.group_phone_agent"
        )
        cls.coordinator = new_test_user(
            cls.env,
            "desk_coordinator",
            groups="service_lifecycle.group_information_coordinator",
        )
        cls.repair_coordinator = new_test_user(
            cls.env,
            "desk_repair_coordinator",
            groups="service_lifecycle.group_repair_coordinator",
        )
        cls.technician = new_test_user(
            cls.env, "desk_tech", groups="service_lifecycle.group_hotline_technician"
        )
        cls.expert = new_test_user(
            cls.env, "desk_expert", groups="service_lifecycle.group_technical_center"
        )
        cls.manager = new_test_user(
            cls.env, "desk_manager", groups="service_lifecycle.group_service_manager"
        )
        cls.leader = new_test_user(
            cls.env, "desk_leader", groups="service_lifecycle.group_hotline_technician"
        )
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Hotline Shanghai",
                "tz": "Asia/Shanghai",
                "company_id": cls.company.id,
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"{day} {period}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for period, hour_from, hour_to in (
                        ("morning", 8, 12),
                        ("afternoon", 13, 17),
                    )
                ],
            }
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Hotline",
                "user_ids": [
                    Command.set(
                        (cls.agent | cls.technician | cls.leader | cls.manager).ids
                    )
                ],
                "user_id": cls.leader.id,
                "resource_calendar_id": cls.calendar.id,
            }
        )
        cls.phone = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.state_hn = cls.env["res.country.state"].search(
            [("country_id.code", "=", "CN")], limit=1
        )
        cls.farmer = cls.env["res.partner"].create(
            {
                "name": "Wang Farm",
                "customer_class": "farmer",
                "email": "wang@example.com",
                "state_id": cls.state_hn.id,
                "country_id": cls.state_hn.country_id.id,
            }
        )
        cls.regular = cls.env["res.partner"].create({"name": "Li Regular"})
        cls.categ = cls.env["product.category"].create({"name": "Tractors"})
        cls.tractor = cls.env["product.product"].create(
            {
                "name": "Tractor KT-504",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
                "categ_id": cls.categ.id,
                "list_price": 50000.0,
            }
        )
        cls.engine = cls.env["product.product"].create(
            {"name": "Engine", "type": "consu", "is_main_component": True}
        )
        cls.belt = cls.env["product.product"].create(
            {"name": "V-Belt", "type": "consu", "is_wearing_part": True}
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.lot = cls.env["stock.lot"].create(
            {"name": "SN-0001", "product_id": cls.tractor.id}
        )
        cls.lot_spare = cls.env["stock.lot"].create(
            {"name": "SN-0002", "product_id": cls.tractor.id}
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.tractor, cls.warehouse.lot_stock_id, 1.0, lot_id=cls.lot
        )

    @classmethod
    def _add_public_holiday(cls, date_from, date_to):
        """A public holiday of the company (every calendar), in UTC."""
        return cls.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "date_from": date_from,
                "date_to": date_to,
                "calendar_id": False,
                "company_id": cls.company.id,
            }
        )

    @classmethod
    def _sell_and_deliver(cls, partner, lot, date_order, date_done):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "date_order": date_order,
                "order_line": [
                    Command.create(
                        {"product_id": lot.product_id.id, "product_uom_qty": 1}
                    )
                ],
            }
        )
        order.action_confirm()
        order.date_order = date_order
        picking = order.picking_ids
        picking.move_ids.picked = True
        picking.button_validate()
        picking.date_done = date_done
        return order

    @classmethod
    def _ticket_vals(cls, **values):
        vals = {
            "name": "Tractor does not start",
            "description": Markup("<p>No ignition</p>"),
            "partner_id": cls.farmer.id,
            "team_id": cls.team.id,
            "channel_id": cls.phone.id,
            "request_type": "repair",
            "product_id": cls.tractor.id,
            "lot_id": cls.lot.id,
            "working_conditions": "Rice harvest, wet fields",
            "fault_symptoms": "Starter turns, engine does not fire",
        }
        vals.update(values)
        return vals

    @classmethod
    def _create_ticket(cls, user=None, **values):
        Ticket = cls.env["helpdesk.ticket"]
        if user:
            Ticket = Ticket.with_user(user)
        return Ticket.create(cls._ticket_vals(**values))


class ComplaintDeskCase(ServiceDeskCase):
    """The desk plus a complaint handling group: an assistant, a leader and a
    manager, covering a quality department."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.assistant = new_test_user(
            cls.env,
            "cg_assistant",
            groups="service_lifecycle.group_complaint_handler",
            name="Chen Assistant",
        )
        cls.group_leader = new_test_user(
            cls.env,
            "cg_leader",
            groups="service_lifecycle.group_complaint_handler",
            name="Zhao Leader",
        )
        cls.department = cls.env["hr.department"].create({"name": "Assembly"})
        cls.complaint_group = cls.env["service.complaint.group"].create(
            {
                "name": "Complaint Group",
                "leader_id": cls.group_leader.id,
                "assistant_id": cls.assistant.id,
                "manager_id": cls.manager.id,
                "member_ids": [Command.set((cls.assistant | cls.agent).ids)],
                "department_ids": [Command.set(cls.department.ids)],
            }
        )

    @classmethod
    def _complaint_vals(cls, **values):
        vals = {
            "name": "Rude technician, tractor still broken",
            "request_type": "complaint",
            "duplicate_confirmed": True,
        }
        vals.update(values)
        return cls._ticket_vals(**vals)

    @classmethod
    def _create_complaint(cls, user=None, **values):
        Ticket = cls.env["helpdesk.ticket"]
        if user:
            Ticket = Ticket.with_user(user)
        return Ticket.create(cls._complaint_vals(**values))


class PrintedFormMixin:
    """Real PDFs (wkhtmltopdf) of the printed forms and their company header.
    Mix into an HttpCase: wkhtmltopdf fetches the report's assets from the test
    server, which must answer on the test's own cursor.

    The company is named and addressed in Chinese, as it prints its forms: a
    wkhtmltopdf without the patched Qt draws the web font of the reports (Lato)
    as shapes that no text extraction reads, while Chinese text falls back to
    the system's Chinese font and stays text."""

    COMPANY_NAME = "开拓机械有限公司"
    COMPANY_STREET = "涧西区建设路"

    @classmethod
    def _set_printed_company(cls):
        cls.env.company.write(
            {
                "name": cls.COMPANY_NAME,
                "street": cls.COMPANY_STREET,
                "city": "洛阳市",
            }
        )

    def _pdf_text(self, report, records):
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(kind, "pdf")
        return pdf_text(pdf)

    def assertPdfHasCompanyHeader(self, report, records):
        """The printed ``report`` of ``records`` shows the company's name and
        address (the header of web.external_layout); returns the PDF's text."""
        text = self._pdf_text(report, records)
        self.assertIn(self.COMPANY_NAME, text, f"{report}: no company name")
        self.assertIn(self.COMPANY_STREET, text, f"{report}: no company address")
        return text
