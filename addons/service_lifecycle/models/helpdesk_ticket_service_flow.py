# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..rules.names import neutral_name


class HelpdeskTicket(models.Model):
    """The service flows of the task order: phone guidance, on-site dispatch
    to the service network, carry-in/mail-in repair and paid quotes,
    return/exchange with its refund, and escalation to the technical center."""

    _inherit = "helpdesk.ticket"

    provider_id = fields.Many2one(
        "res.partner",
        string="Service Provider",
        compute="_compute_provider_id",
        store=True,
        readonly=False,
        domain="[('service_provider_type', '!=', False)]",
        tracking=True,
        help="Repair center, branch or authorised agency doing the on-site work; "
        "proposed from the region of the customer.",
    )
    provider_type = fields.Selection(related="provider_id.service_provider_type")
    appointment_start = fields.Datetime(string="Appointment")
    appointment_duration = fields.Float(default=2.0, help="Hours on site.")
    calendar_event_id = fields.Many2one(
        "calendar.event", string="Calendar Event", copy=False, readonly=True
    )
    repair_ids = fields.One2many("repair.order", "ticket_id", string="Repair Orders")
    repair_count = fields.Integer(compute="_compute_repair_count")
    labour_hours = fields.Float(
        default=1.0, help="Labour hours quoted for a paid repair."
    )
    return_resolution = fields.Selection(
        [("exchange", "Exchange"), ("refund", "Refund")],
        compute="_compute_return_resolution",
        store=True,
        readonly=False,
        help="What the customer gets back for the returned product.",
    )
    return_picking_id = fields.Many2one(
        "stock.picking", string="Return", copy=False, readonly=True
    )
    replacement_picking_id = fields.Many2one(
        "stock.picking", string="Replacement Delivery", copy=False, readonly=True
    )
    refund_move_id = fields.Many2one(
        "account.move",
        string="Refund",
        copy=False,
        readonly=True,
        groups="account.group_account_invoice",
    )
    escalation_ids = fields.One2many(
        "service.escalation", "ticket_id", string="Escalation Orders"
    )
    escalation_count = fields.Integer(compute="_compute_escalation_count")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("service_mode", "commercial_partner_id.state_id")
    def _compute_provider_id(self):
        on_site = self.filtered(
            lambda t: t.service_mode == "on_site" and not t.provider_id
        )
        if not on_site:
            return
        providers = self.env["res.partner"].search(
            [
                ("service_provider_type", "!=", False),
                (
                    "service_region_ids",
                    "in",
                    on_site.commercial_partner_id.state_id.ids,
                ),
            ]
        )
        rank = {"repair_center": 0, "branch": 1, "agency": 2}
        providers = providers.sorted(lambda p: (rank[p.service_provider_type], p.id))
        for ticket in on_site:
            state = ticket.commercial_partner_id.state_id
            ticket.provider_id = providers.filtered(
                lambda p, s=state: s in p.service_region_ids
            )[:1]

    @api.depends("warranty_decision")
    def _compute_return_resolution(self):
        for ticket in self:
            ticket.return_resolution = (
                "refund" if ticket.warranty_decision == "return" else "exchange"
            )

    def _compute_repair_count(self):
        groups = (
            self.env["repair.order"]
            .sudo()
            ._read_group([("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"])
        )
        counts = {ticket.id: count for ticket, count in groups}
        for ticket in self:
            ticket.repair_count = counts.get(ticket.id, 0)

    def _compute_escalation_count(self):
        groups = self.env["service.escalation"]._read_group(
            [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
        )
        counts = {ticket.id: count for ticket, count in groups}
        for ticket in self:
            ticket.escalation_count = counts.get(ticket.id, 0)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_phone_guidance_done(self):
        """Phone guidance: diagnosis and solution recorded, customer service
        asks the customer."""
        return self.action_solved()

    def action_dispatch_on_site(self):
        """On-site: book the provider's visit in the calendar."""
        self.ensure_one()
        if not self.provider_id or not self.appointment_start:
            raise UserError(
                self.env._(
                    "Choose the service provider and the appointment of %(number)s "
                    "before dispatching it.",
                    number=self.number,
                )
            )
        event_vals = self._prepare_calendar_event_vals()
        if self.calendar_event_id:
            self.calendar_event_id.write(event_vals)
        else:
            self.calendar_event_id = self.env["calendar.event"].create(event_vals)
        self._start_service()
        self.message_post(
            body=self.env._(
                "Dispatched to %(provider)s on %(date)s.",
                provider=self.provider_id.display_name,
                date=fields.Datetime.to_string(self.appointment_start),
            )
        )
        return True

    def _prepare_calendar_event_vals(self):
        self.ensure_one()
        partners = self.provider_id | self.partner_id | self.user_id.partner_id
        return {
            # seen by the customer, the provider and the technician: in no
            # one's language (the task order's number and title)
            "name": neutral_name(self.number, self.name),
            "start": self.appointment_start,
            "stop": self.appointment_start
            + datetime.timedelta(hours=self.appointment_duration or 1.0),
            "user_id": (self.user_id or self.env.user).id,
            "partner_ids": [Command.set(partners.ids)],
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "location": self.partner_id.contact_address_inline,
            "description": self.fault_symptoms,
        }

    def action_create_repair(self):
        """Carry-in / mail-in / paid: the repair shop's order, linked both ways."""
        self.ensure_one()
        if not self.product_id:
            raise UserError(
                self.env._("Set the product of %(number)s first.", number=self.number)
            )
        if self.product_id.type != "consu":
            raise UserError(
                self.env._(
                    "Only goods can be repaired; %(product)s is a service.",
                    product=self.product_id.display_name,
                )
            )
        # the repair shop's order is created for the desk, whose users do not
        # manage inventory themselves
        self.check_access("write")
        repair = self.env["repair.order"].sudo().create(self._prepare_repair_vals())
        self._start_service()
        self.message_post(
            body=Markup("%s %s")
            % (self.env._("Repair order created:"), repair._get_html_link())
        )
        if self.env.user.has_group("stock.group_stock_user"):
            return self.action_view_repairs()
        return True

    def _prepare_repair_vals(self):
        self.ensure_one()
        return {
            "ticket_id": self.id,
            "partner_id": self.partner_id.id,
            "product_id": self.product_id.id,
            "lot_id": self.lot_id.id,
            "company_id": self.company_id.id,
            "under_warranty": self.warranty_decision
            in ("return", "exchange", "free_repair")
            and self.service_mode != "paid",
            "internal_notes": Markup("<p>%s</p>") % (self.fault_symptoms or self.name),
            "priority": "1" if self.is_urgent else "0",
        }

    def action_quote_paid_service(self):
        """Paid service: quote the parts of the repair and the labour."""
        self.ensure_one()
        # the repair shop's and sales' documents, prepared for the desk
        repair = self.sudo().repair_ids.filtered(lambda r: r.state != "cancel")[-1:]
        if not repair:
            self.action_create_repair()
            repair = self.sudo().repair_ids[-1:]
        if repair.under_warranty:
            raise UserError(
                self.env._(
                    "Repair %(repair)s is under warranty: nothing to quote.",
                    repair=repair.name,
                )
            )
        if not repair.sale_order_id:
            repair.action_create_sale_order()
        order = repair.sale_order_id
        labour = self.company_id.service_labour_product_id
        if labour and self.labour_hours and labour not in order.order_line.product_id:
            order.write(
                {
                    "order_line": [
                        Command.create(
                            {
                                "product_id": labour.id,
                                "product_uom_qty": self.labour_hours,
                            }
                        )
                    ]
                }
            )
        self.message_post(
            body=Markup("%s %s")
            % (self.env._("Quotation of the paid service:"), order._get_html_link())
        )
        if not self.env.user.has_group("sales_team.group_sale_salesman"):
            return True
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "view_mode": "form",
        }

    def action_view_repairs(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Repair Orders"),
            "res_model": "repair.order",
            "view_mode": "list,form",
            "domain": [("ticket_id", "=", self.id)],
            "context": {"default_ticket_id": self.id},
        }

    def action_create_return(self):
        """Return / exchange: the return picking, then the replacement or refund."""
        self.ensure_one()
        if self.return_picking_id:
            raise UserError(
                self.env._(
                    "The return of %(number)s already exists: %(picking)s.",
                    number=self.number,
                    picking=self.return_picking_id.name,
                )
            )
        self.check_access("write")
        delivery = self._find_delivered_picking()
        wizard = (
            self.env["stock.return.picking"]
            .sudo()
            .with_context(active_id=delivery.id, active_model="stock.picking")
            .create({"picking_id": delivery.id})
        )
        returned = False
        for line in wizard.product_return_moves:
            if line.product_id == self.product_id and not returned:
                line.quantity = 1
                returned = True
            else:
                line.quantity = 0
        if self.return_resolution == "exchange":
            before = delivery.group_id.sudo().stock_move_ids.picking_id
            action = wizard.action_create_exchanges()
            new_pickings = delivery.group_id.sudo().stock_move_ids.picking_id - before
            replacement = new_pickings.filtered(
                lambda p: p.picking_type_code == "outgoing"
            )[:1]
            self.write(
                {
                    "return_picking_id": action["res_id"],
                    "replacement_picking_id": replacement.id,
                }
            )
        else:
            action = wizard.action_create_returns()
            self.return_picking_id = action["res_id"]
            # the credit note is finance's: the desk only records which one it is
            self.sudo().refund_move_id = self._create_refund()
        self._start_service()
        return True

    def _find_delivered_picking(self):
        self.ensure_one()
        if not self.sale_order_id:
            raise UserError(
                self.env._(
                    "Set the sale order of %(number)s: the return is made from its "
                    "delivery.",
                    number=self.number,
                )
            )
        pickings = self.sale_order_id.sudo().picking_ids.filtered(
            lambda p: (
                p.picking_type_code == "outgoing"
                and p.state == "done"
                and self.product_id in p.move_ids.product_id
            )
        )
        if self.lot_id:
            pickings = pickings.filtered(
                lambda p: self.lot_id in p.move_line_ids.lot_id
            )
        if not pickings:
            raise UserError(
                self.env._(
                    "No done delivery of %(product)s in %(order)s to return.",
                    product=self.product_id.display_name,
                    order=self.sale_order_id.name,
                )
            )
        return pickings.sorted("date_done")[-1]

    def _create_refund(self):
        """A draft credit note for one unit of the returned product."""
        self.ensure_one()
        order = self.sale_order_id.sudo()
        line = order.order_line.filtered(lambda sol: sol.product_id == self.product_id)[
            :1
        ]
        journal = (
            self.env["account.journal"]
            .sudo()
            .search(
                [("type", "=", "sale"), ("company_id", "=", order.company_id.id)],
                limit=1,
            )
        )
        if not journal:
            raise UserError(
                self.env._(
                    "Configure a sales journal in %(company)s to refund the customer.",
                    company=order.company_id.name,
                )
            )
        return (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "out_refund",
                    "partner_id": order.partner_invoice_id.id,
                    "journal_id": journal.id,
                    "invoice_origin": order.name,
                    "ref": self.number,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": self.product_id.id,
                                "quantity": 1,
                                "price_unit": line.price_unit,
                                "tax_ids": [Command.set(line.tax_id.ids)],
                                "sale_line_ids": [Command.set(line.ids)],
                            }
                        )
                    ],
                }
            )
        )

    def action_escalate(self):
        """Hard problem: an escalation order to the technical center."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Escalation Order"),
            "res_model": "service.escalation",
            "view_mode": "form",
            "target": "current",
            "context": {"default_ticket_id": self.id},
        }

    def action_view_escalations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Escalation Orders"),
            "res_model": "service.escalation",
            "view_mode": "list,form",
            "domain": [("ticket_id", "=", self.id)],
            "context": {"default_ticket_id": self.id},
        }
