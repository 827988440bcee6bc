# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import format_date

from ..rules import warranty

WARRANTY_DECISIONS = [
    ("return", "Return"),
    ("exchange", "Exchange"),
    ("free_repair", "Free Repair"),
    ("paid", "Paid Service"),
    ("unknown", "Unknown"),
]
WARRANTY_REASONS = [
    (warranty.REASON_WEARING_PART, "Wearing Part"),
    (warranty.REASON_RETURN_WINDOW, "Within the Return Window"),
    (warranty.REASON_EXCHANGE_WINDOW, "Within the Exchange Window"),
    (warranty.REASON_MACHINE_COVERED, "Whole Machine Covered"),
    (warranty.REASON_MACHINE_ENDED, "Whole Machine Period Ended"),
    (warranty.REASON_COMPONENT_COVERED, "Main Component Covered"),
    (warranty.REASON_COMPONENT_ENDED, "Main Component Period Ended"),
]


class HelpdeskTicket(models.Model):
    """The warranty (three guarantees) of the task order: the customer's
    order and delivery of the serial number, the day the warranty starts,
    and the rules' decision for the fault day with its reason."""

    _inherit = "helpdesk.ticket"

    faulty_part_id = fields.Many2one(
        "product.product",
        string="Faulty Part",
        help="The part that failed, when known: main components have a longer free "
        "repair period and wearing parts are never free.",
    )
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sale Order",
        compute="_compute_sale_order_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
        help="The customer's order of this serial number or product.",
    )
    purchase_date = fields.Date(
        compute="_compute_purchase_dates", store=True, readonly=False
    )
    delivery_date = fields.Date(
        compute="_compute_purchase_dates",
        store=True,
        readonly=False,
        help="Date of the delivery to the customer.",
    )
    warranty_start_date = fields.Date(
        compute="_compute_warranty_start_date",
        store=True,
        readonly=False,
        help="The warranty windows count from this date: the delivery (or "
        "acceptance) date when known, otherwise the purchase date.",
    )
    warranty_decision = fields.Selection(
        WARRANTY_DECISIONS,
        string="Warranty Status",
        compute="_compute_warranty",
        store=True,
        tracking=True,
    )
    warranty_until = fields.Date(
        string="Covered Until", compute="_compute_warranty", store=True
    )
    # the decision's reason as the rules give it: a code and its numbers, worded
    # in the reader's language by warranty_reason
    warranty_reason_code = fields.Selection(
        WARRANTY_REASONS,
        string="Warranty Reason Code",
        compute="_compute_warranty",
        store=True,
    )
    warranty_period = fields.Integer(
        string="Warranty Window",
        compute="_compute_warranty",
        store=True,
        help="Length of the window that decided: days for the return and "
        "exchange windows, months for the free repair periods.",
    )
    warranty_fault_day = fields.Integer(
        string="Fault Day",
        compute="_compute_warranty",
        store=True,
        help="Days from the warranty start to the fault.",
    )
    warranty_reason = fields.Char(compute="_compute_warranty_reason")

    # ------------------------------------------------------------------
    # The customer's order and the warranty start
    # ------------------------------------------------------------------
    @api.depends("commercial_partner_id", "product_id", "lot_id")
    def _compute_sale_order_id(self):
        orders = self._find_sale_orders()
        for ticket in self:
            ticket.sale_order_id = orders.get(ticket, self.env["sale.order"])

    def _find_sale_orders(self):
        """The customer's confirmed order of each ticket's serial number, or of its
        product: two queries for the whole recordset."""
        tickets = self.filtered(lambda t: t.commercial_partner_id and t.product_id)
        if not tickets:
            return {}
        # a lookup for the desk, whose users do not manage inventory or sales
        by_lot = {}
        if tickets.lot_id:
            move_lines = (
                self.env["stock.move.line"]
                .sudo()
                .search_fetch(
                    [
                        ("lot_id", "in", tickets.lot_id.ids),
                        ("state", "=", "done"),
                        ("picking_code", "=", "outgoing"),
                        ("move_id.sale_line_id", "!=", False),
                    ],
                    ["lot_id", "move_id"],
                    order="date desc, id desc",
                )
            )
            for move_line in move_lines:
                order = move_line.move_id.sale_line_id.order_id
                key = (move_line.lot_id.id, order.partner_id.commercial_partner_id.id)
                by_lot.setdefault(key, order)
        lines = (
            self.env["sale.order.line"]
            .sudo()
            .search_fetch(
                [
                    ("product_id", "in", tickets.product_id.ids),
                    (
                        "order_id.partner_id.commercial_partner_id",
                        "in",
                        tickets.commercial_partner_id.ids,
                    ),
                    ("state", "=", "sale"),
                ],
                ["product_id", "order_id", "order_partner_id"],
                order="id desc",
            )
        )
        by_product = {}
        for line in lines:
            key = (line.product_id.id, line.order_partner_id.commercial_partner_id.id)
            by_product.setdefault(key, line.order_id)
        result = {}
        for ticket in tickets:
            partner_id = ticket.commercial_partner_id.id
            order = by_lot.get((ticket.lot_id.id, partner_id)) or by_product.get(
                (ticket.product_id.id, partner_id)
            )
            if order:
                result[ticket] = order.sudo(False)
        return result

    @api.depends("sale_order_id", "lot_id")
    def _compute_purchase_dates(self):
        for ticket in self:
            order = ticket.sale_order_id
            company = ticket.company_id or self.env.company
            ticket.purchase_date = (
                company._local_day(order.sudo().date_order) if order else False
            )
            ticket.delivery_date = ticket._find_delivery_date()

    def _find_delivery_date(self):
        """Day the serial number (or product) left for the customer (the
        company's local day)."""
        self.ensure_one()
        pickings = self.sale_order_id.sudo().picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state == "done"
        )
        if self.lot_id:
            pickings = pickings.filtered(
                lambda p: self.lot_id in p.move_line_ids.lot_id
            )
        elif self.product_id:
            pickings = pickings.filtered(
                lambda p: self.product_id in p.move_ids.product_id
            )
        dates = pickings.mapped("date_done")
        company = self.company_id or self.env.company
        return company._local_day(min(dates)) if dates else False

    @api.depends("purchase_date", "delivery_date", "sale_order_id.warranty_start_date")
    def _compute_warranty_start_date(self):
        for ticket in self:
            ticket.warranty_start_date = ticket._get_warranty_start_date()

    def _get_warranty_start_date(self):
        """The day the warranty starts: the installation or acceptance date of
        the sale order (domain: acceptance starts the warranty), else the day
        the goods were delivered, else the purchase date."""
        self.ensure_one()
        return (
            self.sale_order_id.sudo().warranty_start_date
            or self.delivery_date
            or self.purchase_date
        )

    # ------------------------------------------------------------------
    # The decision and its reason
    # ------------------------------------------------------------------
    @api.depends(
        "warranty_start_date",
        "fault_date",
        "product_id",
        "faulty_part_id",
        "company_id",
    )
    def _compute_warranty(self):
        for ticket in self:
            decision = ticket._decide_warranty()
            if decision is None:
                ticket.update(
                    {
                        "warranty_decision": "unknown" if ticket.product_id else False,
                        "warranty_until": False,
                        "warranty_reason_code": False,
                        "warranty_period": 0,
                        "warranty_fault_day": 0,
                    }
                )
                continue
            ticket.update(
                {
                    "warranty_decision": decision.remedy,
                    "warranty_until": decision.covered_until,
                    "warranty_reason_code": decision.reason,
                    "warranty_period": decision.period or 0,
                    "warranty_fault_day": decision.days_since_start,
                }
            )

    def _get_warranty_policy(self):
        """The product category's policy, else the company's default."""
        self.ensure_one()
        policy = self.env["service.warranty.policy"]
        if self.product_id:
            policy = self.product_id.categ_id._get_service_warranty_policy()
        return policy or self.company_id.service_warranty_policy_id

    def _decide_warranty(self):
        """The rules' decision for this task order, or None when dates are missing."""
        self.ensure_one()
        if not (self.product_id and self.warranty_start_date and self.fault_date):
            return None
        if self.fault_date < self.warranty_start_date:
            return None
        part = self.faulty_part_id or self.product_id
        return warranty.decide(
            self.warranty_start_date,
            self.fault_date,
            part.product_tmpl_id._get_service_part_kind(),
            self._get_warranty_policy()._to_rule(),
        )

    @api.depends(
        "warranty_reason_code",
        "warranty_period",
        "warranty_fault_day",
        "warranty_until",
    )
    @api.depends_context("lang")
    def _compute_warranty_reason(self):
        for ticket in self:
            ticket.warranty_reason = ticket._get_warranty_reason_text()

    def _get_warranty_reason_text(self):
        """The stored reason of the warranty decision, worded in the reader's
        language (``self.env.lang``); ``False`` without a decision."""
        self.ensure_one()
        _ = self.env._
        code = self.warranty_reason_code
        if not code:
            return False
        if code == warranty.REASON_WEARING_PART:
            return _("Wearing parts are never covered by the warranty.")
        if code == warranty.REASON_RETURN_WINDOW:
            return _(
                "Fault on day %(day)s, within the %(days)s-day return window.",
                day=self.warranty_fault_day,
                days=self.warranty_period,
            )
        if code == warranty.REASON_EXCHANGE_WINDOW:
            return _(
                "Fault on day %(day)s, within the %(days)s-day exchange window.",
                day=self.warranty_fault_day,
                days=self.warranty_period,
            )
        if code in (warranty.REASON_COMPONENT_COVERED, warranty.REASON_COMPONENT_ENDED):
            what = _("main component")
        else:
            what = _("whole machine")
        until = format_date(self.env, self.warranty_until)
        if code in (warranty.REASON_MACHINE_COVERED, warranty.REASON_COMPONENT_COVERED):
            return _(
                "Within the %(months)s-month free repair period of the %(what)s "
                "(until %(date)s).",
                months=self.warranty_period,
                what=what,
                date=until,
            )
        return _(
            "The %(months)s-month free repair period of the %(what)s ended on "
            "%(date)s.",
            months=self.warranty_period,
            what=what,
            date=until,
        )
