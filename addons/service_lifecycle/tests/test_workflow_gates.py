# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The workflow gates of every stage and state of service_lifecycle, tried as
the lowest-privileged user of each move: through the ORM (as the status bar,
the kanban drag and a list edit write), through import (``load``) and, in
``TestWorkflowRpc``, through JSON-RPC. A refused move names what is missing
and leaves nothing behind: no stage change, no chatter message, no activity."""

import json
from datetime import datetime

from markupsafe import Markup

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from .common import (
    ComplaintDeskCase,
    SalesLifecycleCommon,
    ServiceDeskCase,
    execute_kw_params,
)

MONDAY_9 = "2025-06-02 01:00:00"  # 09:00 in Shanghai


class TaskOrderGatesMixin:
    @classmethod
    def _stage(cls, xmlid):
        return cls.env.ref(xmlid)

    def _ticket(self, **values):
        """A complete task order recorded by the phone agent."""
        return self._create_ticket(
            user=self.agent, purchase_date="2025-01-10", **values
        )

    def _rpc_error(self, url, params):
        """The error (exception name and message) a JSON-RPC call answers."""
        response = self.url_open(
            url,
            data=json.dumps(
                {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
            ),
            headers={"Content-Type": "application/json"},
        )
        error = response.json()["error"]["data"]
        return error["name"], error["message"]

    def _to_technician(self, ticket):
        ticket.with_user(self.agent).action_submit_intake()
        ticket.with_user(self.coordinator).user_id = self.technician
        ticket.with_user(self.coordinator).action_hand_to_technician()
        return ticket

    def _trail(self, ticket):
        """What a move leaves behind: stage, messages and activities."""
        ticket.invalidate_recordset()
        return (
            ticket.stage_id,
            len(ticket.sudo().message_ids),
            len(ticket.sudo().activity_ids),
        )


@tagged("post_install", "-at_install")
class TestTaskOrderGates(TaskOrderGatesMixin, ComplaintDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the chatter is part of what a refused move must not leave behind
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.done = cls._stage("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.cancelled = cls._stage("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")

    def test_done_from_intake_is_refused_and_leaves_nothing(self):
        ticket = self._ticket()
        before = self._trail(ticket)
        with self.assertRaisesRegex(UserError, "cannot go from Intake to Done"):
            ticket.with_user(self.agent).write({"stage_id": self.done.id})
        self.assertEqual(self._trail(ticket), before)

    def test_done_needs_the_solution_then_the_satisfaction_answer(self):
        ticket = self._to_technician(self._ticket())
        ticket.with_user(self.technician).service_mode = "carry_in"
        ticket.with_user(self.technician).action_create_repair()
        self.assertEqual(ticket.service_step, "service")
        before = self._trail(ticket)
        # the lowest role that may close: the phone agent (customer service)
        with self.assertRaisesRegex(UserError, "Record the solution"):
            ticket.with_user(self.agent).stage_id = self.done
        self.assertEqual(self._trail(ticket), before)
        ticket.with_user(self.technician).solution = Markup("<p>New starter</p>")
        before = self._trail(ticket)
        with self.assertRaisesRegex(UserError, "records the customer's satisfaction"):
            ticket.with_user(self.agent).stage_id = self.done
        self.assertEqual(self._trail(ticket), before)
        # a satisfaction written without the close wizard is still the
        # desk's: the technician who did the work may not give it
        with self.assertRaisesRegex(UserError, "not the technician who did"):
            ticket.with_user(self.technician).write(
                {"satisfaction": "satisfied", "stage_id": self.done.id}
            )
        self.assertEqual(self._trail(ticket), before)
        ticket.with_user(self.technician).action_solved()
        self.assertEqual(ticket.service_step, "confirmation")
        ticket.with_user(self.agent)._apply_satisfaction("satisfied")
        self.assertEqual(ticket.stage_id, self.done)
        self.assertEqual(ticket.satisfaction_user_id, self.agent)

    def test_reopening_owes_a_new_answer(self):
        ticket = self._to_technician(self._ticket())
        ticket.with_user(self.technician).write(
            {
                "diagnosis_steps": Markup("<p>Fuel valve</p>"),
                "solution": Markup("<p>Open the valve</p>"),
            }
        )
        ticket.with_user(self.technician).action_phone_guidance_done()
        ticket.with_user(self.agent)._apply_satisfaction("satisfied")
        self.assertTrue(ticket.closed)
        # reopening is the customer's "not satisfied", nothing else
        with self.assertRaisesRegex(UserError, "only when the customer is not"):
            ticket.with_user(self.agent).stage_id = self._stage(
                "service_lifecycle.helpdesk_ticket_stage_diagnosis"
            )
        ticket.with_user(self.agent)._apply_satisfaction("not_satisfied")
        self.assertEqual(ticket.service_step, "diagnosis")
        self.assertEqual(ticket.rework_count, 1)
        # the old answer does not close it again
        ticket.with_user(self.technician).action_phone_guidance_done()
        with self.assertRaisesRegex(UserError, "records the customer's satisfaction"):
            ticket.with_user(self.agent).stage_id = self.done
        ticket.with_user(self.agent)._apply_satisfaction("very_satisfied")
        self.assertTrue(ticket.closed)

    def test_hand_offs_by_role(self):
        ticket = self._ticket()
        ticket.with_user(self.agent).action_submit_intake()
        ticket.with_user(self.agent).user_id = self.technician
        with self.assertRaisesRegex(AccessError, "Information Coordinator"):
            ticket.with_user(self.agent).action_hand_to_technician()
        ticket.with_user(self.coordinator).action_hand_to_technician()
        # diagnosis → in service is the technician's, not the coordinator's
        in_progress = self._stage("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        with self.assertRaisesRegex(AccessError, "Hotline Technician"):
            ticket.with_user(self.coordinator).stage_id = in_progress
        ticket.with_user(self.technician).stage_id = in_progress
        self.assertEqual(ticket.service_step, "service")

    def test_only_a_manager_cancels(self):
        ticket = self._ticket()
        before = self._trail(ticket)
        with self.assertRaisesRegex(AccessError, "Service Manager"):
            ticket.with_user(self.technician).stage_id = self.cancelled
        self.assertEqual(self._trail(ticket), before)
        ticket.with_user(self.manager).stage_id = self.cancelled
        self.assertTrue(ticket.closed)

    def test_repair_hand_off_deadline(self):
        with freeze_time(MONDAY_9):
            ticket = self._to_technician(self._ticket(is_urgent=True))
        self.assertEqual(ticket.service_mode, "on_site")
        self.assertFalse(ticket.repair_handoff_deadline)
        repair = ticket.with_user(self.repair_coordinator)
        with freeze_time("2025-06-02 01:20:00"):
            # no diagnosis recorded: the hand-off is refused
            with self.assertRaisesRegex(UserError, "Record the diagnosis steps"):
                ticket.with_user(self.technician).action_hand_to_repair_coordinator()
            ticket.with_user(self.technician).diagnosis_steps = Markup(
                "<p>Starter relay clicks, no crank</p>"
            )
        # 15 working minutes from the diagnosis
        self.assertEqual(ticket.diagnosis_done_date, datetime(2025, 6, 2, 1, 20))
        self.assertEqual(ticket.repair_handoff_deadline, datetime(2025, 6, 2, 1, 35))
        with freeze_time("2025-06-02 01:25:00"):
            ticket.invalidate_recordset(["repair_handoff_sla_state"])
            ticket._compute_sla_states()
            self.assertEqual(ticket.repair_handoff_sla_state, "on_track")
        with freeze_time("2025-06-02 01:30:00"):
            ticket.with_user(self.technician).action_hand_to_repair_coordinator()
        self.assertEqual(ticket.service_step, "repair_coordination")
        self.assertEqual(ticket.repair_handoff_date, datetime(2025, 6, 2, 1, 30))
        self.assertEqual(ticket.repair_handoff_sla_state, "met")
        # the repair coordinator dispatches it
        repair.appointment_start = datetime(2025, 6, 3, 1, 0)
        repair.provider_id = self.env["res.partner"].create(
            {"name": "Repair Center", "service_provider_type": "repair_center"}
        )
        repair.action_dispatch_on_site()
        self.assertEqual(ticket.service_step, "service")

    def test_repair_hand_off_breached(self):
        with freeze_time(MONDAY_9):
            ticket = self._to_technician(self._ticket(is_urgent=True))
            ticket.with_user(self.technician).diagnosis_steps = Markup("<p>x</p>")
        with freeze_time("2025-06-02 01:16:00"):
            ticket.invalidate_recordset(["repair_handoff_sla_state"])
            ticket._compute_sla_states()
            self.assertEqual(ticket.repair_handoff_sla_state, "breached")

    def test_complaint_closing_by_stage_needs_its_callback(self):
        complaint = self._create_complaint()
        complaint.with_user(self.assistant).action_complaint_reply()
        complaint.with_user(self.assistant).write(
            {
                "solution": Markup("<p>Starter replaced</p>"),
                "complaint_summary": Markup("<p>Rude technician, retrained</p>"),
                "complaint_preventive_measure": "Courtesy training",
            }
        )
        complaint.with_user(self.assistant).action_complaint_solved()
        self.assertEqual(complaint.service_step, "confirmation")
        before = self._trail(complaint)
        with self.assertRaisesRegex(UserError, "call the customer back"):
            complaint.with_user(self.assistant).write(
                {"satisfaction": "satisfied", "stage_id": self.done.id}
            )
        self.assertEqual(self._trail(complaint), before)
        self.assertFalse(complaint.satisfaction)
        complaint.with_user(self.assistant).complaint_callback_confirmed = True
        complaint.with_user(self.assistant)._apply_satisfaction("satisfied")
        self.assertTrue(complaint.closed)
        # not satisfied after all: a new solution and a new callback are owed
        complaint.with_user(self.assistant)._apply_satisfaction("not_satisfied")
        self.assertEqual(complaint.service_step, "service")
        self.assertFalse(complaint.complaint_callback_confirmed)
        self.assertFalse(complaint.complaint_solved_date)
        with self.assertRaisesRegex(UserError, "call the customer back"):
            complaint.with_user(self.assistant).action_close()

    def test_import_cannot_close(self):
        ticket = self._ticket()
        before = self._trail(ticket)
        result = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .load([".id", "stage_id/.id"], [[str(ticket.id), str(self.done.id)]])
        )
        self.assertFalse(result["ids"])
        self.assertIn("cannot go from Intake to Done", result["messages"][0]["message"])
        self.assertEqual(self._trail(ticket), before)


class ComplaintReviewMixin:
    """Two complaints in a row about the same starter: the second is to be
    reviewed as an important complaint (the review's own workflow)."""

    def _candidate(self):
        category = self.env["helpdesk.ticket.category"].create(
            {"name": "Engine Starting"}
        )
        for day in (2, 3):
            complaint = self._create_complaint(
                received_date=datetime(2025, 6, day, 2, 0), category_id=category.id
            )
        self.assertTrue(complaint.complaint_major_candidate)
        return complaint

    def _review_todo(self, complaint):
        """The complaint's to-do asking for the review."""
        review = self.env.ref("service_lifecycle.mail_activity_type_complaint_review")
        return complaint.activity_ids.filtered(lambda a: a.activity_type_id == review)

    def _review_trail(self, complaint):
        complaint.invalidate_recordset()
        return (
            complaint.complaint_review_state,
            complaint.complaint_reviewer_id,
            complaint.complaint_severity,
            len(complaint.sudo().message_ids),
            complaint.sudo().activity_ids,
        )


@tagged("post_install", "-at_install")
class TestComplaintReviewGates(
    ComplaintReviewMixin, TaskOrderGatesMixin, ComplaintDeskCase
):
    """The review decision through a plain write (a list edit, an import, a
    script) is gated like the buttons: by the review's transition table."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.office = new_test_user(
            cls.env, "quality_office", groups="service_lifecycle.group_quality_office"
        )

    def test_a_complaint_handler_cannot_decide(self):
        complaint = self._candidate()
        complaint.complaint_review_note = "Same starter failed twice"
        before = self._review_trail(complaint)
        with self.assertRaisesRegex(AccessError, "Service Quality Office"):
            complaint.with_user(self.assistant).write(
                {"complaint_review_state": "important"}
            )
        self.assertEqual(self._review_trail(complaint), before)

    def test_the_decision_needs_its_reasons_and_leaves_nothing_when_refused(self):
        complaint = self._candidate()
        before = self._review_trail(complaint)
        with self.assertRaisesRegex(UserError, "reasons of the review"):
            complaint.with_user(self.office).write(
                {"complaint_review_state": "not_important"}
            )
        self.assertEqual(self._review_trail(complaint), before)
        # the reasons written in the same edit: the decision holds, and names
        # its reviewer whatever path made it
        complaint.with_user(self.office).write(
            {
                "complaint_review_note": "Two different faults",
                "complaint_review_state": "not_important",
            }
        )
        self.assertEqual(complaint.complaint_review_state, "not_important")
        self.assertEqual(complaint.complaint_reviewer_id, self.office)
        self.assertTrue(complaint.complaint_review_date)
        self.assertFalse(self._review_todo(complaint))
        # a decision is not overwritten by another one
        with self.assertRaisesRegex(UserError, "cannot go from Not Important"):
            complaint.with_user(self.office).write(
                {"complaint_review_state": "important"}
            )

    def test_only_a_manager_reopens_a_decision(self):
        complaint = self._candidate()
        complaint.complaint_review_note = "Same starter failed twice"
        complaint.with_user(self.office).action_complaint_review_important()
        self.assertEqual(complaint.complaint_severity, "important")
        with self.assertRaisesRegex(AccessError, "Service Manager may move"):
            complaint.with_user(self.office).action_complaint_review_reopen()
        complaint.with_user(self.manager).action_complaint_review_reopen()
        self.assertFalse(complaint.complaint_review_state)
        self.assertFalse(complaint.complaint_reviewer_id)
        # asked again, as a new candidate
        self.assertTrue(self._review_todo(complaint))

    def test_import_cannot_decide(self):
        complaint = self._candidate()
        complaint.complaint_review_note = "Same starter failed twice"
        before = self._review_trail(complaint)
        result = (
            self.env["helpdesk.ticket"]
            .with_user(self.assistant)
            .load(
                [".id", "complaint_review_state"],
                [[str(complaint.id), "important"]],
            )
        )
        self.assertFalse(result["ids"])
        self.assertIn("Service Quality Office", result["messages"][0]["message"])
        self.assertEqual(self._review_trail(complaint), before)


@tagged("post_install", "-at_install")
class TestOtherWorkflowGates(SalesLifecycleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._create_order()
        cls.order.action_confirm_requirements()

    def test_contract_states_by_role(self):
        order = self.order.with_user(self.salesman)
        # the salesman may not approve his own contract, however he writes it
        order.action_contract_submit()
        with self.assertRaisesRegex(AccessError, "Legal Reviewer"):
            order.write({"contract_state": "approved"})
        self.assertEqual(order.contract_state, "review")
        with self.assertRaisesRegex(UserError, "Write the remarks"):
            self.order.with_user(self.reviewer)._contract_return("")
        self.assertEqual(order.contract_state, "review")
        self.order.with_user(self.reviewer).action_contract_approve()
        # signing without the signatures is refused, also as a plain write
        with self.assertRaisesRegex(UserError, "cannot be marked as signed"):
            order.write({"contract_state": "signed"})
        self.assertEqual(order.contract_state, "approved")
        with self.assertRaisesRegex(UserError, "cannot go from Approved to"):
            order.write({"contract_state": "distributed"})
        self._fill_signatures(self.order)
        order.action_contract_sign()
        self.assertEqual(order.contract_state, "distributed")

    def test_import_cannot_approve(self):
        self.order.with_user(self.salesman).action_contract_submit()
        result = (
            self.env["sale.order"]
            .with_user(self.salesman)
            .load([".id", "contract_state"], [[str(self.order.id), "approved"]])
        )
        self.assertFalse(result["ids"])
        self.assertEqual(self.order.contract_state, "review")

    def test_acceptance_validated_only_with_its_conditions(self):
        order = self._signed_order()
        order.action_confirm()
        acceptance = (
            self.env["sale.order.acceptance"]
            .with_user(self.salesman)
            .create({"order_id": order.id, "result": "rejected"})
        )
        with self.assertRaisesRegex(UserError, "at least one"):
            acceptance.write({"state": "done"})
        self.assertEqual(acceptance.state, "draft")
        self.assertFalse(order.acceptance_state)
        with self.assertRaisesRegex(AccessError, "Sales"):
            acceptance.with_user(self.finance).write({"state": "done"})

    def test_contract_copy_acknowledged_by_its_readers_only(self):
        order = self._signed_order()
        copy = order.contract_copy_ids.filtered(
            lambda c: (
                c.department_id.reader_group_id
                == self.env.ref("service_lifecycle.group_finance_reader")
            )
        )
        with self.assertRaisesRegex(AccessError, "Only the readers"):
            copy.with_user(self.sales_manager).write({"state": "acknowledged"})
        self.assertEqual(copy.state, "sent")
        copy.with_user(self.finance).action_acknowledge()
        self.assertEqual(copy.state, "acknowledged")


@tagged("post_install", "-at_install")
class TestEscalationAndMeasureGates(TaskOrderGatesMixin, ComplaintDeskCase):
    def test_escalation_by_role(self):
        ticket = self._ticket()
        escalation = (
            self.env["service.escalation"]
            .with_user(self.technician)
            .create({"ticket_id": ticket.id, "user_id": self.expert.id})
        )
        with self.assertRaisesRegex(UserError, "cannot go from Draft to Answered"):
            escalation.with_user(self.expert).write({"state": "answered"})
        escalation.action_submit()
        self.assertTrue(escalation.answer_deadline)
        with self.assertRaisesRegex(AccessError, "Technical Center"):
            escalation.write(
                {"state": "answered", "answer": Markup("<p>Self-answered</p>")}
            )
        with self.assertRaisesRegex(UserError, "Write the answer"):
            escalation.with_user(self.expert).action_answer()
        self.assertEqual(escalation.state, "submitted")
        self.assertFalse(escalation.answer_date)
        escalation.with_user(self.expert).write(
            {"answer": Markup("<p>Replace the relay</p>"), "state": "answered"}
        )
        self.assertTrue(escalation.answer_date)

    def test_compensation_approved_only_by_a_manager(self):
        complaint = self._create_complaint()
        measure = (
            self.env["service.complaint.measure"]
            .with_user(self.assistant)
            .create(
                {
                    "ticket_id": complaint.id,
                    "kind": "compensation",
                    "name": "Refund",
                    "date_deadline": "2025-06-10",
                    "amount": 99999.0,
                }
            )
        )
        self.assertEqual(measure.approval_state, "to_approve")
        with self.assertRaisesRegex(AccessError, "Service Manager"):
            measure.write({"approval_state": "approved"})
        with self.assertRaisesRegex(UserError, "approver and the amount"):
            measure.with_user(self.manager).write({"approval_state": "approved"})
        self.assertEqual(measure.approval_state, "to_approve")
        measure.with_user(self.manager).action_approve()
        self.assertEqual(measure.approval_state, "approved")


@tagged("post_install", "-at_install")
class TestWorkflowRpc(TaskOrderGatesMixin, ServiceDeskCase, HttpCase):
    """The same gates through the external API (/jsonrpc) and the web
    client's route (kanban drag and status bar click write the stage)."""

    def _execute_kw(self, user, model, method, args):
        return self._rpc_error(
            "/jsonrpc", execute_kw_params(self.env, user, model, method, args)
        )

    def test_jsonrpc_write_cannot_close(self):
        ticket = self._to_technician(self._ticket())
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        before = self._trail(ticket)
        name, message = self._execute_kw(
            self.agent,
            "helpdesk.ticket",
            "write",
            [ticket.ids, {"stage_id": done.id}],
        )
        self.assertEqual(name, "odoo.exceptions.UserError")
        self.assertIn("Record the diagnosis steps", message)
        name, message = self._execute_kw(
            self.technician,
            "helpdesk.ticket",
            "write",
            [
                ticket.ids,
                {
                    "solution": "<p>Fixed</p>",
                    "satisfaction": "satisfied",
                    "stage_id": done.id,
                },
            ],
        )
        self.assertIn("not the technician who did", message)
        self.assertEqual(self._trail(ticket), before)
        self.assertFalse(ticket.solution)


@tagged("post_install", "-at_install")
class TestComplaintReviewRpc(
    ComplaintReviewMixin, TaskOrderGatesMixin, ComplaintDeskCase, HttpCase
):
    def test_jsonrpc_write_cannot_decide(self):
        complaint = self._candidate()
        complaint.complaint_review_note = "Same starter failed twice"
        before = self._review_trail(complaint)
        name, message = self._rpc_error(
            "/jsonrpc",
            execute_kw_params(
                self.env,
                self.assistant,
                "helpdesk.ticket",
                "write",
                [complaint.ids, {"complaint_review_state": "important"}],
            ),
        )
        self.assertEqual(name, "odoo.exceptions.AccessError")
        self.assertIn("Service Quality Office", message)
        self.assertEqual(self._review_trail(complaint), before)


@tagged("post_install", "-at_install")
class TestContractRpc(TaskOrderGatesMixin, SalesLifecycleCommon, HttpCase):
    def test_web_client_write_cannot_approve(self):
        """The form's status bar and a script write through the same route."""
        order = self._create_order()
        order.action_confirm_requirements()
        order.with_user(self.salesman).action_contract_submit()
        self.authenticate(self.salesman.login, self.salesman.login)
        name, message = self._rpc_error(
            "/web/dataset/call_kw/sale.order/write",
            {
                "model": "sale.order",
                "method": "write",
                "args": [order.ids, {"contract_state": "approved"}],
                "kwargs": {},
            },
        )
        self.assertEqual(name, "odoo.exceptions.AccessError")
        self.assertIn("Legal Reviewer may move", message)
        order.invalidate_recordset()
        self.assertEqual(order.contract_state, "review")
