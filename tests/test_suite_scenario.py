# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A task order's life through the three addons, each step taken by the user
who does it in the company, with the lowest rights that let them:

a repair task order is closed after phone guidance (service_lifecycle) → the
callback rules plan its callback (service_callback) → the customer answers
the callback dissatisfied, which opens a complaint → the complaint group
solves it and the complaint callback is made → the complaint is closed; a
second complaint's callback is never made → the month's indicator values
(service_kpi) and the fine of the missed post-complaint callback."""

from datetime import date, datetime

import pytz
from markupsafe import Markup

from odoo import Command
from odoo.addons.service_lifecycle.tests.common import ServiceDeskCase
from odoo.exceptions import UserError
from odoo.tests import freeze_time, new_test_user, tagged

SHANGHAI = "Asia/Shanghai"
# Monday 2 June 2025, 09:00 in Shanghai
MONDAY = "2025-06-02 01:00:00"


@tagged("post_install", "-at_install")
class TestSuiteScenario(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company.partner_id.tz = SHANGHAI
        cls.farmer.tz = SHANGHAI
        # the farmer bought the tractor in January
        cls._sell_and_deliver(
            cls.farmer, cls.lot, datetime(2025, 1, 10, 3), datetime(2025, 1, 12, 6)
        )

        def user(login, groups):
            return new_test_user(env, login, groups=groups, tz=SHANGHAI)

        # customer service: a callback agent, and the complaint group's
        # assistant, who also makes the complaint callbacks
        cls.callback_agent = user(
            "sc_callback", "service_callback.group_callback_agent"
        )
        cls.callback_supervisor = user(
            "sc_callback_sup", "service_callback.group_callback_supervisor"
        )
        cls.assistant = user(
            "sc_assistant",
            "service_lifecycle.group_complaint_handler,"
            "service_callback.group_callback_agent",
        )
        cls.group_leader = user(
            "sc_leader", "service_lifecycle.group_complaint_handler"
        )
        cls.kpi_manager = user("sc_kpi", "service_kpi.group_kpi_manager")
        cls.complaint_group = env["service.complaint.group"].create(
            {
                "name": "Complaint Group",
                "leader_id": cls.group_leader.id,
                "assistant_id": cls.assistant.id,
                "manager_id": cls.manager.id,
                "member_ids": [Command.set(cls.assistant.ids)],
            }
        )
        Employee = env["hr.employee"]
        cls.head = Employee.create({"name": "Head Zhou"})
        cls.department = env["hr.department"].create(
            {"name": "Customer Service", "manager_id": cls.head.id}
        )
        cls.agent_employee, cls.assistant_employee = Employee.create(
            [
                {
                    "name": name,
                    "user_id": login.id,
                    "department_id": cls.department.id,
                    "parent_id": cls.head.id,
                }
                for name, login in (
                    ("Agent Liu", cls.callback_agent),
                    ("Assistant Chen", cls.assistant),
                )
            ]
        )
        cls.Callback = env["service.callback"]
        cls.Value = env["service.kpi.value"]

    def _close(self, ticket, user):
        """Close with the customer satisfied, as the close button asks."""
        action = ticket.with_user(user).action_close()
        wizard = self.env[action["res_model"]].with_user(user)
        wizard.with_context(action["context"]).create(
            {"satisfaction": "satisfied"}
        ).action_confirm()

    def _callbacks(self, ticket, **domain):
        return self.Callback.search(
            [
                ("res_model", "=", "helpdesk.ticket"),
                ("res_id", "=", ticket.id),
                *[(name, "=", value) for name, value in domain.items()],
            ]
        )

    def _local_day(self, moment):
        return pytz.utc.localize(moment).astimezone(pytz.timezone(SHANGHAI)).date()

    def _solve(self, complaint):
        """The complaint group answers the customer and solves the complaint."""
        complaint = complaint.with_user(self.group_leader)
        complaint.channel_id = self.phone
        complaint.action_complaint_reply()
        complaint.solution = Markup("<p>Injector replaced on site, apology made</p>")
        complaint.action_complaint_solved()
        return complaint

    def _value(self, code, user=None):
        """The June 2025 value of the indicator ``code``: the employee's value
        of ``user``, or the company's."""
        indicator = self.env["service.kpi.indicator"].search(
            [("code", "=", code), ("company_id", "=", self.company.id)]
        )
        domain = [
            ("indicator_id", "=", indicator.id),
            ("period_type", "=", "month"),
            ("date_from", "=", date(2025, 6, 1)),
        ]
        if user:
            domain += [
                ("level", "=", "employee"),
                ("employee_id.user_id", "=", user.id),
            ]
        else:
            domain += [("level", "=", "company")]
        value = self.Value.with_user(self.kpi_manager).search(domain)
        self.assertEqual(len(value), 1, f"{code} {user.name if user else 'company'}")
        return (value.numerator, value.denominator, value.value)

    def test_repair_to_complaint_to_indicators_and_fine(self):
        # The callback supervisor has the callbacks after other services made
        # by the callback desk rather than by the technician.
        rule = self.env.ref("service_callback.service_callback_rule_other_service")
        rule.with_user(self.callback_supervisor).write(
            {
                "assign_to": "team",
                "team_user_ids": [Command.set(self.callback_agent.ids)],
            }
        )

        # Monday 2 June: the farmer phones; the agent records the task order
        # and hands it to the coordinator, who hands it to the technician; the
        # technician guides the farmer by phone and the agent (customer
        # service) closes it with the farmer satisfied.
        with freeze_time(MONDAY):
            ticket = self._create_ticket(user=self.agent)
            ticket.with_user(self.agent).action_submit_intake()
            ticket.with_user(self.coordinator).user_id = self.technician
            ticket.with_user(self.coordinator).action_hand_to_technician()
            ticket.with_user(self.technician).write(
                {
                    "diagnosis_steps": Markup("<p>Fuel valve, then the filter</p>"),
                    "solution": Markup("<p>The fuel valve was closed</p>"),
                }
            )
            ticket.with_user(self.technician).action_phone_guidance_done()
            self._close(ticket, self.agent)
        self.assertTrue(ticket.closed)

        # The rules planned its callback a week later, for the callback desk.
        callback = self._callbacks(ticket)
        self.assertEqual(len(callback), 1)
        self.assertEqual(callback.rule_id, rule)
        self.assertEqual(callback.user_id, self.callback_agent)
        self.assertEqual(callback.state, "planned")
        self.assertEqual(self._local_day(callback.due_datetime), date(2025, 6, 9))

        # Monday 9 June: the callback agent calls; the farmer is dissatisfied,
        # which opens a complaint.
        with freeze_time("2025-06-09 03:00:00"):
            callback = callback.with_user(self.callback_agent)
            callback.write(
                {
                    "reached": True,
                    "rating": "dissatisfied",
                    "score": 2,
                    "customer_feedback": "The engine stalls again after an hour.",
                }
            )
            callback.action_done()
        complaint = callback.complaint_ticket_id
        self.assertEqual(callback.state, "done")
        self.assertEqual(complaint.request_type, "complaint")
        self.assertEqual(complaint.partner_id, self.farmer)
        self.assertEqual(complaint.callback_id, callback)
        self.assertEqual(complaint.complaint_group_id, self.complaint_group)

        # The same day the farmer phones about the delivery of a spare part:
        # a second complaint, recorded by the agent.
        with freeze_time("2025-06-09 04:00:00"):
            second = self._create_ticket(
                user=self.agent,
                name="Spare part promised for last week never came",
                request_type="complaint",
                duplicate_confirmed=True,
            )
        self.assertEqual(second.complaint_group_id, self.complaint_group)

        # The complaint group answers and solves both complaints that day:
        # each gets its callback three days later, made by the group's
        # assistant (general complaints).
        with freeze_time("2025-06-09 05:00:00"):
            complaint = self._solve(complaint)
            second = self._solve(second)
        complaint_callback = self._callbacks(complaint, callback_type="complaint")
        second_callback = self._callbacks(second, callback_type="complaint")
        for planned in (complaint_callback, second_callback):
            self.assertEqual(len(planned), 1)
            self.assertEqual(planned.user_id, self.assistant)
            self.assertEqual(self._local_day(planned.due_datetime), date(2025, 6, 12))

        # Thursday 12 June: the assistant calls the first complainant back,
        # who is satisfied now; the group sums the complaint up and closes it.
        with freeze_time("2025-06-12 03:00:00"):
            complaint_callback = complaint_callback.with_user(self.assistant)
            complaint_callback.write(
                {"reached": True, "rating": "satisfied", "score": 5}
            )
            complaint_callback.action_done()
            complaint.write(
                {
                    "complaint_summary": Markup("<p>Injector worn; fixed on site</p>"),
                    "complaint_preventive_measure": "Injectors checked at delivery",
                }
            )
            self._close(complaint, self.assistant)
        self.assertTrue(complaint.closed)
        self.assertTrue(complaint.complaint_callback_made)

        # The second complaint's callback is never made. Friday 13 June, the
        # nightly jobs: the callback is overdue, and its fine is proposed to
        # the person who owed it (500) and to her department manager (300).
        with freeze_time("2025-06-13 02:00:00"):
            self.Callback._cron_flag_overdue()
            self.env["service.kpi.penalty"]._cron_detect_missed_callbacks()
        self.assertTrue(second_callback.is_overdue)
        self.assertEqual(second_callback.state, "planned")
        with self.assertRaisesRegex(UserError, "call the customer back"):
            second.with_user(self.assistant).action_close()
        Penalty = self.env["service.kpi.penalty"].with_user(self.kpi_manager)
        fines = Penalty.search([("ticket_id", "in", (complaint | second).ids)])
        self.assertEqual(
            sorted(
                (f.ticket_id, f.kind, f.employee_id, f.amount, f.date, f.state)
                for f in fines
            ),
            sorted(
                [
                    (
                        second,
                        "missed_callback",
                        self.assistant_employee,
                        500.0,
                        date(2025, 6, 12),
                        "draft",
                    ),
                    (
                        second,
                        "missed_callback_manager",
                        self.head,
                        300.0,
                        date(2025, 6, 12),
                        "draft",
                    ),
                ]
            ),
        )
        # the next night proposes nothing more; the KPI manager approves them
        with freeze_time("2025-06-14 02:00:00"):
            self.env["service.kpi.penalty"]._cron_detect_missed_callbacks()
        self.assertEqual(Penalty.search_count([("ticket_id", "=", second.id)]), 2)
        fines.action_approve()
        self.assertEqual(set(fines.mapped("state")), {"approved"})
        self.assertEqual(sorted(fines.mapped("signed_amount")), [-500.0, -300.0])

        # the technician who repaired is appraised too
        self.env["hr.employee"].create(
            {"name": "Technician Wu", "user_id": self.technician.id}
        )
        # 1 July: the KPI manager computes June.
        with freeze_time("2025-07-01 02:00:00"):
            run = (
                self.env["service.kpi.period.run"]
                .with_user(self.kpi_manager)
                .create({"period_type": "month", "date": date(2025, 6, 1)})
            )
            run.action_run()
        # the callback rate is the routine programme's: June's callbacks
        # follow a repair and complaints, so it has no value (no data, not 0)
        rate = self.env["service.kpi.indicator"].search(
            [("code", "=", "CALLBACK_RATE"), ("company_id", "=", self.company.id)]
        )
        self.assertFalse(
            self.Value.search(
                [("indicator_id", "=", rate.id), ("date_from", "=", date(2025, 6, 1))]
            )
        )
        # satisfied ÷ rated callbacks, credited to who served the customer:
        # the dissatisfied repair callback to the technician who repaired,
        # the satisfied complaint callback to the complaint's owner; the
        # callback agents are not credited
        self.assertEqual(self._value("SATISFACTION", self.technician), (0.0, 1.0, 0.0))
        self.assertEqual(
            self._value("SATISFACTION", complaint.complaint_owner_id),
            (1.0, 1.0, 100.0),
        )
        self.assertEqual(self._value("SATISFACTION"), (1.0, 2.0, 50.0))
