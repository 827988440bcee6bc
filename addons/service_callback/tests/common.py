# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io

from PIL import Image

from odoo.tests import TransactionCase, new_test_user

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
