# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

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
