# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The suite's crons work in short batches, one transaction each, so that
they never hold the rows of hundreds of records while users write them, and
so that the same cron running on several Odoo nodes at once does each piece of
work once (see README, "Growing past one server").

A cron method handles one batch per call and reports it through Odoo 18's
progress API (``ir.cron._notify_progress(done=..., remaining=...)``): the
cron worker commits the batch and calls again while some remain. Two tools:

- ``lock_free_rows(records)``: the records locked ``FOR NO KEY UPDATE SKIP
  LOCKED``; those another transaction holds (a user saving them, the same
  cron on another node) and those written since this transaction's snapshot
  are left out, for a later batch;
- ``batch_or_next_run(env, what)``: a savepoint around a batch; a batch that
  fails to serialize (or meets the unique key of work another node just
  committed) is undone and left to the next run, instead of failing the cron
  and its other batches.
"""

import logging
from contextlib import contextmanager

from psycopg2 import errors
from psycopg2.extensions import TransactionRollbackError

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# what another transaction doing the same work at the same time causes
CONCURRENT_WORK = (TransactionRollbackError, errors.UniqueViolation)


def lock_free_rows(records):
    """The records of ``records`` locked by this transaction until its end,
    skipping those another transaction has locked and those written since
    this transaction's snapshot (locking them would fail to serialize)."""
    if not records:
        return records
    cr, table = records.env.cr, SQL.identifier(records._table)
    try:
        with cr.savepoint(flush=False):
            cr.execute(
                SQL(
                    "SELECT id FROM %s WHERE id IN %s ORDER BY id "
                    "FOR NO KEY UPDATE SKIP LOCKED",
                    table,
                    tuple(records.ids),
                ),
                log_exceptions=False,
            )
            return records.browse(row[0] for row in cr.fetchall())
    except TransactionRollbackError:
        # some were written since the snapshot: one by one, leaving those out
        _logger.debug("%s: rows written meanwhile, locked one by one", records._name)
    locked = []
    for record_id in sorted(records.ids):
        try:
            with cr.savepoint(flush=False):
                cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE id = %s FOR NO KEY UPDATE SKIP LOCKED",
                        table,
                        record_id,
                    ),
                    log_exceptions=False,
                )
                locked += [row[0] for row in cr.fetchall()]
        except TransactionRollbackError:
            continue
    return records.browse(locked)


@contextmanager
def batch_or_next_run(env, what):
    """Run the block in a savepoint; when another transaction doing the same
    work makes it fail (``CONCURRENT_WORK``), undo it, log it and go on: its
    work is left to the next run. Yields a dict whose ``"failed"`` tells."""
    outcome = {"failed": False}
    try:
        with env.cr.savepoint():
            yield outcome
    except CONCURRENT_WORK as error:
        outcome["failed"] = True
        _logger.info(
            "%s: left to the next run (%s, done at the same time elsewhere)",
            what,
            error.pgcode,
        )
