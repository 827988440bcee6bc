# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io
from datetime import date

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, new_test_user, tagged

from ..wizard.service_kpi_payroll_export import COLUMNS
from .common import KpiCase, dt


@tagged("post_install", "-at_install")
class TestKpiPenalty(KpiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Penalty = cls.env["service.kpi.penalty"]
        stages = cls.env["helpdesk.ticket.stage"]
        cls.closed = stages.create({"name": "Closed", "closed": True})
        cls.open = stages.create({"name": "Open", "closed": False})
        a = cls.agent_a_user

        def complaint(created, closed, stage, **kw):
            return cls._ticket(
                a, created, closed, stage, request_type="complaint", **kw
            )

        def callback(ticket, done, reached=True):
            return cls._callback(
                a,
                done,
                "done",
                reached=reached,
                callback_type="complaint",
                res_model="helpdesk.ticket",
                res_id=ticket.id,
            )

        # Closed 5 days before "now" (20 March), no callback: missed.
        cls.missed = complaint(dt(2026, 3, 10, 8), dt(2026, 3, 15, 8), cls.closed)
        # Closed, answered by its callback two days later.
        cls.answered = complaint(dt(2026, 3, 10, 8), dt(2026, 3, 14, 8), cls.closed)
        callback(cls.answered, dt(2026, 3, 16, 8))
        # The callback did not reach the customer: missed.
        cls.unreached = complaint(dt(2026, 3, 10, 8), dt(2026, 3, 14, 8), cls.closed)
        callback(cls.unreached, dt(2026, 3, 15, 8), reached=False)
        # The callback came a day after the 3 days of grace: missed.
        cls.late = complaint(dt(2026, 3, 5, 8), dt(2026, 3, 10, 8), cls.closed)
        callback(cls.late, dt(2026, 3, 14, 8))
        # A callback to the same customer that follows up another task order.
        cls.other = complaint(dt(2026, 3, 9, 8), dt(2026, 3, 12, 8), cls.closed)
        callback(cls.answered, dt(2026, 3, 13, 8))
        # Closed yesterday: its callback may still come.
        cls.recent = complaint(dt(2026, 3, 18, 8), dt(2026, 3, 19, 8), cls.closed)
        # Not closed.
        cls.pending = complaint(dt(2026, 3, 1, 8), None, cls.open)
        # A repair closed without callback is no complaint.
        cls.repair = cls._ticket(a, dt(2026, 3, 10, 8), dt(2026, 3, 15, 8), cls.closed)
        cls.all_tickets = (
            cls.missed
            | cls.answered
            | cls.unreached
            | cls.late
            | cls.other
            | cls.recent
            | cls.pending
            | cls.repair
        )

    def _handed_over_complaint(self, callback_user=False):
        """Agent Li records a complaint and hands it over to Agent Chen; its
        callback is due on 16 March (Shanghai), assigned to
        ``callback_user``."""
        complaint = self._ticket(
            self.agent_a_user,
            dt(2026, 3, 10, 8),
            None,
            self.open,
            request_type="complaint",
        )
        complaint.with_context(
            complaint_handover=True
        ).complaint_owner_id = self.agent_b_user
        callback = self._callback(
            callback_user,
            dt(2026, 3, 16, 2),
            callback_type="complaint",
            res_model="helpdesk.ticket",
            res_id=complaint.id,
        )
        return complaint, callback

    def test_handed_over_complaint_never_called_back(self):
        """The complaint handed over to Agent Chen, its unassigned callback
        never made: on the day after the due day the daily job proposes one
        500 for Chen (the owner after the hand-over, not helpdesk's "Assigned
        To", Agent Li) and one 300 for Chen's department manager; again the
        next day, nothing more."""
        complaint, callback = self._handed_over_complaint()
        self.assertEqual(complaint.user_id, self.agent_a_user)
        with freeze_time("2026-03-16 12:00:00"):
            self.Penalty._cron_detect_missed_callbacks()
        self.assertFalse(self.Penalty.search([("ticket_id", "=", complaint.id)]))
        with freeze_time("2026-03-17 01:00:00"):
            self.Penalty._cron_detect_missed_callbacks()
        self.assertTrue(callback.is_overdue)
        entries = self.Penalty.search([("ticket_id", "=", complaint.id)])
        self.assertEqual(
            sorted((e.kind, e.employee_id, e.amount, e.date) for e in entries),
            [
                ("missed_callback", self.agent_b, 500.0, date(2026, 3, 16)),
                ("missed_callback_manager", self.head, 300.0, date(2026, 3, 16)),
            ],
        )
        with freeze_time("2026-03-18 01:00:00"):
            self.Penalty._cron_detect_missed_callbacks()
        self.assertEqual(
            self.Penalty.search([("ticket_id", "=", complaint.id)]), entries
        )

    def test_missed_from_the_local_midnight(self):
        """The due day ends at midnight in Shanghai (16:00 UTC): at 23:30
        there (15:30 UTC) the callback may still be made; at 00:30 on 17 March
        (still 16 March in UTC) it is missed, and fined on its local due day."""
        self.env.company.partner_id.tz = "Asia/Shanghai"
        complaint, callback = self._handed_over_complaint()
        with freeze_time("2026-03-16 15:30:00"):
            self.Penalty._cron_detect_missed_callbacks()
        self.assertFalse(callback.is_overdue)
        self.assertFalse(self.Penalty.search([("ticket_id", "=", complaint.id)]))
        with freeze_time("2026-03-16 16:30:00"):
            self.Penalty._cron_detect_missed_callbacks()
        self.assertTrue(callback.is_overdue)
        entries = self.Penalty.search([("ticket_id", "=", complaint.id)])
        self.assertEqual(set(entries.mapped("date")), {date(2026, 3, 16)})
        self.assertEqual(len(entries), 2)

    def test_missed_callback_without_employee_asks_kpi_manager(self):
        """The agent who owed the callback has no employee record: no fine
        is skipped silently, the KPI manager gets a to-do on the complaint,
        once."""
        stranger = new_test_user(self.env, "kpi_stranger", groups="base.group_user")
        complaint, _callback = self._handed_over_complaint(callback_user=stranger)
        with freeze_time("2026-03-17 01:00:00"):
            self.Penalty._cron_detect_missed_callbacks()
            self.Penalty._cron_detect_missed_callbacks()
        self.assertFalse(self.Penalty.search([("ticket_id", "=", complaint.id)]))
        todo = complaint.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("service_kpi.mail_activity_type_missing_employee")
            )
        )
        self.assertIn(self.kpi_manager, todo.user_id)
        self.assertEqual(len(todo), len(todo.user_id), "one to-do per KPI manager")
        self.assertIn(stranger.name, todo[0].note)

    @freeze_time("2026-03-20 12:00:00")
    def test_closed_complaints_have_no_second_path(self):
        """One rule: a complaint closed without its callback (forced in the
        database, the close gate refuses it) is fined only through its
        overdue callback; without a callback left overdue, nothing."""
        self.Penalty._cron_detect_missed_callbacks()
        self.assertFalse(
            self.Penalty.search([("ticket_id", "in", self.all_tickets.ids)])
        )

    def test_only_the_complaint_callback_answers_a_complaint(self):
        """A routine call that reached the customer is not the complaint's
        callback: the complaint's overdue callback is still fined."""
        complaint, _callback = self._handed_over_complaint(
            callback_user=self.agent_a_user
        )
        self._callback(
            self.agent_a_user,
            dt(2026, 3, 15, 8),
            "done",
            reached=True,
            callback_type="routine",
            res_model="helpdesk.ticket",
            res_id=complaint.id,
        )
        with freeze_time("2026-03-17 01:00:00"):
            self.Penalty._cron_detect_missed_callbacks()
        entries = self.Penalty.search([("ticket_id", "=", complaint.id)])
        self.assertEqual(
            sorted(entries.mapped("employee_id.name")), ["Agent Li", "Head Wang"]
        )

    @freeze_time("2026-03-20 12:00:00")
    def test_detect_overdue_complaint_callback(self):
        """A post-complaint callback not made by the end of its due day is
        fined, once, against its agent and the agent's department manager."""
        complaint = self.pending
        owed_none = self._ticket(
            self.agent_a_user, dt(2026, 3, 1, 8), None, self.open,
            request_type="complaint", complaint_anonymous=True,
        )  # fmt: skip
        called_back = self._ticket(
            self.agent_b_user, dt(2026, 3, 1, 8), None, self.open,
            request_type="complaint",
        )  # fmt: skip
        due_today = self._ticket(
            self.agent_b_user, dt(2026, 3, 1, 8), None, self.open,
            request_type="complaint",
        )  # fmt: skip

        def complaint_callback(ticket, user, due, state="planned", **vals):
            return self._callback(
                user,
                due,
                state,
                callback_type="complaint",
                res_model="helpdesk.ticket",
                res_id=ticket.id,
                **vals,
            )

        b = self.agent_b_user
        missed = complaint_callback(complaint, b, dt(2026, 3, 16, 2))
        callbacks = (
            missed
            | complaint_callback(owed_none, b, dt(2026, 3, 16, 2))
            | complaint_callback(called_back, b, dt(2026, 3, 16, 2))
            | complaint_callback(
                called_back, b, dt(2026, 3, 17, 2), "done", reached=True
            )
            | complaint_callback(due_today, b, dt(2026, 3, 20, 2))
        )
        self.env["service.callback"]._cron_flag_overdue()
        self.assertEqual(
            self.Penalty._overdue_complaint_callbacks() & callbacks, missed
        )
        entries = self.Penalty._detect_overdue_complaint_callbacks()
        self.assertEqual(
            sorted((e.kind, e.employee_id.name, e.amount, e.date) for e in entries),
            [
                ("missed_callback", "Agent Chen", 500.0, date(2026, 3, 16)),
                ("missed_callback_manager", "Head Wang", 300.0, date(2026, 3, 16)),
            ],
        )
        self.assertEqual(entries.ticket_id, complaint)
        self.assertEqual(set(entries.mapped("source")), {"auto"})
        # the reason is a code and its records, worded for the reader
        self.assertEqual(set(entries.mapped("detection")), {"callback_overdue"})
        self.assertEqual(entries.callback_id, missed)
        self.assertFalse(entries[0].description)
        self.assertIn(missed.name, entries[0].detection_reason)
        self.env["res.lang"]._activate_lang("zh_CN")
        english = entries[0].with_context(lang="en_US").detection_reason
        chinese = entries[0].with_context(lang="zh_CN").detection_reason
        self.assertIn("was not made", english)
        self.assertIn(missed.name, chinese)
        self.assertNotIn("was not made", chinese)
        self.assertFalse(
            self.Penalty._detect_overdue_complaint_callbacks(), "detected once"
        )

    def test_manual_entry_needs_manager_approval(self):
        entry = self.Penalty.with_user(self.supervisor_user).create(
            {"kind": "incomplete_file", "employee_id": self.agent_a.id}
        )
        self.assertEqual(
            (entry.amount, entry.charged_to, entry.department_id),
            (1000.0, "department", self.department),
        )
        self.assertEqual(entry.signed_amount, -1000.0)
        self.assertTrue(entry.name.startswith("PR/"))
        with self.assertRaisesRegex(UserError, "Only .*KPI Manager may move"):
            entry.action_approve()
        with self.assertRaisesRegex(UserError, "Only .*KPI Manager may move"):
            entry.state = "approved"
        entry.with_user(self.kpi_manager).action_approve()
        self.assertEqual(entry.state, "approved")
        self.assertEqual(entry.approved_by_id, self.kpi_manager)
        with self.assertRaisesRegex(UserError, "approved entry cannot be changed"):
            entry.with_user(self.kpi_manager).amount = 10.0
        with self.assertRaises(UserError):
            entry.with_user(self.kpi_manager).unlink()
        falsified = self.Penalty.create(
            {"kind": "falsified_callback", "employee_id": self.agent_b.id}
        )
        self.assertTrue(falsified.dismissal)

    def test_employees_see_their_own_entries(self):
        mine = self.Penalty.create(
            {"kind": "falsified_file", "employee_id": self.agent_a.id}
        )
        theirs = self.Penalty.create(
            {"kind": "falsified_file", "employee_id": self.agent_b.id}
        )
        visible = self.Penalty.with_user(self.agent_a_user).search([])
        self.assertIn(mine, visible)
        self.assertNotIn(theirs, visible)
        with self.assertRaises(AccessError):
            mine.with_user(self.agent_a_user).unlink()


@tagged("post_install", "-at_install")
class TestKpiPayrollExport(KpiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"kpi_quality_bonus": 800.0, "kpi_bonus_cut_percent": 40.0})
        cls.agent_a.barcode = "0001"
        template = cls.env["service.kpi.template"].create({"name": "Agents"})
        Appraisal = cls.env["service.kpi.appraisal"]
        cls.bonus, cls.cut, cls.draft = Appraisal.create(
            [
                {
                    "employee_id": employee.id,
                    "template_id": template.id,
                    "date_from": date(2026, 3, 9),
                }
                for employee in (cls.agent_a, cls.agent_b, cls.supervisor)
            ]
        )
        cls.bonus.write(
            {
                "self_score": 95,
                "supervisor_score": 95,
                "supervisor_comment": "Excellent month.",
                "customer_score": 95,
                "customer_rated_count": 4,
            }
        )
        cls.cut.write(
            {
                "self_score": 60,
                "supervisor_score": 60,
                "supervisor_comment": "Below target.",
                "customer_score": 60,
                "customer_rated_count": 4,
            }
        )
        for appraisal in cls.bonus | cls.cut:  # through the workflow
            appraisal.action_submit_self()
            appraisal.action_review()
            appraisal.action_approve()
        cls.cut.action_lock()
        cls.penalty = cls.env["service.kpi.penalty"].create(
            {
                "kind": "missed_callback",
                "employee_id": cls.agent_a.id,
                "date": date(2026, 3, 20),
            }
        )
        cls.penalty.action_approve()
        cls.env["service.kpi.penalty"].create(  # not approved: not exported
            {
                "kind": "serious_file",
                "employee_id": cls.agent_b.id,
                "date": date(2026, 3, 21),
            }
        )
        cls.wizard = (
            cls.env["service.kpi.payroll.export"]
            .with_user(cls.kpi_manager)
            .create({"date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)})
        )

    def _expected_rows(self):
        return [
            ["Agent Chen", "", "Hotline", "2026-03", "appraisal",
             "Criticism and Bonus Cut", "criticism", "60.0", "0.0", "40.0",
             self.cut.name],
            ["Agent Li", "0001", "Hotline", "2026-03", "appraisal", "Quality Bonus",
             "bonus", "95.0", "800.0", "0.0", self.bonus.name],
            ["Agent Li", "0001", "Hotline", "2026-03", "penalty",
             "Missed Post-Complaint Callback", "", "", "-500.0", "",
             self.penalty.name],
        ]  # fmt: skip

    def test_csv_columns_and_rows(self):
        self.wizard.file_format = "csv"
        action = self.wizard.action_export()
        self.assertIn("download=true", action["url"])
        content = base64.b64decode(self.wizard.data).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(content)))
        self.assertEqual(
            rows[0],
            [
                "employee",
                "employee_code",
                "department",
                "period",
                "entry_type",
                "reason",
                "tier",
                "score",
                "amount",
                "bonus_cut_percent",
                "reference",
            ],
        )
        self.assertEqual(rows[1:], self._expected_rows())
        self.assertTrue(self.wizard.filename.endswith(".csv"))

    def test_xlsx_columns_and_rows(self):
        self.wizard.file_format = "xlsx"
        self.wizard.action_export()
        workbook = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(self.wizard.data))
        )
        sheet = workbook.active
        rows = [
            ["" if cell is None else str(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        self.assertEqual(rows[0], COLUMNS)
        self.assertEqual(len(rows), 4)
        self.assertEqual(rows[3][8], "-500")
        self.assertEqual(rows[2][:7], self._expected_rows()[1][:7])

    def test_only_kpi_managers_export(self):
        with self.assertRaises(AccessError):
            self.env["service.kpi.payroll.export"].with_user(
                self.supervisor_user
            ).create({})
