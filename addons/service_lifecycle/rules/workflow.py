# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Transition tables of the suite's workflows (plain Python).

A table lists the moves a record may make between the steps of its workflow:
from → to, the groups allowed to make the move (any one of them suffices;
none means anyone who may write the record) and the name of the guard method
that must hold on the record after the move. A move that is not in the table
is refused whoever makes it. ``ANY`` as the source stands for every step.
"""

from collections import namedtuple

ANY = "*"

Transition = namedtuple(
    "Transition", ["source", "target", "groups", "guard"], defaults=((), None)
)


class TransitionTable:
    """The allowed moves of one workflow, looked up by (source, target)."""

    def __init__(self, transitions):
        self._moves = {}
        for transition in transitions:
            key = (transition.source, transition.target)
            if key in self._moves:
                raise ValueError(f"move {key} listed twice")
            self._moves[key] = transition

    def find(self, source, target):
        """The transition from ``source`` to ``target``, ``None`` when the move
        is not allowed. A move listed from ``source`` wins over one from ANY."""
        return self._moves.get((source, target)) or self._moves.get((ANY, target))

    def targets(self, source):
        """The steps reachable from ``source`` in one move."""
        return {
            target
            for (origin, target) in self._moves
            if origin in (source, ANY) and target != source
        }

    def __iter__(self):
        return iter(self._moves.values())
