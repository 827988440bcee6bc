# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import json
from contextlib import contextmanager
from datetime import datetime

from PIL import Image

from odoo import Command
from odoo.addons.service_lifecycle.tests.common import close_task_orders
from odoo.tests import TransactionCase, freeze_time, new_test_user
from odoo.tools import mute_logger

AGENT = "service_callback.group_callback_agent"
SUPERVISOR = "service_callback.group_callback_supervisor"
MANAGER = "service_callback.group_callback_manager"


def signature_png():
    """A small valid PNG, base64-encoded, as the signature widget sends it."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (20, 20, 120)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


class WorkflowPathsMixin:
    """Helpers of the workflow tests: what a move leaves on a record, and a
    ``write`` made the way an external script makes it (JSON-RPC on
    ``/jsonrpc``, in an ``HttpCase``)."""

    def _trail(self, record):
        """What a move leaves on the record: messages and activities."""
        self.env.flush_all()
        self.env.cr.precommit.run()  # the tracking messages
        record = record.sudo()
        record.invalidate_recordset()
        activities = record.activity_ids if "activity_ids" in record else []
        return (record.message_ids.ids, [a.id for a in activities])

    def _jsonrpc_write(self, user, record, vals):
        """``execute_kw(write)`` over HTTP as ``user``; the JSON error (or
        None)."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    user.id,
                    user.login + "x" * (8 - len(user.login)),  # new_test_user's
                    record._name,
                    "write",
                    [record.ids, vals],
                ],
            },
        }
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/jsonrpc",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            )
        self.assertEqual(response.status_code, 200)
        record.invalidate_recordset()
        return response.json().get("error")


class CallbackCase(TransactionCase):
    """Shared fixtures: two agents (with employees in a department under the
    supervisor's employee), a supervisor and a customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.agent = new_test_user(
            cls.env, "cb_agent", groups=AGENT, tz="UTC", email="agent@example.com"
        )
        cls.other_agent = new_test_user(cls.env, "cb_agent2", groups=AGENT, tz="UTC")
        cls.supervisor = new_test_user(
            cls.env, "cb_supervisor", groups=SUPERVISOR, tz="UTC"
        )
        Employee = cls.env["hr.employee"]
        cls.department = cls.env["hr.department"].create({"name": "Callback Desk"})
        cls.other_department = cls.env["hr.department"].create({"name": "Branch Desk"})
        cls.supervisor_employee = Employee.create(
            {"name": "Supervisor", "user_id": cls.supervisor.id}
        )
        cls.agent_employee = Employee.create(
            {
                "name": "Agent",
                "user_id": cls.agent.id,
                "department_id": cls.department.id,
                "parent_id": cls.supervisor_employee.id,
            }
        )
        cls.other_agent_employee = Employee.create(
            {
                "name": "Other Agent",
                "user_id": cls.other_agent.id,
                "department_id": cls.other_department.id,
                "parent_id": cls.supervisor_employee.id,
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Li Farm Cooperative", "email": "li@example.com"}
        )

    @classmethod
    def _callback(cls, **vals):
        values = {"partner_id": cls.customer.id, "user_id": cls.agent.id}
        values.update(vals)
        return cls.env["service.callback"].create(values)


class PlannerCase(TransactionCase):
    """Fixtures of the callback programme: customers of each class in
    Shanghai, a salesperson, a technician, a callback team and builders for
    the anchor records (orders, task orders, repairs, leads, visits)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.write(
            {
                "contract_review_required": False,
                "callback_contact_windows": "10:00-11:30,15:30-17:00",
                "callback_plan_horizon_days": 30,
                "callback_plan_catchup_days": 7,
            }
        )
        cls.Rule = cls.env["service.callback.rule"]
        cls.Callback = cls.env["service.callback"]
        cls.salesperson = new_test_user(
            cls.env, "cb_sales", groups="sales_team.group_sale_salesman_all_leads"
        )
        cls.technician = new_test_user(
            cls.env, "cb_tech", groups="service_lifecycle.group_hotline_technician"
        )
        cls.agent_a = new_test_user(cls.env, "cb_team_a", groups=AGENT)
        cls.agent_b = new_test_user(cls.env, "cb_team_b", groups=AGENT)
        cls.supervisor = new_test_user(cls.env, "cb_rule_supervisor", groups=SUPERVISOR)
        Partner = cls.env["res.partner"]
        cls.regular = Partner.create(
            {"name": "Zhao Regular", "tz": "Asia/Shanghai", "customer_class": "regular"}
        )
        cls.key_account = Partner.create(
            {
                "name": "Harvest Group",
                "tz": "Asia/Shanghai",
                "customer_class": "key_account",
            }
        )
        cls.big_account = Partner.create(
            {
                "name": "State Farm No. 3",
                "tz": "Asia/Shanghai",
                "customer_class": "big_account",
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Harvester KT-9", "type": "consu", "list_price": 90000.0}
        )
        cls.done_stage = cls.env["helpdesk.ticket.stage"].search(
            [("closed", "=", True)], limit=1
        )

    @classmethod
    def _rule(cls, xmlid):
        return cls.env.ref(f"service_callback.service_callback_rule_{xmlid}")

    @classmethod
    def _order(cls, partner, **vals):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": cls.salesperson.id,
                "order_line": [
                    Command.create({"product_id": cls.product.id, "product_uom_qty": 1})
                ],
                **vals,
            }
        )
        order.action_confirm()
        return order

    @classmethod
    def _ticket(cls, partner=None, **vals):
        return (
            cls.env["helpdesk.ticket"]
            .sudo()
            .create(
                {
                    "name": "Header vibrates",
                    "description": "<p>The header vibrates at full speed.</p>",
                    "partner_id": (partner or cls.regular).id,
                    "user_id": cls.technician.id,
                    "request_type": "consultation",
                    **vals,
                }
            )
        )

    @classmethod
    def _close_tickets(cls, tickets, keep_user=False):
        """Close task orders the way the desk does (handed on, solved, the
        customer satisfied)."""
        close_task_orders(tickets, cls.technician, keep_user=keep_user)

    @classmethod
    def _repair(cls, partner=None, **vals):
        return cls.env["repair.order"].create(
            {
                "product_id": cls.product.id,
                "partner_id": (partner or cls.regular).id,
                **vals,
            }
        )

    @classmethod
    def _lead(cls, grade, partner=None, **vals):
        return cls.env["crm.lead"].create(
            {
                "name": "Enquiry: harvester",
                "partner_id": (partner or cls.regular).id,
                "user_id": cls.salesperson.id,
                "lead_grade": grade,
                **vals,
            }
        )

    @contextmanager
    def _at(self, moment):
        """Freeze the clock, the transaction's too (creation dates of leads)."""
        with freeze_time(moment):
            self.env.cr._now = datetime.now()
            try:
                yield
            finally:
                self.env.cr._now = None

    def _callbacks(self, rule, record):
        return self.Callback.search(
            [
                ("rule_key", "=", rule.key),
                ("res_model", "=", record._name),
                ("res_id", "in", record.ids),
            ],
            order="occurrence",
        )

    def _dues(self, rule, record):
        """[(occurrence, due as 'YYYY-MM-DD HH:MM' UTC)] of a rule's callbacks."""
        return [
            (c.occurrence, c.due_datetime.strftime("%Y-%m-%d %H:%M"))
            for c in self._callbacks(rule, record)
        ]


class TeamCase(TransactionCase):
    """Two callback teams and a callback manager in one company, and a second
    company. The hierarchy (employees):

    - Supervisor 1 ← Team Lead (manager: Supervisor 1) ← Member (manager:
      Team Lead); Desk Member has no manager but is in the Hotline Desk
      department that Supervisor 1 manages;
    - Supervisor 2 ← Outsider (another team);
    - the Member also works for the second company, under nobody there.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Kaituo Henan"})
        both = [Command.set((cls.company | cls.company_b).ids)]

        def user(login, group, **vals):
            return new_test_user(cls.env, login, groups=group, tz="UTC", **vals)

        cls.manager = user("team_manager", MANAGER)
        cls.supervisor = user("team_sup1", SUPERVISOR, company_ids=both)
        cls.supervisor2 = user("team_sup2", SUPERVISOR)
        cls.lead = user("team_lead", AGENT)
        cls.member = user("team_member", AGENT, company_ids=both)
        cls.desk_member = user("team_desk", AGENT)
        cls.outsider = user("team_outsider", AGENT)
        cls.agent_b = user(
            "team_agent_b", AGENT, company_id=cls.company_b.id, company_ids=both
        )

        Employee = cls.env["hr.employee"]
        cls.sup_employee = Employee.create(
            {"name": "Supervisor 1", "user_id": cls.supervisor.id}
        )
        cls.desk = cls.env["hr.department"].create(
            {"name": "Hotline Desk", "manager_id": cls.sup_employee.id}
        )
        cls.lead_employee = Employee.create(
            {
                "name": "Team Lead",
                "user_id": cls.lead.id,
                "parent_id": cls.sup_employee.id,
            }
        )
        cls.member_employee = Employee.create(
            {
                "name": "Member",
                "user_id": cls.member.id,
                "parent_id": cls.lead_employee.id,
            }
        )
        cls.desk_employee = Employee.create(
            {
                "name": "Desk Member",
                "user_id": cls.desk_member.id,
                "department_id": cls.desk.id,
                "parent_id": False,  # not the department manager's report
            }
        )
        cls.sup2_employee = Employee.create(
            {"name": "Supervisor 2", "user_id": cls.supervisor2.id}
        )
        cls.outsider_employee = Employee.create(
            {
                "name": "Outsider",
                "user_id": cls.outsider.id,
                "parent_id": cls.sup2_employee.id,
            }
        )
        Employee.create(
            {
                "name": "Member (Henan)",
                "user_id": cls.member.id,
                "company_id": cls.company_b.id,
            }
        )
        cls.customer = cls.env["res.partner"].create({"name": "Wang Family Farm"})

    @classmethod
    def _callback(cls, user, company=None, **vals):
        company = company or cls.company
        return (
            cls.env["service.callback"]
            .with_company(company)
            .create(
                {
                    "partner_id": cls.customer.id,
                    "user_id": user.id,
                    "company_id": company.id,
                    "due_datetime": "2025-03-10 02:00:00",
                    **vals,
                }
            )
        )
