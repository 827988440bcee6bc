# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class HrExpenseSheet(models.Model):
    """Callback expenses over the limit are approved twice, in hr_expense's
    own approval flow: first the department head, then the division leader
    (the manager of the parent department, or the head's own manager); only
    the second approval approves the report."""

    _inherit = "hr.expense.sheet"

    callback_own_amount = fields.Monetary(
        string="Employee's Own",
        currency_field="company_currency_id",
        compute="_compute_callback_own_amount",
        help="The callback expenses above their limit: not reimbursed.",
    )
    needs_division_approval = fields.Boolean(
        compute="_compute_callback_own_amount",
        help="Callback expenses above their limit: the department head, then "
        "the division leader approve.",
    )
    callback_head_approver_id = fields.Many2one(
        "res.users",
        string="Approved by the Department Head",
        readonly=True,
        copy=False,
        tracking=True,
    )

    @api.depends("expense_line_ids.own_amount")
    def _compute_callback_own_amount(self):
        for sheet in self:
            sheet.callback_own_amount = sum(sheet.expense_line_ids.mapped("own_amount"))
            sheet.needs_division_approval = sheet.callback_own_amount > 0

    def _callback_department_head(self):
        self.ensure_one()
        return self.employee_id.sudo().department_id.manager_id.user_id

    def _callback_division_leader(self):
        """The manager of the department's parent (the division), or else the
        department head's own manager."""
        self.ensure_one()
        department = self.employee_id.sudo().department_id
        return (
            department.parent_id.manager_id.user_id
            or department.manager_id.parent_id.user_id
        )

    def _do_approve(self):
        two_step = self.filtered(
            lambda s: s.state in ("submit", "draft") and s.needs_division_approval
        )
        first = two_step.filtered(lambda s: not s.callback_head_approver_id)
        user = self.env.user
        for sheet in first:
            head = sheet._callback_department_head()
            if head and user != head and not self.env.su:
                raise UserError(
                    self.env._(
                        "%(sheet)s goes over the callback expense limit: the "
                        "department head, %(head)s, approves it first.",
                        sheet=sheet.name,
                        head=head.name,
                    )
                )
            sheet.callback_head_approver_id = user
            leader = sheet._callback_division_leader()
            sheet.message_post(
                body=self.env._(
                    "Approved by the department head; the division leader "
                    "approves next."
                )
            )
            if leader:
                sheet.sudo().activity_schedule(
                    "hr_expense.mail_act_expense_approval", user_id=leader.id
                )
        for sheet in two_step - first:
            leader = sheet._callback_division_leader()
            if user == sheet.callback_head_approver_id or (
                leader and user != leader and not self.env.su
            ):
                raise UserError(
                    self.env._(
                        "%(sheet)s goes over the callback expense limit: after the "
                        "department head, the division leader (%(leader)s) "
                        "approves it.",
                        sheet=sheet.name,
                        leader=leader.name or self.env._("another approver"),
                    )
                )
        return super(HrExpenseSheet, self - first)._do_approve()

    def _do_reset_approval(self):
        self.sudo().callback_head_approver_id = False
        return super()._do_reset_approval()
