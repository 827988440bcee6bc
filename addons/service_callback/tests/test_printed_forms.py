# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The printed forms of the callback programme carry the company header on
paper: the callback record signed by the customer, the daily callback report
and the monthly callback statistics."""

from odoo.addons.service_lifecycle.tests.common import PrintedFormMixin
from odoo.tests import HttpCase, tagged

from .common import CallbackCase, signature_png


@tagged("post_install", "-at_install")
class TestCallbackPrintedForms(PrintedFormMixin, CallbackCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._set_printed_company()
        cls.visit = cls._callback(
            method="onsite",
            due_datetime="2025-03-10 02:00:00",
            reached=True,
            rating="satisfied",
            signature=signature_png(),
            signed_by="张国庆",
        )
        cls.visit.action_done()

    def test_callback_record_with_signature(self):
        text = self.assertPdfHasCompanyHeader(
            "service_callback.service_callback_action_report_record", self.visit
        )
        self.assertIn("张国庆", text)

    def test_callback_report_and_monthly_statistics(self):
        report = (
            self.env["service.callback.report"]
            .with_user(self.agent)
            .create({"report_date": "2025-03-10", "summary": "<p>All fine.</p>"})
        )
        self.assertPdfHasCompanyHeader(
            "service_callback.service_callback_report_action_report", report
        )
        rows = self.env["service.callback.monthly.report"].search(
            [("user_id", "=", self.agent.id)]
        )
        self.assertTrue(rows)
        self.assertPdfHasCompanyHeader(
            "service_callback.service_callback_monthly_report_action_report", rows
        )

    def test_callback_report_printed_with_its_late_mark(self):
        """A report accepted past its deadline prints its late mark, in the
        language of whoever prints it."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["service_callback"], ["zh_CN"], overwrite=True
        )
        report = (
            self.env["service.callback.report"]
            .with_user(self.agent)
            .create({"report_date": "2025-03-10", "summary": "<p>All fine.</p>"})
        )
        action = "service_callback.service_callback_report_action_report"

        def printed(lang):
            html, __ = (
                self.env["ir.actions.report"]
                .with_context(lang=lang)
                ._render_qweb_html(action, report.ids)
            )
            return html.decode()

        self.assertNotIn("days past the deadline", printed("en_US"))
        # day 3 ended on the 13th: first submitted on the 14th, 1 day late
        report.sudo().first_submitted_on = "2025-03-14 12:00:00"
        self.assertEqual((report.is_late, report.late_days), (True, 1))
        english = printed("en_US")
        self.assertRegex(
            english, r"Submitted late, days past the deadline:\s*<span>1</span>"
        )
        chinese = printed("zh_CN")
        self.assertRegex(chinese, r"逾期提交，逾期天数：\s*<span>1</span>")  # noqa: RUF001
        self.assertNotIn("days past the deadline", chinese)
