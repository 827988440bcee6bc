# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from contextlib import contextmanager, nullcontext

from odoo import api, models
from odoo.exceptions import AccessError, UserError

from ..rules.workflow import TransitionTable


class WorkflowMoves(defaultdict):
    """``{transition: records}`` of one workflow; ``field`` names it."""

    def __init__(self, field, empty):
        super().__init__(lambda: empty)
        self.field = field


class ServiceWorkflowMixin(models.AbstractModel):
    """Guarded transitions of stage or state fields.

    A model lists its workflows in ``_workflow_fields``: each field whose
    changes are moves, with its ``rules.workflow.TransitionTable``. Most models
    have one, ``_workflow_field`` with the table of ``_workflow_transitions``
    (the default of ``_workflow_fields``); a model with a second workflow (the
    complaint's review next to the task order's stages) adds it there. Every
    change of such a field goes through ``write`` (buttons, the status bar,
    kanban drag-and-drop, list edit, import, JSON-RPC), so this is where the
    moves are checked: a move missing from its table, or made by a user
    outside its groups, is refused before anything is written; the move's
    guard then runs on the records with their new values, and its error rolls
    the write back (a savepoint), so nothing is left written whatever the
    caller does with the error.

    The hooks that map values to steps take the workflow's ``field`` (the
    model's ``_workflow_field`` when it is not given).

    Buttons call ``write`` or ``_workflow_move``, which also refuses a record
    already in the target step and checks the user's groups before a write
    made with superuser rights.
    """

    _name = "service.workflow.mixin"
    _description = "Guarded Workflow"

    # the stage or state field whose changes are transitions
    _workflow_field = "state"

    @api.model
    def _workflow_fields(self):
        """The model's workflows: ``{field name: TransitionTable}``."""
        return {self._workflow_field: self._workflow_transitions()}

    @api.model
    def _workflow_transitions(self):
        """The ``TransitionTable`` of ``_workflow_field``."""
        return TransitionTable([])

    @api.model
    def _workflow_initial_steps(self, field=None):
        """Steps a record may be created in without a move (its default)."""
        field = field or self._workflow_field
        default = self.default_get([field]).get(field)
        return {self._workflow_step_for_value(default, field)}

    def _workflow_step(self, field=None):
        """The step the record stands in (the field's value by default)."""
        self.ensure_one()
        return self[field or self._workflow_field] or False

    @api.model
    def _workflow_step_for_value(self, value, field=None):
        """The step a value written to the field stands for (an empty value
        is the step ``False``)."""
        return value or False

    @api.model
    def _workflow_step_label(self, step, field=None):
        field = self._fields[field or self._workflow_field]
        if not step:
            return self.env._("not set")
        if field.type == "boolean":
            return field.get_description(self.env)["string"]
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
        initials = {
            field: self._workflow_initial_steps(field)
            for field in self._workflow_fields()
        }
        moving = any(
            field in vals
            and self._workflow_step_for_value(vals[field], field) not in initial
            for vals in vals_list
            for field, initial in initials.items()
        )
        # a record created in a later step made the move from the initial one
        moves = []  # (records moved, their moves) per workflow
        with self.env.cr.savepoint() if moving else nullcontext():
            records = super().create(vals_list)
            for field, initial in initials.items():
                moved = records.filtered(
                    lambda r, f=field, i=initial: r._workflow_step(f) not in i
                )
                if moved:
                    source = next(iter(initial))
                    field_moves = moved._workflow_check_moves(
                        dict.fromkeys(moved, source), field=field
                    )
                    moved._workflow_check_guards(field_moves)
                    moves.append((moved, field_moves))
        for moved, field_moves in moves:
            moved._workflow_after_moves(field_moves)
        return records

    def write(self, vals):
        moves = {}
        for field in self._workflow_fields().keys() & vals.keys():
            target = self._workflow_step_for_value(vals[field], field)
            sources = {record: record._workflow_step(field) for record in self}
            sources = {r: s for r, s in sources.items() if s != target}
            if sources:
                moves[field] = self._workflow_check_moves(sources, target, field)
        if not moves:
            return super().write(vals)
        with self._workflow_undone_if_refused(moves):
            result = super().write(vals)
            for field_moves in moves.values():
                self._workflow_check_guards(field_moves)
        for field_moves in moves.values():
            self._workflow_after_moves(field_moves)
        return result

    @api.model
    def _workflow_targets_for_user(self, step, field=None):
        """The steps the current user may move a record in ``step`` to (the
        table and the user's groups; the guards are checked on the move).
        Views offer only these."""
        table = self._workflow_fields()[field or self._workflow_field]
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
        """What a button does: write ``vals``, whose workflow fields hold the
        steps to move to. Unlike a plain write, a record already in that step
        is refused like any move the table does not list (a second click says
        so). The user's groups are checked before the write even when it is
        made with superuser rights (``as_superuser``: for users who may make
        the move without write access to the record, such as a legal
        reviewer approving a contract)."""
        for field in self._workflow_fields().keys() & vals.keys():
            target = self._workflow_step_for_value(vals[field], field)
            self._workflow_check_moves(
                {r: r._workflow_step(field) for r in self}, target, field
            )
        return (self.sudo() if as_superuser else self).write(vals)

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _workflow_check_moves(self, sources, target=None, field=None):
        """Refuse the moves ``{record: source}`` → ``target`` (each record's
        current step when ``target`` is None) of the workflow of ``field``
        that its table does not list or that the user's groups do not allow.
        Returns ``{transition: records}`` for the guards."""
        field = field or self._workflow_field
        table = self._workflow_fields()[field]
        moves = WorkflowMoves(field, self.browse())
        _ = self.env._
        for record, source in sources.items():
            to = target if target is not None else record._workflow_step(field)
            transition = table.find(source, to)
            if not transition:
                allowed = sorted(table.targets(source), key=str)
                raise UserError(
                    _(
                        "%(record)s cannot go from %(origin)s to %(target)s. "
                        "From %(origin)s it can go to: %(allowed)s.",
                        record=record.display_name,
                        origin=self._workflow_step_label(source, field),
                        target=self._workflow_step_label(to, field),
                        allowed=", ".join(
                            self._workflow_step_label(step, field) for step in allowed
                        )
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
                        origin=self._workflow_step_label(source, field),
                        target=self._workflow_step_label(to, field),
                    )
                )
            moves[transition] |= record
        return moves

    @contextmanager
    def _workflow_undone_if_refused(self, moves):
        """A savepoint around the write and the guards of ``moves`` (``{field:
        {transition: records}}``, when one has a guard): a guard's refusal
        leaves nothing written, in the database and in the cache, even for a
        caller that catches the error.

        The savepoint does not flush on entry: that would run the precommit
        hooks, and with them the chatter's tracking of this very write before
        it is made (the tracking would be lost)."""
        if not any(t.guard for field_moves in moves.values() for t in field_moves):
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
        """What follows the moves ``{transition: records}`` of one workflow
        (``moves.field``) once their guards hold, whatever path made them
        (dates, reviewers, activities, outcomes). Called once per workflow
        field that moved. Nothing by default."""
