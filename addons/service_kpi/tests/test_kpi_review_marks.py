# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A commendation or criticism on a signed-off callback report proposes a
reward or a fine (fines approved by the president's office) and moves the
monthly appraisal and the annual rating."""

from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import KpiCase, dt


@tagged("post_install", "-at_install")
class TestKpiReviewMarks(KpiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent_a_user.groups_id = [
            Command.link(cls.env.ref("service_callback.group_callback_agent").id)
        ]
        cls.supervisor_user.groups_id = [
            Command.link(cls.env.ref("service_callback.group_callback_supervisor").id)
        ]
        cls.president = new_test_user(
            cls.env, "kpi_president", groups="service_kpi.group_kpi_president_office"
        )
        cls.template = cls.env["service.kpi.template"].create(
            {"name": "Hotline agents", "department_id": cls.department.id}
        )

    def _signed_off_report(self, day, mark):
        """The agent reports the day's callback, the supervisor signs it off
        with ``mark``."""
        self._callback(
            self.agent_a_user,
            dt(2026, 3, day, 4),
            "done",
            reached=True,
            rating="satisfied",
        )
        with freeze_time(dt(2026, 3, day + 1, 2)):
            report = (
                self.env["service.callback.report"]
                .with_user(self.agent_a_user)
                .create({"report_date": date(2026, 3, day)})
            )
            report.action_submit()
            review = report.with_user(self.supervisor_user)
            review.write({"supervisor_comment": "Seen.", "review_mark": mark})
            review.action_sign_off()
        return report

    def test_criticism_proposes_a_fine_approved_by_the_presidents_office(self):
        report = self._signed_off_report(9, "criticism")
        fine = report.sudo().kpi_entry_ids
        self.assertEqual(fine.kind, "callback_criticism")
        self.assertEqual(fine.employee_id, self.agent_a)
        self.assertEqual(fine.amount, 100.0)
        self.assertEqual(fine.signed_amount, -100.0)
        self.assertEqual(fine.state, "draft")
        self.assertEqual(fine.date, date(2026, 3, 10))
        self.assertIn(report.display_name, fine.detection_reason)
        # worded for its reader
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["service_kpi"], ["zh_CN"], overwrite=True
        )
        chinese = fine.with_context(lang="zh_CN").detection_reason
        self.assertIn("受到", chinese)
        self.assertIn(report.display_name, chinese)
        # a KPI manager may not approve it, the president's office may
        with self.assertRaises(UserError):
            fine.with_user(self.kpi_manager).action_approve()
        self.assertEqual(fine.state, "draft")
        fine.with_user(self.president).action_approve()
        self.assertEqual(fine.state, "approved")
        self.assertEqual(fine.approved_by_id, self.president)
        # signed off once: one entry
        report.sudo()._propose_review_entries()
        self.assertEqual(len(report.sudo().kpi_entry_ids), 1)

    def test_commendation_is_a_reward_a_kpi_manager_approves(self):
        report = self._signed_off_report(9, "commendation")
        reward = report.sudo().kpi_entry_ids
        self.assertEqual(reward.kind, "callback_commendation")
        self.assertTrue(reward.is_reward)
        self.assertEqual(reward.signed_amount, 100.0)
        reward.with_user(self.kpi_manager).action_approve()
        self.assertEqual(reward.state, "approved")

    def test_report_without_mark_proposes_nothing(self):
        report = self._signed_off_report(9, False)
        self.assertFalse(report.sudo().kpi_entry_ids)

    def test_marks_move_the_monthly_and_annual_appraisal(self):
        self.company.write(
            {"kpi_commendation_points": 2.0, "kpi_criticism_points": 5.0}
        )
        self._signed_off_report(9, "commendation")
        self._signed_off_report(11, "commendation")
        criticized = self._signed_off_report(16, "criticism")
        # the clerk archives the signed-off report: it still counts
        criticized.with_user(self.agent_a_user).action_archive_reviewed()
        self.assertTrue(criticized.is_archived)
        Appraisal = self.env["service.kpi.appraisal"]
        month = Appraisal._generate(self.template, "month", date(2026, 3, 1))
        month_a = month.filtered(lambda a: a.employee_id == self.agent_a)
        self.assertEqual((month_a.commendation_count, month_a.criticism_count), (2, 1))
        self.assertEqual(month_a.review_adjustment, -1.0)
        month_b = month.filtered(lambda a: a.employee_id == self.agent_b)
        self.assertEqual(month_b.review_adjustment, 0.0)
        month_a.sudo().write({"self_score": 80.0, "supervisor_score": 80.0})
        with_marks = month_a.final_score
        month_a.sudo().review_adjustment = 0.0
        self.assertAlmostEqual(with_marks, month_a.final_score - 1.0, places=2)
        year = Appraisal._generate(self.template, "year", date(2026, 6, 1))
        year_a = year.filtered(lambda a: a.employee_id == self.agent_a)
        self.assertEqual((year_a.commendation_count, year_a.criticism_count), (2, 1))
        # April has none
        april = Appraisal._generate(self.template, "month", date(2026, 4, 1))
        april_a = april.filtered(lambda a: a.employee_id == self.agent_a)
        self.assertEqual(april_a.commendation_count, 0)
