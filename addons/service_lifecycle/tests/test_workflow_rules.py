# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import BaseCase, tagged

from ..rules.workflow import ANY, Transition, TransitionTable


@tagged("post_install", "-at_install")
class TestWorkflowRules(BaseCase):
    def setUp(self):
        super().setUp()
        self.table = TransitionTable(
            [
                Transition("draft", "submitted", guard="_check_submit"),
                Transition("submitted", "done", ("base.group_system",)),
                Transition(ANY, "cancel", ("base.group_system",)),
                Transition("cancel", "draft"),
            ]
        )

    def test_listed_moves_are_found_with_their_guard_and_groups(self):
        self.assertEqual(self.table.find("draft", "submitted").guard, "_check_submit")
        self.assertEqual(
            self.table.find("submitted", "done").groups, ("base.group_system",)
        )

    def test_unlisted_moves_are_refused(self):
        self.assertIsNone(self.table.find("draft", "done"))
        self.assertIsNone(self.table.find("done", "submitted"))
        self.assertIsNone(self.table.find("submitted", "draft"))

    def test_any_source_and_its_precedence(self):
        self.assertEqual(self.table.find("done", "cancel").source, ANY)
        table = TransitionTable(
            [Transition(ANY, "cancel", ("a.b",)), Transition("draft", "cancel")]
        )
        self.assertEqual(table.find("draft", "cancel").groups, ())
        self.assertEqual(table.find("done", "cancel").groups, ("a.b",))

    def test_targets_of_a_step(self):
        self.assertEqual(self.table.targets("draft"), {"submitted", "cancel"})
        self.assertEqual(self.table.targets("cancel"), {"draft"})

    def test_a_move_listed_twice_is_a_programming_error(self):
        with self.assertRaises(ValueError):
            TransitionTable([Transition("a", "b"), Transition("a", "b")])
