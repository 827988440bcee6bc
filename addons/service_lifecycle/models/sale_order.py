# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..rules import milestone_schedule
from ..rules.workflow import Transition, TransitionTable

CONTRACT_STATES = [
    ("draft", "Draft"),
    ("review", "Legal Review"),
    ("returned", "Returned"),
    ("approved", "Approved"),
    ("signed", "Signed"),
    ("distributed", "Copies Distributed"),
]
# contract states in which the order may be confirmed
CONFIRMABLE_CONTRACT_STATES = ("approved", "signed", "distributed")
# contract states in which the prices Legal saw may not change any more
LOCKED_CONTRACT_STATES = ("review", "approved", "signed", "distributed")


SALESMAN = "sales_team.group_sale_salesman"
LEGAL_REVIEWER = "service_lifecycle.group_legal_reviewer"


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "service.workflow.mixin"]
    # the contract's review and signing; the order's own state is sale's
    _workflow_field = "contract_state"

    # Quotation requirements, confirmed before the quotation is sent
    quality_standard = fields.Text(
        help="The quality standard the delivered goods must meet.",
    )
    acceptance_method = fields.Text(
        help="How the customer will accept the delivery (inspection, trial run, "
        "documents to sign ...).",
    )
    contract_liability = fields.Text(
        string="Liability",
        help="Liability for breach of contract, as written in the contract.",
    )
    cost_analysis_file = fields.Binary(
        string="Cost Analysis", attachment=True, copy=False
    )
    cost_analysis_filename = fields.Char(copy=False)
    cost_analysis_required = fields.Boolean(
        compute="_compute_cost_analysis_required",
        help="The total reaches the company's cost analysis threshold.",
    )
    requirements_confirmed = fields.Boolean(
        string="Requirements Confirmed",
        copy=False,
        readonly=True,
        tracking=True,
        help="Delivery date, quality standard, acceptance method and payment "
        "terms have been confirmed with the customer.",
    )
    requirements_confirmed_by_id = fields.Many2one(
        "res.users", string="Requirements Confirmed By", copy=False, readonly=True
    )
    requirements_confirmed_date = fields.Datetime(
        string="Requirements Confirmed On", copy=False, readonly=True
    )

    # Contract review and signing
    contract_state = fields.Selection(
        CONTRACT_STATES,
        default="draft",
        required=True,
        copy=False,
        readonly=True,
        tracking=True,
        index=True,
    )
    contract_review_remarks = fields.Text(
        string="Review Remarks", copy=False, readonly=True, tracking=True
    )
    contract_reviewer_id = fields.Many2one(
        "res.users", string="Reviewed By", copy=False, readonly=True, tracking=True
    )
    contract_review_date = fields.Datetime(
        string="Reviewed On", copy=False, readonly=True
    )
    contract_customer_signatory = fields.Char(
        string="Customer Signatory", copy=False, tracking=True
    )
    contract_customer_sign_date = fields.Date(
        string="Signed by Customer On", copy=False, tracking=True
    )
    contract_company_signatory_id = fields.Many2one(
        "res.users", string="Our Signatory", copy=False, tracking=True
    )
    contract_company_sign_date = fields.Date(
        string="Signed by Us On", copy=False, tracking=True
    )
    contract_signed_scan = fields.Binary(
        string="Signed Contract Scan", attachment=True, copy=False
    )
    contract_signed_scan_filename = fields.Char(copy=False)
    contract_copy_ids = fields.One2many(
        "sale.contract.copy", "order_id", string="Contract Copies", readonly=True
    )
    contract_copy_count = fields.Integer(compute="_compute_contract_copy_counts")
    contract_copy_acknowledged_count = fields.Integer(
        compute="_compute_contract_copy_counts"
    )

    # Order tracking and delivery acceptance
    milestone_ids = fields.One2many(
        "sale.order.milestone", "order_id", string="Milestones", copy=False
    )
    milestone_late_count = fields.Integer(compute="_compute_milestone_late_count")
    acceptance_ids = fields.One2many(
        "sale.order.acceptance", "order_id", string="Acceptances", copy=False
    )
    acceptance_state = fields.Selection(
        [("rejected", "Rejected"), ("accepted", "Accepted")],
        compute="_compute_acceptance_state",
        store=True,
        help="Result of the last validated delivery acceptance.",
    )
    acceptance_date = fields.Date(
        copy=False,
        readonly=True,
        tracking=True,
        help="The day the customer accepted the delivery; it starts the warranty "
        "and the callback programme unless we installed the goods.",
    )
    installation_date = fields.Date(
        copy=False,
        readonly=True,
        tracking=True,
        help="The day we finished installing the goods at the customer's site; "
        "when set, it starts the warranty and the callback programme.",
    )
    warranty_start_date = fields.Date(
        compute="_compute_warranty_start_date",
        store=True,
        help="Installation date when we installed the goods, otherwise the "
        "acceptance date.",
    )
    acceptance_ticket_ids = fields.Many2many(
        "helpdesk.ticket",
        string="Acceptance Tickets",
        compute="_compute_acceptance_tickets",
    )
    acceptance_ticket_count = fields.Integer(compute="_compute_acceptance_tickets")

    @api.depends("amount_total", "currency_id", "company_id", "date_order")
    def _compute_cost_analysis_required(self):
        for order in self:
            order.cost_analysis_required = order._amount_in_company_currency() >= (
                order.company_id.cost_analysis_threshold or 0.0
            ) and bool(order.company_id.cost_analysis_threshold)

    def _compute_contract_copy_counts(self):
        groups = self.env["sale.contract.copy"]._read_group(
            [("order_id", "in", self.ids)], ["order_id", "state"], ["__count"]
        )
        total, acknowledged = {}, {}
        for order, state, count in groups:
            total[order.id] = total.get(order.id, 0) + count
            if state == "acknowledged":
                acknowledged[order.id] = count
        for order in self:
            order.contract_copy_count = total.get(order.id, 0)
            order.contract_copy_acknowledged_count = acknowledged.get(order.id, 0)

    @api.depends("milestone_ids.is_late")
    def _compute_milestone_late_count(self):
        for order in self:
            order.milestone_late_count = len(order.milestone_ids.filtered("is_late"))

    @api.depends("acceptance_ids.state", "acceptance_ids.result")
    def _compute_acceptance_state(self):
        for order in self:
            done = order.acceptance_ids.filtered(lambda a: a.state == "done")
            last = done.sorted(lambda a: (a.date, a.id))[-1:]
            order.acceptance_state = last.result or False

    @api.depends("acceptance_date", "installation_date")
    def _compute_warranty_start_date(self):
        for order in self:
            order.warranty_start_date = order.installation_date or order.acceptance_date

    @api.depends("acceptance_ids.issue_ids.ticket_id")
    def _compute_acceptance_tickets(self):
        for order in self:
            tickets = order.acceptance_ids.issue_ids.ticket_id
            order.acceptance_ticket_ids = tickets
            order.acceptance_ticket_count = len(tickets)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def write(self, vals):
        # Changing a confirmed requirement of a quotation asks for a new confirmation.
        reset = self.browse()
        if (
            set(self._requirement_fields()) & set(vals)
            and "requirements_confirmed" not in vals
        ):
            self.check_access("write")
            reset = self.filtered(
                lambda o: o.requirements_confirmed and o.state in ("draft", "sent")
            )
            reset._ensure_contract_unlocked()
        result = super().write(vals)
        if reset:
            super(SaleOrder, reset).write({"requirements_confirmed": False})
        return result

    # ------------------------------------------------------------------
    # Quotation requirements
    # ------------------------------------------------------------------

    @api.model
    def _requirement_fields(self):
        return (
            "commitment_date",
            "quality_standard",
            "acceptance_method",
            "payment_term_id",
        )

    def _amount_in_company_currency(self):
        self.ensure_one()
        if self.currency_id == self.company_id.currency_id:
            return self.amount_total
        return self.currency_id._convert(
            self.amount_total,
            self.company_id.currency_id,
            self.company_id,
            self.date_order or fields.Date.context_today(self),
        )

    def _get_requirement_errors(self):
        """Return the list of what is missing before the quotation can be sent."""
        self.ensure_one()
        labels = {
            name: self._fields[name].get_description(self.env)["string"]
            for name in self._requirement_fields()
        }
        errors = [labels[name] for name in self._requirement_fields() if not self[name]]
        if self.cost_analysis_required and not self.cost_analysis_file:
            errors.append(
                self.env._(
                    "a cost analysis attachment (the total reaches %(amount)s)",
                    amount=self.company_id.currency_id.format(
                        self.company_id.cost_analysis_threshold
                    ),
                )
            )
        return errors

    def action_confirm_requirements(self):
        for order in self:
            errors = order._get_requirement_errors()
            if errors:
                raise UserError(
                    self.env._(
                        "Before confirming the requirements of %(order)s, fill in: "
                        "%(missing)s.",
                        order=order.name,
                        missing=", ".join(errors),
                    )
                )
        self.write(
            {
                "requirements_confirmed": True,
                "requirements_confirmed_by_id": self.env.uid,
                "requirements_confirmed_date": fields.Datetime.now(),
            }
        )
        return True

    def _ensure_requirements_confirmed(self):
        unconfirmed = self.filtered(
            lambda o: o.state in ("draft", "sent") and not o.requirements_confirmed
        )
        if unconfirmed:
            raise UserError(
                self.env._(
                    "Confirm the quotation requirements (delivery date, quality "
                    "standard, acceptance method and payment terms) of %(orders)s "
                    "before sending the quotation or its contract.",
                    orders=", ".join(unconfirmed.mapped("name")),
                )
            )

    def action_quotation_send(self):
        self._ensure_requirements_confirmed()
        return super().action_quotation_send()

    def action_quotation_sent(self):
        self._ensure_requirements_confirmed()
        return super().action_quotation_sent()

    # ------------------------------------------------------------------
    # Contract review
    # ------------------------------------------------------------------

    @api.model
    def _workflow_transitions(self):
        return TransitionTable(
            [
                # sales sends a complete quotation to legal review
                Transition("draft", "review", (SALESMAN,), "_check_contract_submit"),
                Transition("returned", "review", (SALESMAN,), "_check_contract_submit"),
                # legal approves, or returns it with remarks
                Transition("review", "approved", (LEGAL_REVIEWER,)),
                Transition(
                    "review", "returned", (LEGAL_REVIEWER,), "_check_contract_return"
                ),
                # sales takes it back to change it
                Transition("review", "draft", (SALESMAN,)),
                Transition("returned", "draft", (SALESMAN,)),
                Transition("approved", "draft", (SALESMAN,)),
                # signed by both sides, then its copies go to the departments
                Transition("approved", "signed", (SALESMAN,), "_check_contract_signed"),
                Transition(
                    "signed",
                    "distributed",
                    (SALESMAN,),
                    "_check_contract_copies_sent",
                ),
            ]
        )

    @api.model
    def _workflow_initial_steps(self, field=None):
        return {"draft"}

    def _check_contract_submit(self):
        self._ensure_requirements_confirmed()
        empty = self.filtered(
            lambda o: not o.order_line.filtered(lambda line: not line.display_type)
        )
        if empty:
            raise UserError(
                self.env._(
                    "Add the ordered products to %(orders)s before sending its "
                    "contract to legal review.",
                    orders=", ".join(empty.mapped("name")),
                )
            )

    def _check_contract_return(self):
        if any(not (o.contract_review_remarks or "").strip() for o in self):
            raise UserError(
                self.env._("Write the remarks that tell sales what to change.")
            )

    def _check_contract_signed(self):
        for order in self:
            errors = order._get_signing_errors()
            if errors:
                raise UserError(
                    self.env._(
                        "The contract of %(order)s cannot be marked as signed "
                        "without: %(missing)s.",
                        order=order.name,
                        missing=", ".join(errors),
                    )
                )
            order._get_contract_departments()

    def _check_contract_copies_sent(self):
        without = self.filtered(lambda o: not o.sudo().contract_copy_ids)
        if without:
            raise UserError(
                self.env._(
                    "The contract copies of %(orders)s have not been sent: they are "
                    "sent when the contract is marked as signed.",
                    orders=", ".join(without.mapped("name")),
                )
            )

    def _ensure_contract_unlocked(self):
        locked = self.filtered(
            lambda o: (
                o.state in ("draft", "sent")
                and o.contract_state in LOCKED_CONTRACT_STATES
            )
        )
        if locked:
            raise UserError(
                self.env._(
                    "The contract of %(orders)s is under review or approved: reset it "
                    "to draft before changing its lines or requirements.",
                    orders=", ".join(locked.mapped("name")),
                )
            )

    def action_contract_submit(self):
        self._workflow_move({"contract_state": "review"})
        return True

    def action_contract_approve(self):
        # Reviewers have no write access to orders: the review fields are
        # written on their behalf, tracked under their name.
        self._workflow_move(
            {
                "contract_state": "approved",
                "contract_reviewer_id": self.env.uid,
                "contract_review_date": fields.Datetime.now(),
            },
            as_superuser=True,
        )
        return True

    def action_contract_return(self):
        self._workflow_check_moves({o: o.contract_state for o in self}, "returned")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Return Contract"),
            "res_model": "sale.contract.return.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_ids": [Command.set(self.ids)]},
        }

    def _contract_return(self, remarks):
        self._workflow_move(
            {
                "contract_state": "returned",
                "contract_review_remarks": remarks,
                "contract_reviewer_id": self.env.uid,
                "contract_review_date": fields.Datetime.now(),
            },
            as_superuser=True,
        )

    def action_contract_reset(self):
        self._workflow_move({"contract_state": "draft"})
        return True

    # ------------------------------------------------------------------
    # Signing and contract copies
    # ------------------------------------------------------------------

    def _get_signing_errors(self):
        self.ensure_one()
        required = (
            "contract_customer_signatory",
            "contract_customer_sign_date",
            "contract_company_signatory_id",
            "contract_company_sign_date",
        )
        errors = [
            self._fields[name].get_description(self.env)["string"]
            for name in required
            if not self[name]
        ]
        if not self.contract_signed_scan:
            errors.append(
                self._fields["contract_signed_scan"].get_description(self.env)["string"]
            )
        return errors

    def action_contract_sign(self):
        self._workflow_move({"contract_state": "signed"})
        for order in self:
            order.message_post(
                body=self.env._(
                    "Contract signed by %(customer)s (customer) on %(customer_date)s "
                    "and by %(us)s on %(our_date)s.",
                    customer=order.contract_customer_signatory,
                    customer_date=order.contract_customer_sign_date,
                    us=order.contract_company_signatory_id.name,
                    our_date=order.contract_company_sign_date,
                ),
            )
        for order in self:
            order._reach_milestone("contract_signed", order.contract_company_sign_date)
        self._distribute_contract_copies()
        return True

    def _get_contract_departments(self):
        self.ensure_one()
        departments = (
            self.env["sale.contract.department"]
            .sudo()
            .search([("company_id", "=", self.company_id.id)])
        )
        if not departments:
            raise UserError(
                self.env._(
                    "No department receives contract copies in %(company)s: add them "
                    "in Sales > Configuration > Contract Departments.",
                    company=self.company_id.name,
                )
            )
        return departments

    def _render_contract_pdf(self):
        self.ensure_one()
        content, _report_type = (
            self.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("service_lifecycle.action_report_sale_contract", self.ids)
        )
        return content

    def _contract_pdf_filename(self):
        """The signed contract's file, in no one's language (its readers are
        in every department): the order's number."""
        self.ensure_one()
        return f"{self.name}.pdf"

    def _prepare_contract_copy_vals(self, department, pdf_content):
        self.ensure_one()
        return {
            "order_id": self.id,
            "department_id": department.id,
            "contract_pdf": base64.b64encode(pdf_content),
            "contract_pdf_filename": self._contract_pdf_filename(),
            "signed_scan": self.contract_signed_scan,
            "signed_scan_filename": self.contract_signed_scan_filename,
        }

    def _distribute_contract_copies(self):
        """Send a copy of each signed contract to every receiving department."""
        vals_list = []
        for order in self.filtered(lambda o: o.contract_state == "signed"):
            departments = order._get_contract_departments()
            pdf_content = order._render_contract_pdf()
            vals_list += [
                order._prepare_contract_copy_vals(department, pdf_content)
                for department in departments
            ]
            order.message_post(
                body=self.env._(
                    "Contract copies sent to: %(departments)s.",
                    departments=", ".join(departments.mapped("name")),
                ),
                attachments=[(order._contract_pdf_filename(), pdf_content)],
            )
        # Copies are system documents: salespeople read them but do not edit them.
        copies = self.env["sale.contract.copy"].sudo().create(vals_list)
        copies.order_id.write({"contract_state": "distributed"})
        return copies

    def action_view_contract_copies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_lifecycle.sale_contract_copy_action"
        )
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------
    # Confirmation and milestones
    # ------------------------------------------------------------------

    def _confirmation_error_message(self):
        error = super()._confirmation_error_message()
        if error:
            return error
        if (
            self.company_id.contract_review_required
            and self.contract_state not in CONFIRMABLE_CONTRACT_STATES
        ):
            return self.env._(
                "The contract of %(order)s must be approved by Legal before the order "
                "is confirmed: submit it for legal review first.",
                order=self.name,
            )
        return False

    def _action_confirm(self):
        result = super()._action_confirm()
        self._create_milestones()
        return result

    def _prepare_milestone_vals(self):
        self.ensure_one()
        start = self.company_id._local_day(self.date_order)
        delivery = self.commitment_date or self.expected_date
        planned = milestone_schedule.plan_milestones(
            start, delivery and self.company_id._local_day(delivery)
        )
        actual = {"contract_signed": self.contract_company_sign_date}
        if self.contract_company_sign_date:
            # signed before confirmation: planned as it happened
            planned["contract_signed"] = self.contract_company_sign_date
        return [
            {
                "order_id": self.id,
                "kind": kind,
                "user_id": self.user_id.id,
                "planned_date": planned[kind],
                "actual_date": actual.get(kind) or False,
            }
            for kind in milestone_schedule.MILESTONES
        ]

    def _create_milestones(self):
        vals_list = []
        for order in self.filtered(lambda o: not o.milestone_ids):
            vals_list += order._prepare_milestone_vals()
        return self.env["sale.order.milestone"].sudo().create(vals_list)

    def _reach_milestone(self, kind, date):
        """Record the actual date of a milestone of these orders (first time only)."""
        self.milestone_ids.filtered(
            lambda m: m.kind == kind and not m.actual_date
        ).sudo().write({"actual_date": date})

    # ------------------------------------------------------------------
    # Acceptance
    # ------------------------------------------------------------------

    def _get_warranty_start_date(self):
        """The date the three guarantees and the callback programme start from."""
        self.ensure_one()
        return self.warranty_start_date

    def action_view_acceptance_tickets(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Acceptance Tickets"),
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": [("id", "in", self.acceptance_ticket_ids.ids)],
            "context": {"create": False},
        }

    def action_new_acceptance(self):
        self.ensure_one()
        if self.state != "sale":
            raise UserError(
                self.env._(
                    "Confirm the order before recording its delivery acceptance."
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Delivery Acceptance"),
            "res_model": "sale.order.acceptance",
            "view_mode": "form",
            "context": {"default_order_id": self.id},
        }
