# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import CallbackCase


@tagged("post_install", "-at_install")
class TestCallbackTour(CallbackCase, HttpCase):
    """An on-site callback recorded in the browser (headless Chromium)."""

    def test_signed_dissatisfied_callback_becomes_complaint(self):
        callback = self.env["service.callback"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.agent.id,
                "method": "onsite",
            }
        )
        self.start_tour(
            f"/odoo/callbacks/{callback.id}",
            "service_callback_onsite_complaint_tour",
            login=self.agent.login,
        )
        self.assertEqual(callback.state, "done")
        self.assertTrue(callback.reached)
        self.assertEqual(callback.rating, "dissatisfied")
        self.assertEqual(callback.signed_by, "Zhang San")
        self.assertTrue(callback.signature)
        self.assertIn("smokes", callback.customer_feedback)
        complaint = callback.complaint_ticket_id.sudo()
        self.assertEqual(complaint.request_type, "complaint")
        self.assertEqual(complaint.partner_id, self.customer)
