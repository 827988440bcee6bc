# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The appraisal, penalty and spot-check workflows hold on every path: the
ORM (the buttons and any write), JSON-RPC ``write`` on ``/jsonrpc`` and import
(``load``), each move tried by the lowest-privileged user who may make it; and
a late callback report counts against its agent."""

from datetime import date, datetime

from odoo.addons.service_callback.tests.common import WorkflowPathsMixin
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, freeze_time, tagged

from .common import KpiCase


class KpiWorkflowCase(WorkflowPathsMixin, KpiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        template = cls.env["service.kpi.template"].create({"name": "Agents"})
        cls.appraisal = cls.env["service.kpi.appraisal"].create(
            {
                "employee_id": cls.agent_a.id,
                "template_id": template.id,
                "date_from": date(2026, 3, 1),
            }
        )
        cls.appraisal._activity_update()
        cls.Penalty = cls.env["service.kpi.penalty"]


@tagged("post_install", "-at_install")
class TestKpiWorkflow(KpiWorkflowCase):
    def test_appraisal_moves_each_by_its_role(self):
        as_agent = self.appraisal.with_user(self.agent_a_user)
        as_supervisor = self.appraisal.with_user(self.supervisor_user)
        as_manager = self.appraisal.with_user(self.kpi_manager)
        trail = self._trail(self.appraisal)
        with self.assertRaisesRegex(UserError, "Only Agent Li can submit"):
            as_supervisor.action_submit_self()
        self.assertEqual(self.appraisal.state, "draft")
        self.assertEqual(self._trail(self.appraisal), trail, "the to-do stays")
        as_agent.write({"self_score": 80.0, "state": "self_assessed"})  # status bar
        self.assertEqual(
            self.appraisal.activity_ids.user_id, self.supervisor_user, "to review"
        )
        with self.assertRaisesRegex(UserError, "Only the supervisor of Agent Li"):
            as_agent.action_review()
        trail = self._trail(self.appraisal)
        with self.assertRaisesRegex(UserError, "supervisor's comment"):
            as_supervisor.action_review()
        self.assertEqual(self.appraisal.state, "self_assessed")
        self.assertEqual(self._trail(self.appraisal), trail)
        as_supervisor.write({"supervisor_comment": "Steady.", "state": "reviewed"})
        with self.assertRaisesRegex(AccessError, "KPI Manager may move"):
            as_supervisor.action_approve()
        with self.assertRaisesRegex(UserError, "cannot go from Reviewed to Locked"):
            as_manager.action_lock()
        as_manager.action_approve()
        as_manager.action_lock()
        with self.assertRaisesRegex(UserError, "locked"):
            as_manager.action_reset_draft()
        self.assertEqual(self.appraisal.state, "locked")

    def test_penalty_approved_by_a_manager_only(self):
        entry = self.Penalty.with_user(self.supervisor_user).create(
            {"kind": "incomplete_file", "employee_id": self.agent_a.id}
        )
        trail = self._trail(entry)
        for vals in ({"state": "approved"}, {"state": "refused"}):
            with self.assertRaisesRegex(AccessError, "KPI Manager may move"):
                entry.write(vals)
        self.assertEqual(entry.state, "draft")
        self.assertEqual(self._trail(entry), trail)
        with self.assertRaisesRegex(UserError, "Only KPI managers"):
            entry.write({"approved_by_id": self.supervisor_user.id})
        as_manager = entry.with_user(self.kpi_manager)
        as_manager.write({"state": "approved"})
        self.assertEqual(entry.approved_by_id, self.kpi_manager)
        with self.assertRaisesRegex(UserError, "cannot go from Approved to Refused"):
            as_manager.write({"state": "refused"})
        as_manager.action_reset()
        self.assertEqual((entry.state, entry.approved_by_id.id), ("draft", False))

    def test_spot_check_done_by_a_manager(self):
        inspection = self.env["service.kpi.inspection"].create(
            {"name": "Call 400-1234", "employee_id": self.agent_a.id}
        )
        with self.assertRaises(AccessError):
            inspection.with_user(self.supervisor_user).action_done()
        self.assertEqual(inspection.state, "draft")
        inspection.with_user(self.kpi_manager).action_done()
        self.assertEqual(inspection.state, "done")
        inspection.with_user(self.kpi_manager).action_draft()
        self.assertEqual(inspection.state, "draft")

    def test_import_meets_the_tables(self):
        Appraisal = self.env["service.kpi.appraisal"]
        for user in (self.agent_a_user, self.kpi_manager):
            result = Appraisal.with_user(user).load(
                [".id", "state"], [[str(self.appraisal.id), "approved"]]
            )
            self.assertFalse(result["ids"])
            self.assertEqual(self.appraisal.state, "draft")
        self.assertIn(
            "Draft to Approved", " ".join(m["message"] for m in result["messages"])
        )
        result = self.Penalty.with_user(self.supervisor_user).load(
            ["kind", "employee_id/.id", "state"],
            [["reward", str(self.agent_a.id), "approved"]],
        )
        self.assertFalse(result["ids"])
        self.assertIn("KPI Manager", " ".join(m["message"] for m in result["messages"]))
        result = self.Penalty.with_user(self.kpi_manager).load(
            ["kind", "employee_id/.id", "state"],
            [["reward", str(self.agent_a.id), "approved"]],
        )
        self.assertEqual(len(result["ids"]), 1, result["messages"])
        entry = self.Penalty.browse(result["ids"])
        self.assertEqual(entry.approved_by_id, self.kpi_manager)

    def test_late_callback_report_counts_against_its_agent(self):
        Report = self.env["service.callback.report"]
        for day in (2, 3):
            self._callback(self.agent_a_user, datetime(2026, 3, day, 2))
        on_time, late = Report.create(
            [
                {"user_id": self.agent_a_user.id, "report_date": date(2026, 3, day)}
                for day in (2, 3)
            ]
        )
        with freeze_time("2026-03-04 09:00:00"):
            on_time.action_submit()
        with freeze_time("2026-03-10 09:00:00"):
            late.action_submit()
        self.assertEqual((on_time.is_late, late.is_late), (False, True))
        figures = self.env["service.kpi.measure"]._measure_compute(
            "callback_report_on_time_rate",
            date(2026, 3, 1),
            date(2026, 3, 31),
            self.company,
        )
        self.assertEqual(figures, {self.agent_a_user.id: (1.0, 2.0)})
        indicator = self.env.ref(
            "service_kpi.service_kpi_indicator_callback_report_punctuality"
        )
        self.assertEqual(indicator.measure, "callback_report_on_time_rate")


@tagged("post_install", "-at_install")
class TestKpiWorkflowRpc(KpiWorkflowCase, HttpCase):
    """The moves as an external script makes them: ``write`` on ``/jsonrpc``."""

    def test_rpc_appraisal_and_penalty(self):
        error = self._jsonrpc_write(
            self.agent_a_user, self.appraisal, {"state": "reviewed"}
        )
        self.assertEqual(error["data"]["name"], "odoo.exceptions.UserError")
        self.assertIn("cannot go from Draft to Reviewed", error["data"]["message"])
        self.assertIsNone(
            self._jsonrpc_write(
                self.agent_a_user, self.appraisal, {"state": "self_assessed"}
            )
        )
        self.assertEqual(self.appraisal.state, "self_assessed")
        error = self._jsonrpc_write(
            self.agent_a_user,
            self.appraisal,
            {"state": "reviewed"},
        )
        self.assertIn("Only the supervisor of Agent Li", error["data"]["message"])
        self.assertEqual(self.appraisal.state, "self_assessed")
        entry = self.Penalty.create(
            {"kind": "falsified_file", "employee_id": self.agent_a.id}
        )
        error = self._jsonrpc_write(self.supervisor_user, entry, {"state": "approved"})
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertIn("KPI Manager", error["data"]["message"])
        self.assertEqual(entry.state, "draft")
        self.assertIsNone(
            self._jsonrpc_write(self.kpi_manager, entry, {"state": "approved"})
        )
        self.assertEqual(entry.approved_by_id, self.kpi_manager)
