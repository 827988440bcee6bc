# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from contextlib import contextmanager, nullcontext

from odoo import api, models
from odoo.exceptions import AccessError, UserError

from ..rules.workflow import TransitionTable


class ServiceWorkflowMixin(models.AbstractModel):
    """Guarded transitions of a stage or state field.

    A model lists its moves in ``_workflow_transitions`` (a
    ``rules.workflow.TransitionTable``). Every change of ``_workflow_field``
    goes through ``write`` (buttons, the status bar, kanban drag-and-drop, list
    edit, import, JSON-RPC), so this is where the moves are checked: a move
    missing from the table, or made by a user outside its groups, is refused
    before anything is written; the move's guard then runs on the records with
    their new values, and its error rolls the write back (a savepoint), so
    nothing is left written whatever the caller does with the error.

    Buttons call ``write`` or ``_workflow_move``, which also refuses a record
    already in the target step and checks the user's groups before a write
    made with superuser rights.
    """

    _name = "service.workflow.mixin"
    _description = "Guarded Workflow"

    # the stage or state field whose changes are transitions
    _workflow_field = "state"

    @api.model
    def _workflow_transitions(self):
        """The model's ``TransitionTable``."""
        return TransitionTable([])

    @api.model
    def _workflow_initial_steps(self):
        """Steps a record may be created in without a move (its default)."""
        default = self.default_get([self._workflow_field]).get(self._workflow_field)
        return {self._workflow_step_for_value(default)}

    def _workflow_step(self):
        """The step the record stands in (the field's value by default)."""
        self.ensure_one()
        return self[self._workflow_field]

    @api.model
    def _workflow_step_for_value(self, value):
        """The step a value written to the field stands for."""
        return value

    @api.model
    def _workflow_step_label(self, step):
        field = self._fields[self._workflow_field]
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(step, step)
        return step

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su:
            return super().create(vals_list)
        field = self._workflow_field
        initial = self._workflow_initial_steps()
        moving = any(
            field in vals and self._workflow_step_for_value(vals[field]) not in initial
            for vals in vals_list
        )
        # a record created in a later step made the move from the initial one
        with self.env.cr.savepoint() if moving else nullcontext():
            records = super().create(vals_list)
            moved = records.filtered(lambda r: r._workflow_step() not in initial)
            moves = {}
            if moved:
                source = next(iter(initial))
                moves = moved._workflow_check_moves(dict.fromkeys(moved, source))
                moved._workflow_check_guards(moves)
        if moves:
            moved._workflow_after_moves(moves)
        return records

    def write(self, vals):
        field = self._workflow_field
        if field not in vals:
            return super().write(vals)
        target = self._workflow_step_for_value(vals[field])
        sources = {record: record._workflow_step() for record in self}
        sources = {r: s for r, s in sources.items() if s != target}
        if not sources:
            return super().write(vals)
        moves = self._workflow_check_moves(sources, target)
        with self._workflow_undone_if_refused(moves):
            result = super().write(vals)
            self._workflow_check_guards(moves)
        self._workflow_after_moves(moves)
        return result

    @api.model
    def _workflow_targets_for_user(self, step):
        """The steps the current user may move a record in ``step`` to (the
        table and the user's groups; the guards are checked on the move).
        Views offer only these."""
        table = self._workflow_transitions()
        user = self.env.user
        return {
            target
            for target in table.targets(step)
            if not table.find(step, target).groups
            or self.env.su
            or any(user.has_group(g) for g in table.find(step, target).groups)
        }

    # ------------------------------------------------------------------
    # Moves made by buttons
    # ------------------------------------------------------------------
    def _workflow_move(self, vals, as_superuser=False):
        """What a button does: write ``vals``, whose ``_workflow_field`` is the
        step to move to. Unlike a plain write, a record already in that step
        is refused like any move the table does not list (a second click says
        so). The user's groups are checked before the write even when it is
        made with superuser rights (``as_superuser``: for users who may make
        the move without write access to the record, such as a legal
        reviewer approving a contract)."""
        target = self._workflow_step_for_value(vals[self._workflow_field])
        self._workflow_check_moves({r: r._workflow_step() for r in self}, target)
        return (self.sudo() if as_superuser else self).write(vals)

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _workflow_check_moves(self, sources, target=None):
        """Refuse the moves ``{record: source}`` → ``target`` (each record's
        current step when ``target`` is None) that the table does not list or
        that the user's groups do not allow. Returns ``{transition: records}``
        for the guards."""
        table = self._workflow_transitions()
        moves = defaultdict(lambda: self.browse())
        _ = self.env._
        for record, source in sources.items():
            to = target if target is not None else record._workflow_step()
            transition = table.find(source, to)
            if not transition:
                allowed = sorted(table.targets(source))
                raise UserError(
                    _(
                        "%(record)s cannot go from %(origin)s to %(target)s. "
                        "From %(origin)s it can go to: %(allowed)s.",
                        record=record.display_name,
                        origin=self._workflow_step_label(source),
                        target=self._workflow_step_label(to),
                        allowed=", ".join(map(self._workflow_step_label, allowed))
                        or _("nowhere"),
                    )
                )
            if (
                transition.groups
                and not self.env.su
                and not any(self.env.user.has_group(g) for g in transition.groups)
            ):
                groups = self.env["res.groups"].browse(
                    self.env.ref(g).id for g in transition.groups
                )
                raise AccessError(
                    _(
                        "Only %(groups)s may move %(record)s from %(origin)s to "
                        "%(target)s.",
                        groups=", ".join(groups.mapped("full_name")),
                        record=record.display_name,
                        origin=self._workflow_step_label(source),
                        target=self._workflow_step_label(to),
                    )
                )
            moves[transition] |= record
        return moves

    @contextmanager
    def _workflow_undone_if_refused(self, moves):
        """A savepoint around the write and the guards of ``moves`` (when one
        has a guard): a guard's refusal leaves nothing written, in the database
        and in the cache, even for a caller that catches the error.

        The savepoint does not flush on entry: that would run the precommit
        hooks, and with them the chatter's tracking of this very write before
        it is made (the tracking would be lost)."""
        if not any(transition.guard for transition in moves):
            yield
            return
        self.env.flush_all()
        try:
            with self.env.cr.savepoint(flush=False):
                yield
        except Exception:
            # forget what the rolled back write left in the cache (values and
            # pending updates), as a rolled back flushing savepoint does
            self.env.transaction.clear()
            raise

    def _workflow_check_guards(self, moves):
        """Run each move's guard on its records (with their new values)."""
        for transition, records in moves.items():
            if transition.guard:
                getattr(records, transition.guard)()

    def _workflow_after_moves(self, moves):
        """What follows the moves ``{transition: records}`` once their guards
        hold, whatever path made them (dates, reviewers, activities, outcomes).
        Nothing by default."""
