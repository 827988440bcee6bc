# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from unittest.mock import patch

import psycopg2.errors

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestParallelPlanners(BaseCase):
    """Two planners in parallel transactions never duplicate a callback.

    Like Odoo's own concurrency tests, this uses real cursors of the registry:
    the fixtures are committed first and removed at the end; commit and
    rollback happen on these test cursors only."""

    @contextmanager
    def _env(self):
        # the registry is looked up by the test's thread (which holds the
        # registry lock), the cursors are opened by any thread
        with self.registry.cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self._env() as env:
            partner = env["res.partner"].create(
                {"name": "Parallel Planner Farm", "tz": "Asia/Shanghai"}
            )
            leads = env["crm.lead"].create(
                [
                    {
                        "name": f"Parallel enquiry {index}",
                        "partner_id": partner.id,
                        "lead_grade": "a",
                    }
                    for index in range(5)
                ]
            )
            # the planners, not the events, shall plan these leads
            env["service.callback"].search(
                [("res_model", "=", "crm.lead"), ("res_id", "in", leads.ids)]
            ).unlink()
            self.partner_id, self.lead_ids = partner.id, leads.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self._env() as env:
            env["service.callback"].search(
                [("res_model", "=", "crm.lead"), ("res_id", "in", self.lead_ids)]
            ).unlink()
            env["crm.lead"].browse(self.lead_ids).unlink()
            env["res.partner"].browse(self.partner_id).unlink()

    def _plan(self, env):
        rule = env.ref("service_callback.service_callback_rule_lead_a")
        return rule._plan_callbacks(res_ids=self.lead_ids)

    def _count(self):
        with self._env() as env:
            return env["service.callback"].search_count(
                [("res_model", "=", "crm.lead"), ("res_id", "in", self.lead_ids)]
            )

    def _plan_while(self, env, during_insert):
        """Plan in ``env``; ``during_insert`` runs after this planner has read
        the anchors and their callbacks, just before it inserts (the moment
        another worker may commit or roll back the same callbacks)."""
        Rule = type(env["service.callback.rule"])
        original = Rule._insert_callbacks

        def insert(rule, values, context):
            during_insert()
            return original(rule, values, context)

        with patch.object(Rule, "_insert_callbacks", insert):
            return self._plan(env)

    def test_two_planners_at_once(self):
        with self._env() as env1, self._env() as env2:
            env2.cr.execute("SELECT 1")  # the second planner's transaction begins
            first = self._plan(env1)
            self.assertTrue(first)
            # both planners found the same callbacks missing; the first commits
            # while the second is about to insert them
            second = self._plan_while(env2, env1.cr.commit)
            self.assertFalse(second)
            env2.cr.commit()
        self.assertEqual(self._count(), len(first))
        # and once more, one after the other: nothing new
        with self._env() as env:
            self.assertFalse(self._plan(env))
        self.assertEqual(self._count(), len(first))

    def test_second_planner_waits_for_the_first(self):
        with self._env() as env1, self._env() as env2:
            first = self._plan(env1)
            # the first has not committed: the second cannot insert the same
            # callbacks beside it, it has to wait for the first transaction
            env2.cr.execute("SET LOCAL lock_timeout = '200ms'")
            with (
                self.assertRaises(psycopg2.errors.LockNotAvailable),
                mute_logger("odoo.sql_db"),
            ):
                self._plan(env2)
            env2.cr.rollback()
            env1.cr.commit()
        self.assertEqual(self._count(), len(first))

    def test_second_planner_takes_over_after_a_rollback(self):
        with self._env() as env1, self._env() as env2:
            planned = self._plan(env1)
            second = self._plan_while(env2, env1.cr.rollback)
            env2.cr.commit()
        self.assertEqual(len(second), len(planned))
        self.assertEqual(self._count(), len(planned))
