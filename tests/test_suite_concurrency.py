# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Work done twice at once in parallel transactions, on real PostgreSQL, is
done once:

- two escalation runs (``helpdesk.ticket._cron_check_sla``) give the same
  result as one: the run that loses the race cannot lock the task orders the
  other one alerted since it began (``FOR NO KEY UPDATE SKIP LOCKED``, and
  rows written since its snapshot are left out), alerts nothing and fails
  nothing; the same with the cron running on two nodes at once in small
  batches: each task order is alerted exactly once;
- two agents recording the same dissatisfied callback at once open one
  complaint, not two: the second request fails to serialize, is retried, and
  the retry is refused with a user error (the callback is done).

The runs need their own committed data: the tests open cursors of their own
on the registry, commit only those, and remove what they committed in their
cleanup. The data carry a name of their own (``TAG``) and dates far from those
other tests measure, so nothing another class counts can see them even while
they exist."""

import threading
import time
import uuid
from functools import partial

from odoo import api
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

# Monday 2 June 2025, 09:00 in Shanghai: every deadline is long past.
RECEIVED = "2025-06-02 01:00:00"
TAG = f"Concurrency {uuid.uuid4().hex[:8]}"


@tagged("post_install", "-at_install")
class TestSuiteConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        self.created = {}
        self.admin_id = self.env.ref("base.user_admin").id
        self.addCleanup(self._remove_committed)

    def _env(self, cr):
        # the runs act as the administrator, who leads the desk: alerts go to
        # him, so no notification mail leaves the test
        return api.Environment(cr, self.admin_id, {"tracking_disable": True}, su=True)

    def _commit_tickets(self, count, tag):
        """Open tickets, committed, all past their deadlines."""
        with self.registry.cursor() as cr:
            env = self._env(cr)
            if "partner" not in self.created:
                self.created["partner"] = (
                    env["res.partner"].create({"name": f"{TAG} Farm"}).id
                )
                self.created["team"] = (
                    env["helpdesk.ticket.team"]
                    .create({"name": f"{TAG} Desk", "user_id": env.uid})
                    .id
                )
            tickets = env["helpdesk.ticket"].create(
                [
                    {
                        "name": f"{TAG} {tag} {i}",
                        "description": "<p>Engine stalls</p>",
                        "partner_id": self.created["partner"],
                        "team_id": self.created["team"],
                        "request_type": "repair",
                        "received_date": RECEIVED,
                        "duplicate_confirmed": True,
                    }
                    for i in range(count)
                ]
            )
            self.created.setdefault("tickets", []).extend(tickets.ids)
            cr.commit()  # pylint: disable=invalid-commit
        return tickets.ids

    def _remove_committed(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            env = env(context=dict(env.context, active_test=False))
            tickets = env["helpdesk.ticket"].search(
                [
                    "|",
                    ("id", "in", self.created.get("tickets", [])),
                    ("callback_id", "in", self.created.get("callbacks", [])),
                ]
            )
            tickets.unlink()
            env["service.callback"].browse(
                self.created.get("callbacks", [])
            ).exists().unlink()
            env["helpdesk.ticket.team"].browse(
                self.created.get("team")
            ).exists().unlink()
            env["res.partner"].browse(self.created.get("partner")).exists().unlink()
            cr.commit()  # pylint: disable=invalid-commit
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM res_partner WHERE name LIKE %s", [f"{TAG}%"]
            )
            self.assertEqual(cr.fetchone()[0], 0, "the committed data are removed")

    def _alerts(self, ticket_ids):
        """What the runs left per ticket: alert levels and activities."""
        with self.registry.cursor() as cr:
            env = self._env(cr)
            result = []
            for ticket in env["helpdesk.ticket"].browse(ticket_ids):
                result.append(
                    (
                        ticket.handoff_sla_alert,
                        ticket.response_sla_alert,
                        ticket.resolution_sla_alert,
                        sorted(
                            (a.activity_type_id.id, a.summary)
                            for a in ticket.activity_ids
                        ),
                    )
                )
            cr.rollback()
        return result

    def _reference(self):
        """The result of a single run over the same kind of tickets."""
        ids = self._commit_tickets(3, "single")
        with self.registry.cursor() as cr:
            self._env(cr)["helpdesk.ticket"]._cron_check_sla()
            cr.commit()  # pylint: disable=invalid-commit
        reference = self._alerts(ids)
        self.assertTrue(reference[0][3], "the single run alerted")
        return reference

    def test_two_interleaved_runs_equal_one(self):
        reference = self._reference()
        ids = self._commit_tickets(3, "interleaved")
        attempts, alerted = [], []

        def run(env):
            attempts.append(env.cr)
            alerted.append(env["helpdesk.ticket"]._cron_check_sla())

        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            env1, env2 = self._env(cr1), self._env(cr2)
            # both transactions take their snapshot before either has written
            cr1.execute("SELECT 1 FROM helpdesk_ticket LIMIT 1")
            cr2.execute("SELECT 1 FROM helpdesk_ticket LIMIT 1")
            retrying(partial(run, env1), env1)
            cr1.commit()  # pylint: disable=invalid-commit
            # the second run still sees the tickets unalerted, but cannot lock
            # rows written since its snapshot: it leaves them (to a next run,
            # which finds them alerted) instead of failing or alerting twice
            retrying(partial(run, env2), env2)
            cr2.commit()  # pylint: disable=invalid-commit
        self.assertEqual(len(attempts), 2, "no run failed, none was retried")
        self.assertGreaterEqual(alerted[0], 3, "the first run alerted the tickets")
        self.assertEqual(alerted[1], 0, "the second run left them")
        self.assertEqual(self._alerts(ids), reference)
        with self.registry.cursor() as cr:
            self._env(cr)["helpdesk.ticket"]._cron_check_sla()
            cr.commit()  # pylint: disable=invalid-commit
        self.assertEqual(self._alerts(ids), reference, "a third run changes nothing")

    def test_two_nodes_at_once_alert_each_ticket_once(self):
        """The deadline cron of two nodes running at the same moment, each in
        batches of three committed one by one: every ticket is alerted, each
        exactly once (the same alerts and activities as a single run)."""
        reference = self._reference()
        ids = self._commit_tickets(8, "parallel")
        barrier = threading.Barrier(2)
        runs, errors = [], []

        def node(name):
            try:
                barrier.wait(timeout=60)
                # a run finding every pending ticket locked by the other node
                # alerts nothing and ends: the next run comes a moment later
                for _attempt in range(60):
                    with self.registry.cursor() as cr:
                        env = self._env(cr)
                        done = env["helpdesk.ticket"]._cron_check_sla(batch_size=3)
                        cr.commit()  # pylint: disable=invalid-commit
                    runs.append((name, done))
                    if not done:
                        if all(alerts[0] for alerts in self._alerts(ids)):
                            return
                        time.sleep(0.05)
            except Exception as error:  # reported below
                errors.append(repr(error))

        threads = [threading.Thread(target=node, args=(n,)) for n in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        self.assertFalse(errors, "no run failed")
        self.assertEqual({name for name, _done in runs}, {"a", "b"})
        self.assertEqual(self._alerts(ids), [reference[0]] * 8, "each alerted once")

    def test_same_callback_recorded_twice_at_once(self):
        """Two agents record the same callback, dissatisfied, at the same time:
        one complaint is opened, the other request is retried and refused."""
        self._commit_tickets(0, "none")  # the customer and the desk
        with self.registry.cursor() as cr:
            callback = self._env(cr)["service.callback"].create(
                {
                    "partner_id": self.created["partner"],
                    "purpose": TAG,
                    "due_datetime": RECEIVED,
                }
            )
            self.created["callbacks"] = callback.ids
            cr.commit()  # pylint: disable=invalid-commit
        attempts = []

        def record(env):
            attempts.append(env.cr)
            callback = env["service.callback"].browse(self.created["callbacks"])
            callback.write(
                {
                    "reached": True,
                    "rating": "dissatisfied",
                    "customer_feedback": "The engine still stalls.",
                }
            )
            callback.action_done()

        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            env1, env2 = self._env(cr1), self._env(cr2)
            # both requests begin before either has written
            cr1.execute("SELECT 1 FROM service_callback LIMIT 1")
            cr2.execute("SELECT 1 FROM service_callback LIMIT 1")
            retrying(partial(record, env1), env1)
            # the second request still sees the callback planned: its update
            # of the same row fails to serialize (it does not overwrite the
            # first, nor open a second complaint); Odoo retries it, and the
            # retry sees the callback done and refuses cleanly
            with (
                mute_logger("odoo.sql_db"),
                self.assertRaisesRegex(UserError, "is not planned any more"),
            ):
                retrying(partial(record, env2), env2)
        self.assertEqual(len(attempts), 3, "the second request was retried once")
        with self.registry.cursor() as cr:
            env = self._env(cr)
            callback = env["service.callback"].browse(self.created["callbacks"])
            complaints = env["helpdesk.ticket"].search(
                [("callback_id", "=", callback.id)]
            )
            self.assertEqual(callback.state, "done")
            self.assertEqual(len(complaints), 1, "one complaint, not two")
            self.assertEqual(callback.complaint_ticket_id, complaints)
            self.assertEqual(complaints.request_type, "complaint")
            cr.rollback()
