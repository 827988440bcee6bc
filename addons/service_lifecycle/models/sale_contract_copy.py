# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..rules.workflow import Transition, TransitionTable


class SaleContractCopy(models.Model):
    _name = "sale.contract.copy"
    _description = "Contract Copy"
    _inherit = ["mail.thread", "service.input.mixin", "service.workflow.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    # What the receiving department needs, copied when the contract is signed:
    # readers never get access to the order itself.
    order_ref = fields.Char(string="Order Reference", readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    department_id = fields.Many2one(
        "sale.contract.department",
        string="Department",
        required=True,
        readonly=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    amount_untaxed = fields.Monetary(string="Untaxed Amount", readonly=True)
    amount_tax = fields.Monetary(string="Taxes", readonly=True)
    amount_total = fields.Monetary(string="Total", readonly=True)
    delivery_date = fields.Date(readonly=True)
    partner_shipping_id = fields.Many2one(
        "res.partner", string="Delivery Address", readonly=True
    )
    incoterm_id = fields.Many2one(
        "account.incoterms",
        string="Shipping Terms",
        readonly=True,
        help="The contract's incoterm: who carries the goods and the risk, to where.",
    )
    incoterm_location = fields.Char(string="Shipping Terms Place", readonly=True)
    planned_ship_date = fields.Datetime(
        compute="_compute_planned_dates",
        help="When the goods are planned to leave (the deliveries of the order).",
    )
    expected_arrival_date = fields.Date(
        string="Expected Arrival", compute="_compute_planned_dates"
    )
    payment_term_id = fields.Many2one(
        "account.payment.term", string="Payment Terms", readonly=True
    )
    quality_standard = fields.Text(readonly=True)
    acceptance_method = fields.Text(readonly=True)
    signed_date = fields.Date(string="Signed On", readonly=True)
    contract_pdf = fields.Binary(string="Contract", attachment=True, readonly=True)
    contract_pdf_filename = fields.Char(readonly=True)
    signed_scan = fields.Binary(string="Signed Scan", attachment=True, readonly=True)
    signed_scan_filename = fields.Char(readonly=True)
    state = fields.Selection(
        [("sent", "Sent"), ("acknowledged", "Acknowledged")],
        default="sent",
        required=True,
        readonly=True,
        tracking=True,
    )
    acknowledged_by_id = fields.Many2one(
        "res.users", string="Acknowledged By", readonly=True, tracking=True
    )
    acknowledged_date = fields.Datetime(string="Acknowledged On", readonly=True)

    _sql_constraints = [
        (
            "order_department_uniq",
            "unique(order_id, department_id)",
            "A department receives one copy of a contract.",
        ),
    ]

    @api.depends("order_ref", "department_id.name")
    def _compute_name(self):
        for copy in self:
            copy.name = f"{copy.order_ref or ''} - {copy.department_id.name or ''}"

    def _compute_planned_dates(self):
        """The planned ship date and expected arrival of the order's deliveries
        to the customer, as logistics plans them now (the readers of a copy do
        not read the order or its deliveries)."""
        for copy in self:
            pickings = copy.sudo().order_id.picking_ids.filtered(
                lambda p: p.picking_type_code == "outgoing" and p.state != "cancel"
            )
            ship_dates = [d for d in pickings.mapped("shipping_date") if d]
            arrivals = [d for d in pickings.mapped("expected_arrival_date") if d]
            copy.planned_ship_date = min(ship_dates) if ship_dates else False
            copy.expected_arrival_date = max(arrivals) if arrivals else False

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_input_values(vals)
            if not vals.get("order_id"):
                raise ValidationError(
                    self.env._("A contract copy needs the sales order it copies.")
                )
        orders = self.env["sale.order"].browse([vals["order_id"] for vals in vals_list])
        for vals in vals_list:
            order = orders.browse(vals["order_id"])
            for key, value in self._prepare_order_snapshot(order).items():
                vals.setdefault(key, value)
        return super().create(vals_list)

    @api.model
    def _prepare_order_snapshot(self, order):
        delivery = order.commitment_date or order.expected_date
        return {
            "order_ref": order.name,
            "company_id": order.company_id.id,
            "partner_id": order.partner_id.id,
            "user_id": order.user_id.id,
            "currency_id": order.currency_id.id,
            "amount_untaxed": order.amount_untaxed,
            "amount_tax": order.amount_tax,
            "amount_total": order.amount_total,
            "delivery_date": delivery and order.company_id._local_day(delivery),
            "partner_shipping_id": order.partner_shipping_id.id,
            "incoterm_id": order.incoterm.id,
            "incoterm_location": order.incoterm_location,
            "payment_term_id": order.payment_term_id.id,
            "quality_standard": order.quality_standard,
            "acceptance_method": order.acceptance_method,
            "signed_date": order.contract_company_sign_date,
        }

    @api.model
    def _workflow_transitions(self):
        return TransitionTable(
            [
                # the receiving department's readers (each department names its
                # reader group: the guard checks it) acknowledge their copy
                Transition("sent", "acknowledged", (), "_ensure_receiver"),
            ]
        )

    @api.model
    def _workflow_initial_steps(self, field=None):
        return {"sent"}

    def _ensure_receiver(self):
        """Only the receiving department's readers acknowledge a copy."""
        user_groups = self.env.user.groups_id
        foreign = self.filtered(
            lambda c: c.department_id.reader_group_id not in user_groups
        )
        if foreign:
            raise AccessError(
                self.env._(
                    "Only the readers of the receiving department can acknowledge "
                    "%(copies)s.",
                    copies=", ".join(foreign.mapped("name")),
                )
            )

    def action_acknowledge(self):
        self.check_access("read")
        # Readers have read-only access: receipt is recorded on their behalf,
        # and only these two fields and the state change (a copy already
        # acknowledged stays as it was).
        self.filtered(lambda c: c.state == "sent")._workflow_move(
            {
                "state": "acknowledged",
                "acknowledged_by_id": self.env.uid,
                "acknowledged_date": fields.Datetime.now(),
            },
            as_superuser=True,
        )
        return True
