# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestServiceCallback(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        group = "service_callback.group_callback_agent"
        cls.agent = new_test_user(cls.env, "cb_agent", groups=group)
        cls.other_agent = new_test_user(cls.env, "cb_agent2", groups=group)
        cls.supervisor = new_test_user(
            cls.env,
            "cb_supervisor",
            groups="service_callback.group_callback_supervisor",
        )
        cls.customer = cls.env["res.partner"].create({"name": "Li Farm Cooperative"})
        Callback = cls.env["service.callback"]
        cls.mine = Callback.create(
            {"partner_id": cls.customer.id, "user_id": cls.agent.id}
        )
        cls.theirs = Callback.create(
            {"partner_id": cls.customer.id, "user_id": cls.other_agent.id}
        )

    def test_reference_from_sequence(self):
        self.assertTrue(self.mine.name.startswith("CB/"))
        self.assertNotEqual(self.mine.name, self.theirs.name)

    def test_agent_sees_own_callbacks_only(self):
        visible = self.env["service.callback"].with_user(self.agent).search([])
        self.assertIn(self.mine, visible)
        self.assertNotIn(self.theirs, visible)
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.agent).read(["partner_id"])

    def test_supervisor_sees_all(self):
        visible = self.env["service.callback"].with_user(self.supervisor).search([])
        self.assertIn(self.mine, visible)
        self.assertIn(self.theirs, visible)

    def test_agent_cannot_delete(self):
        with self.assertRaises(AccessError):
            self.mine.with_user(self.agent).unlink()

    def test_reached_callback_needs_rating(self):
        callback = self.mine.with_user(self.agent)
        callback.reached = True
        with self.assertRaisesRegex(UserError, "record their rating"):
            callback.action_done()
        self.assertEqual(callback.state, "planned")
        callback.write({"rating": "satisfied", "score": 5})
        callback.action_done()
        self.assertEqual(callback.state, "done")
        self.assertTrue(callback.done_datetime)
        with self.assertRaisesRegex(UserError, "not planned any more"):
            callback.action_done()

    def test_score_out_of_range_rejected(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.mine.write({"score": 6})
                self.mine.flush_recordset()
