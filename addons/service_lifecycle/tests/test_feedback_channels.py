# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import ServiceDeskCase


@tagged("post_install", "-at_install")
class TestFeedbackChannels(ServiceDeskCase):
    """Every feedback channel is tested at its interval by its tester, a
    phone agent; a failed test shows the channel as failing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Asia/Shanghai"
        Channel = cls.env["service.feedback.channel"]
        cls.hotline = Channel.create(
            {
                "name": "400 Hotline",
                "kind": "phone",
                "address": "400-800-6688",
                "user_id": cls.agent.id,
                "manager_id": cls.manager.id,
                "interval_days": 7,
                "next_check_date": date(2026, 3, 10),
            }
        )
        cls.fax = Channel.create(
            {
                "name": "Fax",
                "kind": "fax",
                "address": "0531-8888 6688",
                "user_id": cls.agent.id,
                "manager_id": cls.manager.id,
                "interval_days": 30,
                "next_check_date": date(2026, 3, 11),
            }
        )
        cls.Check = cls.env["service.feedback.channel.check"]

    @freeze_time("2026-03-09 17:00:00")  # 10 March 01:00 in Shanghai
    def test_cron_plans_the_due_tests_once(self):
        self.env["service.feedback.channel"]._cron_plan_checks()
        checks = self.Check.search(
            [("channel_id", "in", (self.hotline | self.fax).ids)]
        )
        self.assertEqual(checks.channel_id, self.hotline)
        self.assertEqual(checks.user_id, self.agent)
        self.assertEqual(checks.date_planned, date(2026, 3, 10))
        self.assertEqual(
            checks.activity_ids.activity_type_id,
            self.env.ref("service_lifecycle.mail_activity_type_channel_check"),
        )
        self.assertEqual(checks.activity_ids.user_id, self.agent)
        # a second run plans nothing while the test waits
        self.env["service.feedback.channel"]._cron_plan_checks()
        self.assertEqual(
            self.Check.search_count([("channel_id", "=", self.hotline.id)]), 1
        )

    @freeze_time("2026-03-10 02:00:00")
    def test_agent_records_a_working_channel(self):
        check = self.hotline._plan_check().with_user(self.agent)
        check.note = "Called at 10:00: greeting played, answered at the second ring."
        check.action_passed()
        self.assertEqual(check.state, "passed")
        self.assertEqual(check.date_done, date(2026, 3, 10))
        self.assertFalse(check.activity_ids)
        self.assertEqual(self.hotline.status, "working")
        self.assertEqual(self.hotline.last_check_date, date(2026, 3, 10))
        self.assertEqual(self.hotline.next_check_date, date(2026, 3, 17))

    @freeze_time("2026-03-11 02:00:00")
    def test_failed_test_shows_the_channel_failing(self):
        check = self.fax._plan_check().with_user(self.agent)
        with self.assertRaisesRegex(UserError, "Say what failed"):
            check.action_failed()
        self.assertEqual(check.state, "planned")
        check.note = "Sent a test page: no answer tone, line dead."
        check.action_failed()
        self.assertEqual(self.fax.status, "failing")
        failing = (
            self.env["service.feedback.channel"]
            .with_user(self.agent)
            .search([("status", "=", "failing")])
        )
        self.assertEqual(failing, self.fax)
        self.assertEqual(
            check.activity_ids.activity_type_id,
            self.env.ref("service_lifecycle.mail_activity_type_channel_failing"),
        )
        self.assertEqual(check.activity_ids.user_id, self.manager)
        # the next test that passes makes it work again
        retest = self.fax._plan_check().with_user(self.agent)
        retest.action_passed()
        self.assertEqual(self.fax.status, "working")

    @freeze_time("2026-03-11 02:00:00")
    def test_failure_written_without_the_button_tells_the_manager(self):
        # a list edit or a JSON-RPC write of the whole result: same follow-up
        check = self.fax._plan_check().with_user(self.agent)
        check.write(
            {"state": "failed", "date_done": date(2026, 3, 11), "note": "Line dead."}
        )
        self.assertEqual(
            check.activity_ids.activity_type_id,
            self.env.ref("service_lifecycle.mail_activity_type_channel_failing"),
        )
        self.assertEqual(check.activity_ids.user_id, self.manager)

    def test_results_are_the_testers_moves(self):
        check = self.hotline._plan_check()
        # the result is recorded with its button, never written alone
        with self.assertRaises(UserError):
            check.with_user(self.agent).write({"state": "passed"})
        check.with_user(self.agent).action_passed()
        # setting a result back is a manager's move
        with self.assertRaises(UserError):
            check.with_user(self.agent).action_reset()
        check.with_user(self.manager).action_reset()
        self.assertEqual(check.state, "planned")

    def test_agents_do_not_configure_channels(self):
        Channel = self.env["service.feedback.channel"].with_user(self.agent)
        self.assertEqual(Channel.search([]), self.hotline | self.fax)
        with self.assertRaises(AccessError):
            Channel.create({"name": "WeChat", "kind": "online", "address": "kaituo"})
        with self.assertRaises(AccessError):
            self.hotline.with_user(self.agent).interval_days = 1
        # but an agent may test a channel now
        self.hotline.with_user(self.agent).action_plan_check()
        self.assertEqual(self.hotline.check_ids.state, "planned")
