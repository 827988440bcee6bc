# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .service_callback import CALLBACK_METHODS, CALLBACK_TYPES


class ServiceCallbackExpenseLimit(models.Model):
    """The company limit of expenses for one callback, per method (and type).

    A limit for a method and a type wins over the limit of the method alone;
    a callback with no matching limit has none.
    """

    _name = "service.callback.expense.limit"
    _description = "Callback Expense Limit"
    _order = "company_id, method, callback_type"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    method = fields.Selection(CALLBACK_METHODS, required=True)
    callback_type = fields.Selection(
        CALLBACK_TYPES,
        string="Type",
        help="Leave empty for the limit of every callback of this method.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(
        string="Limit per Callback",
        required=True,
        help="Expenses of one callback above this amount are the employee's own.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK(amount >= 0)",
            "The expense limit cannot be negative.",
        ),
    ]

    @api.constrains("company_id", "method", "callback_type", "active")
    def _check_unique(self):
        for limit in self.filtered("active"):
            duplicate = self.search_count(
                [
                    ("id", "!=", limit.id),
                    ("company_id", "=", limit.company_id.id),
                    ("method", "=", limit.method),
                    ("callback_type", "=", limit.callback_type),
                ],
                limit=1,
            )
            if duplicate:
                raise ValidationError(
                    _(
                        "There is already a limit for this method and type: "
                        "change that one instead."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        limits = super().create(vals_list)
        limits._recompute_expenses()
        return limits

    def write(self, vals):
        res = super().write(vals)
        self._recompute_expenses()
        return res

    def _recompute_expenses(self):
        """Expenses not yet approved follow the new limit."""
        expenses = self.env["hr.expense"].search(
            [
                ("callback_id.method", "in", self.mapped("method")),
                ("company_id", "in", self.company_id.ids),
                ("state", "in", ("draft", "reported", "submitted")),
            ]
        )
        if expenses:
            self.env.add_to_compute(
                self.env["hr.expense"]._fields["own_amount"], expenses
            )

    @api.model
    def _limits_for(self, callbacks):
        """The limit of each callback: ``{callback id: amount}``, ``None`` when
        no limit applies. One query for the whole recordset."""
        limits = self.sudo().search_fetch(
            [("company_id", "in", callbacks.company_id.ids)],
            ["company_id", "method", "callback_type", "amount"],
        )
        by_key = {
            (
                limit.company_id.id,
                limit.method,
                limit.callback_type or False,
            ): limit.amount
            for limit in limits
        }
        result = {}
        for callback in callbacks:
            company, method = callback.company_id.id, callback.method
            amount = by_key.get((company, method, callback.callback_type))
            if amount is None:
                amount = by_key.get((company, method, False))
            result[callback.id] = amount
        return result
