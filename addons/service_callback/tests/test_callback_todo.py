# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import freeze_time, tagged

from .common import PlannerCase


@tagged("post_install", "-at_install")
class TestCallbacksReachTheirPeople(PlannerCase):
    """A rule assigns a callback to a salesperson outside the callback
    department: the salesperson sees it in the Callbacks menu and gets a to-do
    on its due day, closed when the callback is made."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Asia/Shanghai"

    def _todo(self, callback):
        return callback.sudo().activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("service_callback.mail_activity_type_callback")
            )
        )

    def test_salesperson_assigned_by_a_rule(self):
        installation = self._rule("installation")
        with freeze_time("2025-01-31 09:00:00"):
            order = self._order(self.regular)
            order.write({"acceptance_date": date(2025, 1, 31)})
        callback = self._callbacks(installation, order)
        self.assertEqual(callback.user_id, self.salesperson)
        self.assertFalse(
            self.salesperson.has_group("service_callback.group_callback_agent")
        )
        # the salesperson sees the callback and the menu
        mine = self.Callback.with_user(self.salesperson).search([])
        self.assertEqual(mine, callback)
        menu = self.env.ref("service_callback.service_callback_menu_callbacks")
        visible = self.env["ir.ui.menu"].with_user(self.salesperson)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        self.assertNotIn(
            self.env.ref("service_callback.service_callback_menu_reporting").id,
            visible,
        )
        # on the due day (28 February, 10:00 Shanghai) the to-do comes
        with freeze_time("2025-02-27 12:00:00"):
            self.Callback._cron_schedule_todos()
        self.assertFalse(self._todo(callback))
        with freeze_time("2025-02-27 17:00:00"):  # 28 February, 01:00 Shanghai
            self.Callback._cron_schedule_todos()
            self.Callback._cron_schedule_todos()
        todo = self._todo(callback)
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.salesperson)
        self.assertEqual(todo.date_deadline, date(2025, 2, 28))
        # the salesperson makes the callback: the to-do goes, and the chatter
        # keeps the move to Done (one message, not a second "to-do done")
        callback.with_user(self.salesperson).write({"reached": True})
        callback.with_user(self.salesperson).action_done()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertEqual(callback.state, "done")
        self.assertFalse(self._todo(callback))
        messages = callback.sudo().message_ids
        self.assertFalse(
            messages.filtered(
                lambda m: (
                    m.mail_activity_type_id
                    == self.env.ref("service_callback.mail_activity_type_callback")
                )
            )
        )
        moves = messages.tracking_value_ids.filtered(
            lambda v: v.field_id.name == "state"
        )
        self.assertEqual(moves.mapped("new_value_char"), ["Done"])

    def test_todo_follows_assignment_and_cancellation(self):
        callback = self.Callback.create(
            {
                "partner_id": self.regular.id,
                "user_id": self.technician.id,
                "due_datetime": "2025-03-03 17:00:00",
            }
        )
        todo = self._todo(callback)
        self.assertEqual(todo.user_id, self.technician)
        # 4 March in Shanghai, the company's time zone
        self.assertEqual(todo.date_deadline, date(2025, 3, 4))
        self.assertIn(callback, self.Callback.with_user(self.technician).search([]))
        callback.user_id = self.salesperson
        self.assertEqual(self._todo(callback).user_id, self.salesperson)
        callback.action_cancel()
        self.assertFalse(self._todo(callback))
