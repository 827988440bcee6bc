# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The printed appraisal report carries the company header on paper."""

from odoo.addons.service_lifecycle.tests.common import PrintedFormMixin
from odoo.tests import HttpCase, tagged

from .test_kpi_appraisal import AppraisalCase


@tagged("post_install", "-at_install")
class TestAppraisalPrintedForm(PrintedFormMixin, AppraisalCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._set_printed_company()

    def test_appraisal_report(self):
        self.assertPdfHasCompanyHeader(
            "service_kpi.service_kpi_appraisal_report", self.appraisal_a
        )
