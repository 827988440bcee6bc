# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..rules import milestone_schedule

# the labels of the rules' milestones (rules/milestone_schedule.MILESTONES), in
# their order
MILESTONE_KINDS = [
    ("contract_signed", "Contract Signed"),
    ("production_planned", "Production Planned"),
    ("quality_passed", "Quality Passed"),
    ("shipped", "Shipped"),
    ("delivered", "Delivered"),
    ("accepted", "Accepted"),
]


class SaleOrderMilestone(models.Model):
    _name = "sale.order.milestone"
    _description = "Order Tracking Milestone"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "order_id, sequence, id"
    _rec_name = "kind"

    order_id = fields.Many2one(
        "sale.order", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(related="order_id.partner_id", string="Customer")
    company_id = fields.Many2one(
        related="order_id.company_id", store=True, index=True, precompute=True
    )
    kind = fields.Selection(MILESTONE_KINDS, string="Milestone", required=True)
    sequence = fields.Integer(compute="_compute_sequence", store=True, precompute=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        tracking=True,
        domain="[('share', '=', False)]",
    )
    planned_date = fields.Date(tracking=True)
    actual_date = fields.Date(tracking=True)
    note = fields.Text()
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        search="_search_is_late",
        help="Reached after its planned date, or not reached and its planned date "
        "has passed.",
    )
    reached_late = fields.Boolean(compute="_compute_reached_late", store=True)

    _sql_constraints = [
        (
            "order_kind_uniq",
            "unique(order_id, kind)",
            "An order has each tracking milestone once.",
        ),
    ]

    @api.depends("kind")
    def _compute_sequence(self):
        order = milestone_schedule.MILESTONES
        for milestone in self:
            milestone.sequence = order.index(milestone.kind) if milestone.kind else 0

    @api.depends("planned_date", "actual_date")
    def _compute_reached_late(self):
        for milestone in self:
            milestone.reached_late = bool(
                milestone.actual_date
            ) and milestone_schedule.is_late(
                milestone.planned_date, milestone.actual_date, milestone.actual_date
            )

    @api.depends("planned_date", "actual_date")
    @api.depends_context("tz")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for milestone in self:
            milestone.is_late = milestone_schedule.is_late(
                milestone.planned_date, milestone.actual_date, today
            )

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError()
        today = fields.Date.context_today(self)
        late = [
            "|",
            ("reached_late", "=", True),
            "&",
            ("actual_date", "=", False),
            ("planned_date", "<", today),
        ]
        if (operator == "=") == value:
            return late
        return ["!", *late]

    def action_reach(self):
        self.filtered(lambda m: not m.actual_date).write(
            {"actual_date": fields.Date.context_today(self)}
        )
        return True
