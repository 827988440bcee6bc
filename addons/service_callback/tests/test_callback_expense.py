# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import CallbackCase


@tagged("post_install", "-at_install")
class TestCallbackExpense(CallbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Callback travel", "can_be_expensed": True, "standard_price": 0.0}
        )
        Limit = cls.env["service.callback.expense.limit"]
        # the default limit of on-site callbacks, shipped as data
        cls.onsite_limit = cls.env.ref(
            "service_callback.service_callback_expense_limit_onsite"
        )
        cls.onsite_limit.write({"company_id": cls.company.id, "amount": 300.0})
        Limit.search(
            [("company_id", "=", cls.company.id), ("method", "=", "email")]
        ).unlink()
        cls.complaint_limit = Limit.create(
            {
                "company_id": cls.company.id,
                "method": "onsite",
                "callback_type": "complaint",
                "amount": 500.0,
            }
        )
        cls.callback = cls._callback(method="onsite")

    def _expense(self, amount, callback=None, date="2025-03-10"):
        return (
            self.env["hr.expense"]
            .with_user(self.agent)
            .create(
                {
                    "name": "Bus to the cooperative",
                    "employee_id": self.agent_employee.id,
                    "product_id": self.product.id,
                    "total_amount_currency": amount,
                    "date": date,
                    "callback_id": (callback or self.callback).id,
                }
            )
        )

    def test_within_limit(self):
        expense = self._expense(300.0)
        self.assertEqual(expense.own_amount, 0.0)
        self.assertFalse(expense.is_over_callback_limit)
        self.assertEqual(self.callback.expense_limit, 300.0)
        self.assertEqual(self.callback.expense_own_amount, 0.0)

    def test_excess_is_the_employees_own(self):
        first = self._expense(200.0, date="2025-03-10")
        second = self._expense(150.0, date="2025-03-11")
        self.assertEqual(first.own_amount, 0.0)
        self.assertEqual(second.own_amount, 50.0)
        self.assertTrue(second.is_over_callback_limit)
        self.assertEqual(self.callback.expense_total, 350.0)
        self.assertEqual(self.callback.expense_own_amount, 50.0)
        self.assertEqual(self.callback.expense_count, 2)

    def test_limit_per_type_wins(self):
        complaint = self._callback(method="onsite", callback_type="complaint")
        expense = self._expense(450.0, callback=complaint)
        self.assertEqual(complaint.expense_limit, 500.0)
        self.assertEqual(expense.own_amount, 0.0)

    def test_raised_limit_recomputes(self):
        expense = self._expense(350.0)
        self.assertEqual(expense.own_amount, 50.0)
        self.onsite_limit.amount = 400.0
        self.assertEqual(expense.own_amount, 0.0)

    def test_method_without_limit(self):
        email = self._callback(method="email")
        expense = self._expense(1000.0, callback=email)
        self.assertEqual(expense.own_amount, 0.0)

    def test_expenses_action_from_callback(self):
        action = self.callback.action_view_expenses()
        self.assertEqual(action["domain"], [("callback_id", "=", self.callback.id)])
        self.assertEqual(action["context"]["default_callback_id"], self.callback.id)

    def test_over_the_limit_reimburses_the_limit(self):
        """400 spent on a callback with a limit of 300: 300 is reimbursed (the
        journal entry's line), 100 is the employee's own, shown on the
        expense and in the callback's cost."""
        expense = self._expense(400.0)
        self.assertEqual(expense.reimbursable_amount, 300.0)
        self.assertEqual(expense.own_amount, 100.0)
        self.assertEqual(self.callback.expense_own_amount, 100.0)
        line = expense._prepare_move_lines_vals()
        self.assertAlmostEqual(line["price_unit"] * line["quantity"], 300.0)

    def test_over_the_limit_needs_head_then_division_leader(self):
        """The department head approves first (the report stays to approve),
        then the division leader; nobody else can take either step."""
        approver = "hr_expense.group_hr_expense_team_approver"
        head_user = new_test_user(self.env, "exp_head", groups=approver)
        leader_user = new_test_user(self.env, "exp_leader", groups=approver)
        other_user = new_test_user(
            self.env, "exp_other", groups="hr_expense.group_hr_expense_user"
        )
        Employee = self.env["hr.employee"]
        leader = Employee.create({"name": "Leader Gao", "user_id": leader_user.id})
        division = self.env["hr.department"].create(
            {"name": "Service Division", "manager_id": leader.id}
        )
        head = Employee.create({"name": "Head Ma", "user_id": head_user.id})
        self.department.write({"manager_id": head.id, "parent_id": division.id})
        self.agent_employee.department_id = self.department
        expense = self._expense(400.0)
        sheet = self.env["hr.expense.sheet"].create(
            {
                "name": "March callbacks",
                "employee_id": self.agent_employee.id,
                "expense_line_ids": [(6, 0, expense.ids)],
            }
        )
        sheet.action_submit_sheet()
        self.assertTrue(sheet.needs_division_approval)
        self.assertEqual(sheet.callback_own_amount, 100.0)
        with self.assertRaisesRegex(UserError, "department head"):
            sheet.with_user(other_user)._do_approve()
        sheet.with_user(head_user).action_approve_expense_sheets()
        self.assertEqual(sheet.callback_head_approver_id, head_user)
        self.assertEqual(sheet.approval_state, "submit", "still to approve")
        with self.assertRaisesRegex(UserError, "division leader"):
            sheet.with_user(head_user)._do_approve()
        with self.assertRaisesRegex(UserError, "division leader"):
            sheet.with_user(other_user)._do_approve()
