# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import fields, models

from ..rules.names import neutral_name

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
        """The task order of the issue. Its title is in no one's language (the
        order, the product as the customer's documents name it, or the
        problem's first words); how it is handled and where it was found show
        on the task order through ``acceptance_handling_type``, worded for
        each reader."""
        self.ensure_one()
        order = self.order_id
        product = self.product_id.with_context(lang=order.partner_id.lang)
        subject = (
            product.default_code
            or product.name
            or self.description.splitlines()[0][:60]
        )
        return {
            "name": neutral_name(order.name, subject),
            "description": Markup("<p>%s</p>") % self.description,
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


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    acceptance_handling_type = fields.Selection(
        HANDLING_TYPES,
        string="Found at Acceptance",
        compute="_compute_acceptance_handling_type",
        compute_sudo=True,
        help="The delivery acceptance found this problem; sales asked for it to "
        "be handled so.",
    )

    def _compute_acceptance_handling_type(self):
        issues = self.env["sale.order.acceptance.issue"].search_fetch(
            [("ticket_id", "in", self.ids)], ["ticket_id", "handling_type"]
        )
        handling = {issue.ticket_id.id: issue.handling_type for issue in issues}
        for ticket in self:
            ticket.acceptance_handling_type = handling.get(ticket.id, False)
