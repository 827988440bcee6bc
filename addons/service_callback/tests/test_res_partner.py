# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CallbackCase


@tagged("post_install", "-at_install")
class TestPartnerCallbacks(CallbackCase):
    def test_callback_history_on_partner(self):
        contact = self.env["res.partner"].create(
            {"name": "Li Wei", "parent_id": self.customer.id}
        )
        self._callback()
        self._callback(partner_id=contact.id)
        self._callback(user_id=self.other_agent.id)
        self.assertEqual(self.customer.with_user(self.supervisor).callback_count, 3)
        # agents count the callbacks they can see
        self.assertEqual(self.customer.with_user(self.agent).callback_count, 2)
        action = self.customer.action_view_callbacks()
        self.assertEqual(
            action["domain"], [("partner_id", "child_of", self.customer.id)]
        )

    def test_confidential_notes_for_supervisors_only(self):
        self.customer.callback_confidential_notes = "VIP"
        self.assertEqual(
            self.customer.with_user(self.supervisor).callback_confidential_notes, "VIP"
        )
        with self.assertRaises(AccessError):
            self.customer.with_user(self.agent).read(["callback_confidential_notes"])
