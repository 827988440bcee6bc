# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..rules.expense_limits import split_over_limit


class HrExpense(models.Model):
    _inherit = "hr.expense"

    callback_id = fields.Many2one(
        "service.callback",
        string="Callback",
        index="btree_not_null",
        help="The callback this expense was incurred for; "
        "the callback's limit applies.",
    )
    own_amount = fields.Monetary(
        string="Employee's Own",
        currency_field="company_currency_id",
        compute="_compute_own_amount",
        store=True,
        help="The part above the callback's expense limit: not reimbursed, the "
        "employee's own.",
    )
    is_over_callback_limit = fields.Boolean(
        string="Over Callback Limit", compute="_compute_own_amount", store=True
    )
    reimbursable_amount = fields.Monetary(
        string="Reimbursed",
        currency_field="company_currency_id",
        compute="_compute_own_amount",
        store=True,
        help="What the company reimburses: the amount up to the callback's "
        "expense limit. The rest is the employee's own.",
    )

    @api.depends(
        "callback_id.method",
        "callback_id.callback_type",
        "callback_id.expense_ids.total_amount",
        "callback_id.expense_ids.date",
        "callback_id.expense_ids.state",
        "total_amount",
        "state",
    )
    def _compute_own_amount(self):
        callbacks = self.callback_id
        limits = self.env["service.callback.expense.limit"]._limits_for(callbacks)
        own = {}
        for callback in callbacks:
            expenses = callback.expense_ids.filtered(
                lambda e: e.state != "refused"
            ).sorted(lambda e: (e.date or fields.Date.today(), e._origin.id or 0))
            parts = split_over_limit(
                expenses.mapped("total_amount"), limits[callback.id]
            )
            own.update(
                {
                    expense.id: part[1]
                    for expense, part in zip(expenses, parts, strict=True)
                }
            )
        for expense in self:
            expense.own_amount = own.get(expense.id, 0.0)
            expense.is_over_callback_limit = expense.own_amount > 0
            expense.reimbursable_amount = expense.total_amount - expense.own_amount

    def _prepare_move_lines_vals(self):
        """The employee is reimbursed up to the callback's limit: the part
        above it (``own_amount``) is left out of the journal entry."""
        vals = super()._prepare_move_lines_vals()
        if self.own_amount and self.payment_mode == "own_account" and self.total_amount:
            share = self.reimbursable_amount / self.total_amount
            vals["price_unit"] = self.company_currency_id.round(self.price_unit * share)
        return vals
