# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The callback and callback report workflows hold on every path: the ORM (the
buttons and any write), JSON-RPC ``write`` on ``/jsonrpc`` and import
(``load``), each move tried by the lowest-privileged user who may make it."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, freeze_time, tagged

from .common import CallbackCase, WorkflowPathsMixin, signature_png


class WorkflowCase(WorkflowPathsMixin, CallbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # chatter and activities are part of what a refusal must not leave
        context = dict(cls.env.context)
        context.pop("tracking_disable")
        cls.env = cls.env(context=context)
        cls.Report = cls.env["service.callback.report"]

    def _onsite_not_reached(self):
        return self._callback(method="onsite", due_datetime="2025-03-10 02:00:00")

    def _report(self, day="2025-03-10"):
        return self.Report.with_user(self.agent).create({"report_date": day})


@tagged("post_install", "-at_install")
class TestCallbackWorkflow(WorkflowCase):
    # callback ------------------------------------------------------------
    def test_onsite_not_reached_records_why_and_is_no_signed_visit(self):
        callback = self._onsite_not_reached().with_user(self.agent)
        self.assertTrue(callback.signature_required)
        trail = self._trail(callback)
        with self.assertRaisesRegex(UserError, "did not reach the customer: say why"):
            callback.action_done()
        self.assertEqual(callback.state, "planned")
        self.assertFalse(callback.done_datetime)
        self.assertEqual(self._trail(callback), trail, "no message, no activity")
        callback.write(
            {"not_reached_reason": "absent", "not_reached_note": "Harvest in Henan."}
        )
        self.assertFalse(callback.signature_required, "no signature is owed")
        callback.action_done()
        self.assertEqual(callback.state, "done")
        self.assertTrue(callback.done_datetime)
        Callback = self.env["service.callback"]
        self.assertNotIn(
            callback, Callback.search(Callback._callback_signed_visit_domain())
        )
        self.assertNotIn(
            callback,
            Callback.search([("signature_required", "=", True)]),
            "not listed among the signatures missing",
        )
        # a signed visit is one
        visit = self._callback(method="onsite").with_user(self.agent)
        visit.write(
            {
                "reached": True,
                "rating": "satisfied",
                "signature": signature_png(),
                "signed_by": "Li Wei",
            }
        )
        visit.action_done()
        self.assertIn(visit, Callback.search(Callback._callback_signed_visit_domain()))
        self.env.flush_all()
        months = self.env["service.callback.monthly.report"].search(
            [("user_id", "=", self.agent.id)]
        )
        self.assertEqual(sum(months.mapped("signed_visit_count")), 1)

    def test_reaching_the_customer_clears_the_reason(self):
        callback = self._onsite_not_reached()
        callback.not_reached_reason = "no_answer"
        callback.reached = True
        self.assertFalse(callback.not_reached_reason)
        self.assertTrue(callback.signature_required)

    def test_status_bar_done_checks_like_the_button(self):
        """Writing the state (status bar, kanban drag) meets the same guard and
        does what the button does: completion time and outcome."""
        callback = self._callback().with_user(self.agent)
        callback.reached = True
        with self.assertRaisesRegex(UserError, "record their rating"):
            callback.write({"state": "done"})
        self.assertEqual(callback.state, "planned")
        callback.write({"rating": "dissatisfied", "state": "done"})
        self.assertTrue(callback.done_datetime)
        self.assertTrue(callback.sudo().complaint_ticket_id)

    def test_agent_cannot_reset_a_done_callback(self):
        callback = self._callback().with_user(self.agent)
        callback.action_done()
        trail = self._trail(callback)
        with self.assertRaisesRegex(AccessError, "Callback Supervisor"):
            callback.action_reset()
        self.assertEqual(callback.state, "done")
        self.assertEqual(self._trail(callback), trail)
        callback.with_user(self.supervisor).action_reset()
        self.assertEqual(callback.state, "planned")
        self.assertFalse(callback.done_datetime)

    def test_cancelled_callback_is_not_done(self):
        callback = self._callback().with_user(self.agent)
        callback.action_cancel()
        with self.assertRaisesRegex(UserError, "cannot go from Cancelled to Done"):
            callback.write({"state": "done"})
        self.assertEqual(callback.state, "cancelled")

    # report --------------------------------------------------------------
    def test_sign_off_refusals_write_nothing(self):
        self._callback(due_datetime="2025-03-10 02:00:00")
        report = self._report()
        with freeze_time("2025-03-11 12:00:00"):
            report.action_submit()
        trail = self._trail(report)
        with self.assertRaisesRegex(AccessError, "Callback Supervisor"):
            report.action_sign_off()  # the agent
        as_supervisor = report.with_user(self.supervisor)
        with self.assertRaisesRegex(UserError, "Write your comment"):
            as_supervisor.action_sign_off()
        self.assertEqual(report.state, "submitted")
        self.assertFalse(report.reviewer_id)
        self.assertEqual(self._trail(report), trail, "the review to-do stays")
        # a supervisor does not sign off their own report
        self._callback(user_id=self.supervisor.id, due_datetime="2025-03-10 03:00:00")
        mine = self.Report.with_user(self.supervisor).create(
            {"report_date": "2025-03-10", "supervisor_comment": "Self-praise."}
        )
        with freeze_time("2025-03-11 12:00:00"):
            mine.action_submit()
        with self.assertRaisesRegex(AccessError, "Only the supervisor of"):
            mine.action_sign_off()
        self.assertEqual(mine.state, "submitted")

    def test_report_cannot_skip_the_review(self):
        report = self._report()
        with self.assertRaisesRegex(UserError, "cannot go from Draft to Signed Off"):
            report.with_user(self.supervisor).write({"state": "reviewed"})

    def test_import_refused_and_accepted(self):
        """``load`` (import) meets the same table and guards."""
        callback = self._onsite_not_reached()
        Callback = self.env["service.callback"].with_user(self.agent)
        result = Callback.load([".id", "state"], [[str(callback.id), "done"]])
        self.assertFalse(result["ids"])
        self.assertIn(
            "did not reach the customer",
            " ".join(m["message"] for m in result["messages"]),
        )
        self.assertEqual(callback.state, "planned")
        result = Callback.load(
            [".id", "not_reached_reason", "state"],
            [[str(callback.id), "refused", "done"]],
        )
        self.assertEqual(result["ids"], callback.ids, result["messages"])
        self.assertEqual(callback.state, "done")
        # a record imported in a later step made the move, by its rules
        result = Callback.load(
            ["partner_id/.id", "method", "state"],
            [[str(self.customer.id), "onsite", "done"]],
        )
        self.assertFalse(result["ids"])
        result = self.Report.with_user(self.agent).load(
            [".id", "state"], [[str(self._report().id), "reviewed"]]
        )
        self.assertFalse(result["ids"])
        self.assertIn(
            "Draft to Signed Off", " ".join(m["message"] for m in result["messages"])
        )


@tagged("post_install", "-at_install")
class TestCallbackWorkflowRpc(WorkflowCase, HttpCase):
    """The moves as an external script makes them: ``write`` on ``/jsonrpc``."""

    def test_rpc_callback_done_needs_the_reason(self):
        callback = self._onsite_not_reached()
        trail = self._trail(callback)
        error = self._jsonrpc_write(self.agent, callback, {"state": "done"})
        self.assertEqual(error["data"]["name"], "odoo.exceptions.UserError")
        self.assertIn("did not reach the customer: say why", error["data"]["message"])
        self.assertEqual(callback.state, "planned")
        self.assertEqual(self._trail(callback), trail)
        error = self._jsonrpc_write(
            self.agent, callback, {"state": "done", "not_reached_reason": "absent"}
        )
        self.assertIsNone(error)
        self.assertEqual(callback.state, "done")
        self.assertTrue(callback.done_datetime)

    def test_rpc_agent_cannot_reset(self):
        callback = self._callback()
        callback.with_user(self.agent).action_done()
        error = self._jsonrpc_write(self.agent, callback, {"state": "planned"})
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertIn("Callback Supervisor", error["data"]["message"])
        self.assertEqual(callback.state, "done")
        self.assertIsNone(
            self._jsonrpc_write(self.supervisor, callback, {"state": "planned"})
        )
        self.assertEqual(callback.state, "planned")

    def test_rpc_late_report_accepted_and_not_self_reviewed(self):
        self._callback(due_datetime="2025-03-10 02:00:00")
        report = self._report()  # due with the supervisor on 13 March 2025
        self.assertIsNone(
            self._jsonrpc_write(self.agent, report, {"state": "submitted"})
        )
        self.assertEqual(report.state, "submitted")
        self.assertTrue(report.is_late)
        self.assertGreater(report.late_days, 0)
        error = self._jsonrpc_write(
            self.agent, report, {"state": "reviewed", "supervisor_comment": "Fine."}
        )
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertEqual(report.state, "submitted")
        self.assertFalse(report.supervisor_comment)
        self.assertIsNone(
            self._jsonrpc_write(
                self.supervisor,
                report,
                {"state": "reviewed", "supervisor_comment": "Late, but complete."},
            )
        )
        self.assertEqual(
            (report.state, report.reviewer_id), ("reviewed", self.supervisor)
        )
