# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..rules.names import neutral_name
from ..rules.workflow import Transition, TransitionTable


class SaleOrderAcceptance(models.Model):
    _name = "sale.order.acceptance"
    _description = "Delivery Acceptance"
    _inherit = ["mail.thread", "mail.activity.mixin", "service.workflow.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        domain="[('state', '=', 'sale')]",
    )
    partner_id = fields.Many2one(related="order_id.partner_id", string="Customer")
    company_id = fields.Many2one(
        related="order_id.company_id", store=True, index=True, precompute=True
    )
    date = fields.Date(
        string="Acceptance Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Our Inspector",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    customer_representative = fields.Char(
        help="Who accepted or rejected the delivery for the customer."
    )
    result = fields.Selection(
        [("accepted", "Accepted"), ("rejected", "Rejected")],
        required=True,
        default="accepted",
        tracking=True,
    )
    installed_by_us = fields.Boolean(
        string="Installed by Us",
        help="We installed the goods: the installation date starts the warranty "
        "and the callback programme.",
    )
    installation_date = fields.Date(tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Validated")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    notes = fields.Html()
    issue_ids = fields.One2many(
        "sale.order.acceptance.issue", "acceptance_id", string="Issues"
    )
    ticket_count = fields.Integer(compute="_compute_ticket_count")

    @api.depends("order_id.name", "date")
    def _compute_name(self):
        for acceptance in self:
            # stored: in no one's language (the model says what it is)
            acceptance.name = neutral_name(acceptance.order_id.name, acceptance.date)

    @api.depends("issue_ids.ticket_id")
    def _compute_ticket_count(self):
        for acceptance in self:
            acceptance.ticket_count = len(acceptance.issue_ids.ticket_id)

    @api.constrains("result", "installed_by_us", "installation_date", "state")
    def _check_result(self):
        self.filtered(lambda a: a.state == "done")._ensure_complete()

    def _ensure_complete(self):
        for acceptance in self:
            if acceptance.result == "rejected" and not acceptance.issue_ids:
                raise ValidationError(
                    self.env._(
                        "A rejected acceptance lists the issues found: add at "
                        "least one."
                    )
                )
            if (
                acceptance.result == "accepted"
                and acceptance.installed_by_us
                and not acceptance.installation_date
            ):
                raise ValidationError(
                    self.env._(
                        "Enter the installation date of goods installed by us: it "
                        "starts the warranty."
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(acceptance.state == "done" for acceptance in self):
            raise UserError(self.env._("A validated acceptance cannot be deleted."))

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    @api.model
    def _workflow_transitions(self):
        return TransitionTable(
            [
                # sales validates the acceptance recorded at the customer's site
                Transition(
                    "draft",
                    "done",
                    ("sales_team.group_sale_salesman",),
                    "_check_can_validate",
                ),
            ]
        )

    def write(self, vals):
        validating = self.browse()
        if vals.get("state") == "done":
            validating = self.filtered(lambda a: a.state != "done")
        result = super().write(vals)
        validating._on_validated()
        return result

    def _check_can_validate(self):
        """A validated acceptance belongs to a confirmed order, is complete and,
        when it passes, every handling case it raised is closed."""
        not_confirmed = self.order_id.filtered(lambda o: o.state != "sale")
        if not_confirmed:
            raise UserError(
                self.env._(
                    "Confirm %(orders)s before recording its delivery acceptance.",
                    orders=", ".join(not_confirmed.mapped("name")),
                )
            )
        self._ensure_complete()
        self._ensure_can_accept()

    def _ensure_can_accept(self):
        """Acceptance passes only once every handling case it raised is closed."""
        for acceptance in self.filtered(lambda a: a.result == "accepted"):
            order = acceptance.order_id
            others = order.sudo().acceptance_ids - acceptance
            if order.acceptance_state == "accepted" and others.filtered(
                lambda a: a.state == "done" and a.result == "accepted"
            ):
                raise UserError(
                    self.env._(
                        "The delivery of %(order)s has already been accepted.",
                        order=order.name,
                    )
                )
            open_tickets = order.sudo().acceptance_ticket_ids.filtered(
                lambda t: not t.closed
            )
            if open_tickets:
                raise UserError(
                    self.env._(
                        "The handling cases of %(order)s are still open (%(tickets)s): "
                        "close them before the acceptance passes.",
                        order=order.name,
                        tickets=", ".join(open_tickets.mapped("display_name")),
                    )
                )

    def action_validate(self):
        self._workflow_move({"state": "done"})
        return True

    def _on_validated(self):
        """The acceptances just validated: a rejection opens its handling
        cases, a pass dates the order's acceptance."""
        self.filtered(lambda a: a.result == "rejected").issue_ids._create_tickets()
        for acceptance in self.filtered(lambda a: a.result == "accepted"):
            acceptance._apply_to_order()

    def _apply_to_order(self):
        self.ensure_one()
        order = self.order_id.sudo()
        installation = (self.installed_by_us and self.installation_date) or False
        order.write({"acceptance_date": self.date, "installation_date": installation})
        order._reach_milestone("delivered", self.date)
        order._reach_milestone("accepted", self.date)
        order.message_post(
            body=self.env._(
                "Delivery accepted on %(date)s by %(who)s.",
                date=self.date,
                who=self.customer_representative or self.partner_id.name,
            )
        )

    def action_view_tickets(self):
        self.ensure_one()
        return self.order_id.action_view_acceptance_tickets()
