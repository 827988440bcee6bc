# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import fields, models

# How a problem found at acceptance is handled. The service desk's own request
# types live on the ticket; this is what sales asked for.
HANDLING_TYPES = [
    ("exchange", "Exchange"),
    ("supplementary_delivery", "Supplementary Delivery"),
    ("repair", "Repair"),
]
# The task order's request type for each way of handling an acceptance issue:
# missing goods are delivered like a replacement.
HANDLING_REQUEST_TYPES = {
    "exchange": "return_exchange",
    "supplementary_delivery": "return_exchange",
    "repair": "repair",
}


class SaleOrderAcceptanceIssue(models.Model):
    _name = "sale.order.acceptance.issue"
    _description = "Delivery Acceptance Issue"
    _order = "acceptance_id, id"

    acceptance_id = fields.Many2one(
        "sale.order.acceptance", required=True, ondelete="cascade", index=True
    )
    order_id = fields.Many2one(
        related="acceptance_id.order_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="acceptance_id.company_id", store=True, precompute=True
    )
    product_id = fields.Many2one("product.product", string="Product")
    description = fields.Text(string="Problem", required=True)
    handling_type = fields.Selection(
        HANDLING_TYPES,
        string="Handling",
        required=True,
        default="repair",
        help="Exchange the goods, deliver what is missing, or repair on site.",
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="After-Sales Ticket", readonly=True, copy=False
    )
    ticket_stage_id = fields.Many2one(
        related="ticket_id.stage_id", string="Ticket Stage"
    )
    ticket_closed = fields.Boolean(related="ticket_id.closed", string="Solved")

    def _prepare_ticket_vals(self):
        self.ensure_one()
        order = self.order_id
        handling = dict(self._fields["handling_type"]._description_selection(self.env))[
            self.handling_type
        ]
        subject = self.product_id.display_name or self.description.splitlines()[0][:60]
        return {
            "name": f"{handling}: {order.name} - {subject}",
            "description": Markup("<p>%s</p><p>%s</p>")
            % (
                self.env._(
                    "Found at the delivery acceptance of %(order)s on %(date)s.",
                    order=order.name,
                    date=self.acceptance_id.date,
                ),
                escape(self.description),
            ),
            "request_type": HANDLING_REQUEST_TYPES[self.handling_type],
            "sale_order_id": order.id,
            "product_id": self.product_id.id,
            "partner_id": order.partner_id.id,
            "partner_name": order.partner_id.name,
            "partner_email": order.partner_id.email,
            "company_id": order.company_id.id,
        }

    def _create_tickets(self):
        """Open an after-sales ticket for each issue that has none yet."""
        issues = self.filtered(lambda i: not i.ticket_id)
        # Sales records acceptances without service-desk rights: the ticket is
        # opened on their behalf and followed by the service desk.
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .create([issue._prepare_ticket_vals() for issue in issues])
        )
        for issue, ticket in zip(issues, tickets, strict=True):
            issue.ticket_id = ticket
        return tickets
