# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from contextlib import contextmanager
from datetime import datetime

from PIL import Image

from odoo import Command
from odoo.tests import TransactionCase, freeze_time, new_test_user

AGENT = "service_callback.group_callback_agent"
SUPERVISOR = "service_callback.group_callback_supervisor"


def signature_png():
    """A small valid PNG, base64-encoded, as the signature widget sends it."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (20, 20, 120)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


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
