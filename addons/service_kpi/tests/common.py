# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.tests import TransactionCase, new_test_user
from odoo.tools import SQL


class KpiCase(TransactionCase):
    """A small service department: a department manager, a supervisor and two
    agents reporting to the supervisor, plus someone in another department."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        user_group = "service_kpi.group_kpi_user"
        cls.kpi_manager = new_test_user(
            cls.env, "kpi_boss", groups="service_kpi.group_kpi_manager"
        )
        cls.head_user = new_test_user(cls.env, "kpi_head", groups=user_group)
        cls.supervisor_user = new_test_user(cls.env, "kpi_sup", groups=user_group)
        cls.agent_a_user = new_test_user(cls.env, "kpi_agent_a", groups=user_group)
        cls.agent_b_user = new_test_user(cls.env, "kpi_agent_b", groups=user_group)
        cls.outsider_user = new_test_user(cls.env, "kpi_out", groups=user_group)
        Employee = cls.env["hr.employee"]
        cls.head = Employee.create({"name": "Head Wang", "user_id": cls.head_user.id})
        cls.department = cls.env["hr.department"].create(
            {"name": "Hotline", "manager_id": cls.head.id}
        )
        cls.other_department = cls.env["hr.department"].create({"name": "Sales"})
        cls.head.department_id = cls.department
        cls.supervisor = Employee.create(
            {
                "name": "Supervisor Zhao",
                "user_id": cls.supervisor_user.id,
                "department_id": cls.department.id,
                "parent_id": cls.head.id,
            }
        )
        cls.agent_a, cls.agent_b = Employee.create(
            [
                {
                    "name": name,
                    "user_id": user.id,
                    "department_id": cls.department.id,
                    "parent_id": cls.supervisor.id,
                }
                for name, user in (
                    ("Agent Li", cls.agent_a_user),
                    ("Agent Chen", cls.agent_b_user),
                )
            ]
        )
        cls.outsider = Employee.create(
            {
                "name": "Seller Sun",
                "user_id": cls.outsider_user.id,
                "department_id": cls.other_department.id,
            }
        )
        cls.customer = cls.env["res.partner"].create({"name": "Li Farm Cooperative"})
        cls.other_customer = cls.env["res.partner"].create({"name": "Zhang Dealer"})
        cls.Indicator = cls.env["service.kpi.indicator"]
        cls.Value = cls.env["service.kpi.value"]

    @classmethod
    def _callback(cls, user, due, state="planned", **vals):
        """A callback due at ``due``, recorded as history (created by the
        superuser in its state, as an import of past callbacks would be);
        ``state='done'`` marks it done at ``done`` (defaults to ``due``). A
        routine programme callback unless ``callback_type`` says otherwise."""
        done = vals.pop("done", due)
        if state == "done":
            vals.update(state="done", done_datetime=done)
        elif state == "cancelled":
            vals["state"] = "cancelled"
        return cls.env["service.callback"].create(
            dict(
                {
                    "partner_id": cls.customer.id,
                    "user_id": user.id if user else False,
                    "due_datetime": due,
                    "callback_type": "routine",
                },
                **vals,
            )
        )

    @classmethod
    def _indicator(cls, measure, code=None, **vals):
        return cls.Indicator.create(
            dict(
                {
                    "code": code or f"T_{measure.upper()}",
                    "name": measure,
                    "measure": measure,
                    "target": 90.0,
                },
                **vals,
            )
        )

    @classmethod
    def _ticket(
        cls,
        user,
        created,
        closed=None,
        stage=None,
        partner=None,
        request_type="repair",
        **columns,
    ):
        """A complete task order (everything the desk's intake asks for) created
        at ``created``, closed at ``closed``; ``columns`` are stored values the
        desk computes from its flow (SLA states, rework count, ...), written as
        they would be in the database."""
        if not getattr(cls, "ticket_product", None):
            cls.ticket_product = cls.env["product.product"].create(
                {"name": "Harvester KT-300", "type": "consu"}
            )
        ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Harvester does not start",
                "description": "<p>Engine stalls.</p>",
                "user_id": user.id if user else False,
                "partner_id": (partner or cls.customer).id,
                "request_type": request_type,
                "channel_id": cls.env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_phone"
                ).id,
                "product_id": cls.ticket_product.id,
                "purchase_date": date(2025, 10, 1),
                "fault_date": date(2026, 1, 5),
                "fault_symptoms": "Engine stalls after a minute",
                "working_conditions": "Wheat harvest, dry fields",
                "duplicate_confirmed": True,
            }
        )
        ticket.flush_recordset()
        columns = dict(
            columns, create_date=created, received_date=created, closed_date=closed
        )
        if stage:
            # history, as stored: the desk's workflow is not replayed here
            columns["stage_id"] = stage.id
        cls.env.cr.execute(
            SQL(
                "UPDATE helpdesk_ticket SET %s WHERE id = %s",
                SQL(", ").join(
                    SQL("%s = %s", SQL.identifier(name), value)
                    for name, value in columns.items()
                ),
                ticket.id,
            )
        )
        ticket.invalidate_recordset()
        return ticket

    def _values(self, indicator, period_type="month", **level):
        domain = [
            ("indicator_id", "=", indicator.id),
            ("period_type", "=", period_type),
        ]
        domain += [
            (key, "=", val.id if hasattr(val, "id") else val)
            for key, val in level.items()
        ]
        return self.Value.search(domain)


def dt(*args):
    return datetime(*args)
