# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import HttpCase, tagged

from .common import KpiCase


@tagged("post_install", "-at_install")
class TestAppraisalTour(KpiCase, HttpCase):
    """The employee's self-assessment and the supervisor's review in the browser
    (headless Chromium), each as the user who does it."""

    def test_self_assessment_then_supervisor_review(self):
        template = self.env["service.kpi.template"].create(
            {"name": "Hotline agents", "department_id": self.department.id}
        )
        appraisal = (
            self.env["service.kpi.appraisal"]
            ._generate(template, "month", date(2026, 3, 17))
            .filtered(lambda a: a.employee_id == self.agent_a)
        )
        self.assertEqual(appraisal.state, "draft")
        url = f"/odoo/service-appraisals/{appraisal.id}"

        self.start_tour(
            url, "service_kpi_self_assessment_tour", login=self.agent_a_user.login
        )
        self.assertEqual(appraisal.state, "self_assessed")
        self.assertEqual(appraisal.self_score, 85.0)
        self.assertIn("three rings", appraisal.self_comment)

        self.start_tour(
            url, "service_kpi_supervisor_review_tour", login=self.supervisor_user.login
        )
        self.assertEqual(appraisal.state, "reviewed")
        self.assertEqual(appraisal.supervisor_score, 78.0)
        self.assertEqual(appraisal.supervisor_comment, "Good calls, slow reports")
        self.assertEqual(appraisal.self_score, 85.0, "the employee's part is kept")
