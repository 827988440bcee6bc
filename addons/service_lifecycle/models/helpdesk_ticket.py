# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
from collections import defaultdict

import pytz
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, html2plaintext
from odoo.tools.sql import create_index

from ..rules import complaints as complaint_rules
from ..rules import deadlines, warranty
from .helpdesk_ticket_stage import SERVICE_STEPS
from .service_complaint_group import COMPLAINT_SEVERITIES, DEFAULT_SEVERITY_RULES
from .service_policy_rule import REQUEST_TYPES, SERVICE_LEVELS, SERVICE_MODES

SLA_STATES = [
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("breached", "Breached"),
    ("met", "Met"),
]
SLA_ALERTS = [("warned", "Leader Warned"), ("escalated", "Escalated")]
# deadline kind -> field of the event that meets it
SLA_KINDS = {
    "handoff": "handoff_date",
    "response": "first_response_date",
    "resolution": "resolved_date",
}
# task orders alerted per run of the deadline cron (then it asks to run again)
SLA_ALERT_BATCH = 1000
# the worst state wins on the task order
SLA_SEVERITY = {"breached": 3, "at_risk": 2, "on_track": 1, "met": 0}
WARRANTY_DECISIONS = [
    ("return", "Return"),
    ("exchange", "Exchange"),
    ("free_repair", "Free Repair"),
    ("paid", "Paid Service"),
    ("unknown", "Unknown"),
]


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "service.input.mixin"]

    # ------------------------------------------------------------------
    # Intake
    # ------------------------------------------------------------------
    request_type = fields.Selection(
        REQUEST_TYPES, required=True, default="repair", tracking=True, index=True
    )
    customer_class = fields.Selection(
        related="commercial_partner_id.customer_class",
        store=True,
        string="Customer Class",
    )
    is_urgent = fields.Boolean(
        string="Urgent",
        tracking=True,
        help="Urgent service (e.g. a machine stopped in the harvest) raises the "
        "service level.",
    )
    received_date = fields.Datetime(
        string="Received",
        default=fields.Datetime.now,
        required=True,
        copy=False,
        help="When the request reached the hotline: the deadlines start here.",
    )
    service_step = fields.Selection(related="stage_id.service_step")
    product_id = fields.Many2one(
        "product.product",
        string="Product",
        compute="_compute_product_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
        tracking=True,
    )
    product_tracking = fields.Selection(related="product_id.tracking")
    lot_id = fields.Many2one(
        "stock.lot",
        string="Serial Number",
        domain="[('product_id', '=?', product_id)]",
        index="btree_not_null",
        check_company=True,
        tracking=True,
    )
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
    fault_date = fields.Date(
        default=fields.Date.context_today,
        help="Day the fault appeared; the warranty is decided for this day.",
    )
    working_conditions = fields.Text(
        help="How and where the machine works (e.g. farming, wet paddy fields, "
        "hours per day)."
    )
    fault_symptoms = fields.Text(help="What the customer sees, hears or measures.")
    warranty_decision = fields.Selection(
        WARRANTY_DECISIONS,
        string="Warranty Status",
        compute="_compute_warranty",
        store=True,
        tracking=True,
    )
    warranty_reason = fields.Char(compute="_compute_warranty", store=True)
    warranty_until = fields.Date(
        string="Covered Until", compute="_compute_warranty", store=True
    )
    duplicate_confirmed = fields.Boolean(
        string="Not a Duplicate",
        copy=False,
        help="Tick when the open task orders shown are a different problem.",
    )
    duplicate_candidate_ids = fields.Many2many(
        "helpdesk.ticket",
        string="Possible Duplicates",
        compute="_compute_duplicate_candidate_ids",
    )
    knowledge_article_count = fields.Integer(compute="_compute_knowledge_article_count")

    # ------------------------------------------------------------------
    # Service level, mode and deadlines
    # ------------------------------------------------------------------
    policy_rule_id = fields.Many2one(
        "service.policy.rule",
        string="Service Policy",
        compute="_compute_policy_rule_id",
        store=True,
    )
    service_level = fields.Selection(
        SERVICE_LEVELS,
        compute="_compute_service_level_mode",
        store=True,
        readonly=False,
        tracking=True,
    )
    service_mode = fields.Selection(
        SERVICE_MODES,
        compute="_compute_service_level_mode",
        store=True,
        readonly=False,
        tracking=True,
    )
    intake_done_date = fields.Datetime(
        string="Handed to Coordinator", copy=False, readonly=True
    )
    handoff_date = fields.Datetime(
        string="Handed to Technician", copy=False, readonly=True
    )
    first_response_date = fields.Datetime(copy=False, readonly=True)
    resolved_date = fields.Datetime(copy=False, readonly=True)
    handoff_deadline = fields.Datetime(
        string="Hand-off Deadline", compute="_compute_deadlines", store=True, copy=False
    )
    response_deadline = fields.Datetime(
        string="First Response Deadline",
        compute="_compute_deadlines",
        store=True,
        copy=False,
    )
    resolution_deadline = fields.Datetime(
        compute="_compute_deadlines", store=True, copy=False
    )
    handoff_risk_date = fields.Datetime(
        string="Hand-off at Risk From", compute="_compute_deadlines", store=True
    )
    response_risk_date = fields.Datetime(
        string="Response at Risk From", compute="_compute_deadlines", store=True
    )
    resolution_risk_date = fields.Datetime(
        string="Resolution at Risk From", compute="_compute_deadlines", store=True
    )
    handoff_sla_state = fields.Selection(
        SLA_STATES, string="Hand-off SLA", compute="_compute_sla_states", store=True
    )
    response_sla_state = fields.Selection(
        SLA_STATES, string="Response SLA", compute="_compute_sla_states", store=True
    )
    resolution_sla_state = fields.Selection(
        SLA_STATES, string="Resolution SLA", compute="_compute_sla_states", store=True
    )
    sla_state = fields.Selection(
        SLA_STATES,
        string="SLA",
        compute="_compute_sla_states",
        store=True,
        index=True,
        help="The worst state of the task order's deadlines.",
    )
    handoff_sla_alert = fields.Selection(
        SLA_ALERTS, string="Hand-off Alert", copy=False, readonly=True
    )
    response_sla_alert = fields.Selection(
        SLA_ALERTS, string="Response Alert", copy=False, readonly=True
    )
    resolution_sla_alert = fields.Selection(
        SLA_ALERTS, string="Resolution Alert", copy=False, readonly=True
    )

    # ------------------------------------------------------------------
    # Flows
    # ------------------------------------------------------------------
    diagnosis_steps = fields.Html(help="What was checked with the customer, in order.")
    solution = fields.Html(help="What solved the problem.")
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
    satisfaction = fields.Selection(
        [
            ("very_satisfied", "Very Satisfied"),
            ("satisfied", "Satisfied"),
            ("not_satisfied", "Not Satisfied"),
        ],
        copy=False,
        tracking=True,
    )
    satisfaction_comment = fields.Text(copy=False)
    rework_count = fields.Integer(
        copy=False,
        readonly=True,
        help="Times the customer was not satisfied and the task order was reopened.",
    )

    # ------------------------------------------------------------------
    # Complaints
    # ------------------------------------------------------------------
    complaint_severity = fields.Selection(
        COMPLAINT_SEVERITIES,
        string="Severity",
        compute="_compute_complaint_severity",
        store=True,
        readonly=False,
        tracking=True,
        help="Decides who of the complaint group handles the complaint and calls "
        "back, and its reply and solution deadlines.",
    )
    complaint_anonymous = fields.Boolean(
        string="Anonymous",
        tracking=True,
        help="The complainant gave no name: there is no callback.",
    )
    complaint_reply_only = fields.Boolean(
        string="Written Reply Only",
        tracking=True,
        help="The complainant only asked for a written reply: there is no "
        "callback, the reply must be attached before closing.",
    )
    complaint_group_id = fields.Many2one(
        "service.complaint.group",
        string="Complaint Group",
        compute="_compute_complaint_group_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )
    complaint_owner_id = fields.Many2one(
        "res.users",
        string="Complaint Owner",
        compute="_compute_complaint_owner_id",
        store=True,
        readonly=True,
        tracking=True,
        help="First-contact responsibility: whoever recorded the complaint owns it "
        "until it is explicitly handed over.",
    )
    complaint_solved_date = fields.Datetime(
        string="Solved",
        copy=False,
        readonly=True,
        help="When the solution that satisfies the customer was recorded.",
    )
    complaint_callback_confirmed = fields.Boolean(
        string="Callback Done",
        copy=False,
        tracking=True,
        help="Confirm that the customer was called back after the solution and is "
        "satisfied.",
    )
    complaint_handler_id = fields.Many2one(
        "res.users",
        string="Handled By",
        compute="_compute_complaint_handler_id",
        store=True,
        readonly=False,
        tracking=True,
        help="Who of the complaint group handles the complaint, from its severity.",
    )
    complaint_source_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Complained Task Order",
        compute="_compute_complaint_source_ticket_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        domain="[('request_type', '!=', 'complaint'), "
        "('commercial_partner_id', '=', commercial_partner_id)]",
        help="The service the customer complains about; proposed from the "
        "customer's latest task order for the same serial number or product.",
    )
    # investigation
    complaint_cause = fields.Selection(
        [
            ("product_quality", "Product Quality"),
            ("repair_quality", "Repair Quality"),
            ("service_attitude", "Service Attitude"),
            ("response_time", "Response Time"),
            ("delivery", "Delivery"),
            ("spare_parts", "Spare Parts"),
            ("charges", "Charges"),
            ("other", "Other"),
        ],
        string="Cause",
        tracking=True,
    )
    complaint_cause_details = fields.Text(
        string="Cause Details", help="What the investigation found, and how."
    )
    complaint_department_id = fields.Many2one(
        "hr.department",
        string="Responsible Department",
        index="btree_not_null",
        tracking=True,
        help="The level-2 department responsible for the cause; the complaint goes "
        "to the complaint group covering it.",
    )
    complaint_employee_id = fields.Many2one(
        "hr.employee",
        string="Responsible Person",
        domain="[('department_id', '=?', complaint_department_id)]",
        tracking=True,
        help="Who caused the problem; costs of fixing it are recorded against them.",
    )
    complaint_evidence_ids = fields.Many2many(
        "ir.attachment",
        "helpdesk_ticket_complaint_evidence_rel",
        "ticket_id",
        "attachment_id",
        string="Evidence",
        help="Photos, recordings and documents gathered by the investigation.",
    )
    complaint_visit_date = fields.Datetime(string="Site Visit")
    complaint_visit_user_ids = fields.Many2many(
        "res.users",
        "helpdesk_ticket_complaint_visit_user_rel",
        "ticket_id",
        "user_id",
        string="Visited By",
    )
    complaint_visit_report = fields.Html(
        string="Site Visit Record", help="Who was met, what was seen and agreed."
    )
    complaint_measure_ids = fields.One2many(
        "service.complaint.measure", "ticket_id", string="Measures"
    )
    # closing
    complaint_summary = fields.Html(
        string="Summary", copy=False, help="What happened and how it was solved."
    )
    complaint_preventive_measure = fields.Text(
        string="Preventive Measure",
        copy=False,
        help="What changes so that the problem does not happen again.",
    )
    complaint_reply_attachment_ids = fields.Many2many(
        "ir.attachment",
        "helpdesk_ticket_complaint_reply_rel",
        "ticket_id",
        "attachment_id",
        string="Written Reply",
        copy=False,
        help="The written reply sent to the customer, required to close a "
        "complaint that only asked for one.",
    )
    complaint_progress_date = fields.Datetime(
        string="Last Progress Update", copy=False, readonly=True
    )
    # repeats and the major-complaint review
    complaint_repeat_count = fields.Integer(
        string="Complaints in a Row",
        compute="_compute_complaint_major_candidate",
        store=True,
        help="How many of the customer's latest complaints in a row are about the "
        "same serial number (or product) and category, this one included.",
    )
    complaint_source_rework_count = fields.Integer(
        related="complaint_source_ticket_id.rework_count",
        string="Reworks of the Task Order",
    )
    complaint_major_candidate = fields.Boolean(
        string="Major Complaint Candidate",
        compute="_compute_complaint_major_candidate",
        store=True,
        index=True,
        help="Complained of repeatedly, or its repair was reworked too often: to be "
        "reviewed as a major complaint.",
    )
    complaint_candidate_reason = fields.Char(
        string="Why a Candidate",
        compute="_compute_complaint_major_candidate",
        store=True,
    )
    complaint_review_state = fields.Selection(
        [
            ("major", "Major Complaint"),
            ("not_major", "Not Major"),
        ],
        string="Review Decision",
        copy=False,
        readonly=True,
        tracking=True,
    )
    complaint_review_note = fields.Text(
        string="Review Reasons", copy=False, help="Why the review decided so."
    )
    complaint_reviewer_id = fields.Many2one(
        "res.users", string="Reviewed By", copy=False, readonly=True
    )
    complaint_review_date = fields.Datetime(
        string="Reviewed On", copy=False, readonly=True
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("lot_id")
    def _compute_product_id(self):
        for ticket in self.filtered("lot_id"):
            ticket.product_id = ticket.lot_id.product_id

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
            ticket.purchase_date = order.sudo().date_order.date() if order else False
            ticket.delivery_date = ticket._find_delivery_date()

    def _find_delivery_date(self):
        """Day the serial number (or product) left for the customer."""
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
        return min(dates).date() if dates else False

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
                ticket.warranty_decision = "unknown" if ticket.product_id else False
                ticket.warranty_reason = False
                ticket.warranty_until = False
                continue
            ticket.warranty_decision = decision.remedy
            ticket.warranty_reason = ticket._format_warranty_reason(decision)
            ticket.warranty_until = decision.covered_until

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

    def _format_warranty_reason(self, decision):
        """The rules' decision explained in the user's language."""
        self.ensure_one()
        _ = self.env._
        policy = self._get_warranty_policy()._to_rule()
        kind = (self.faulty_part_id or self.product_id).product_tmpl_id
        kind = kind._get_service_part_kind()
        if kind == "wearing_part":
            return _("Wearing parts are never covered by the warranty.")
        if decision.remedy == "return":
            return _(
                "Fault on day %(day)s, within the %(days)s-day return window.",
                day=decision.days_since_start,
                days=policy.return_days,
            )
        if decision.remedy == "exchange":
            return _(
                "Fault on day %(day)s, within the %(days)s-day exchange window.",
                day=decision.days_since_start,
                days=policy.exchange_days,
            )
        if kind == "main_component":
            months, what = policy.main_component_months, _("main component")
        else:
            months, what = policy.machine_months, _("whole machine")
        until = format_date(self.env, decision.covered_until)
        if decision.remedy == "free_repair":
            return _(
                "Within the %(months)s-month free repair period of the %(what)s "
                "(until %(date)s).",
                months=months,
                what=what,
                date=until,
            )
        return _(
            "The %(months)s-month free repair period of the %(what)s ended on "
            "%(date)s.",
            months=months,
            what=what,
            date=until,
        )

    @api.depends("customer_class", "request_type", "is_urgent", "company_id")
    def _compute_policy_rule_id(self):
        rules = self.env["service.policy.rule"].search(
            [("company_id", "in", [*self.company_id.ids, False])]
        )
        for ticket in self:
            company_rules = rules.filtered(
                lambda r, t=ticket: not r.company_id or r.company_id == t.company_id
            )
            ticket.policy_rule_id = rules._match(
                company_rules,
                ticket.customer_class,
                ticket.request_type,
                ticket.is_urgent,
            )

    @api.depends("policy_rule_id", "warranty_decision")
    def _compute_service_level_mode(self):
        for ticket in self:
            rule = ticket.policy_rule_id
            ticket.service_level = rule.service_level or "3"
            mode = rule.service_mode or "phone"
            if mode in ("on_site", "carry_in", "mail_in") and (
                ticket.warranty_decision == "paid"
                or ticket.request_type == "paid_service"
            ):
                mode = "paid"
            ticket.service_mode = mode

    @api.depends(
        "received_date",
        "policy_rule_id",
        "team_id.resource_calendar_id",
        "complaint_severity",
        "complaint_group_id",
    )
    def _compute_deadlines(self):
        by_calendar = defaultdict(lambda: self.browse())
        for ticket in self:
            by_calendar[ticket._get_service_calendar()] |= ticket
        for calendar, tickets in by_calendar.items():
            tickets._set_deadlines(calendar)

    def _get_service_calendar(self):
        self.ensure_one()
        return self.team_id.resource_calendar_id or self.company_id.resource_calendar_id

    def _get_sla_durations(self):
        """Working time allowed for each deadline kind, ``None`` for a deadline
        that does not apply: the policy rule's, and for a complaint its group's
        reply and solution times for its severity (a complaint goes to the
        complaint group, not to a hotline technician: no hand-off)."""
        self.ensure_one()
        rule = self.policy_rule_id
        durations = dict.fromkeys(SLA_KINDS)
        if rule:
            durations.update(
                handoff=datetime.timedelta(minutes=rule.handoff_minutes),
                response=datetime.timedelta(hours=rule.response_hours),
                resolution=datetime.timedelta(hours=rule.resolution_hours),
            )
        if self.request_type == "complaint":
            durations["handoff"] = None
            severity_rule = (
                self.complaint_group_id._get_severity_rule(
                    self.complaint_severity or "general"
                )
                if self.complaint_group_id
                else None
            )
            if severity_rule:
                durations.update(
                    response=datetime.timedelta(hours=severity_rule.reply_hours),
                    resolution=datetime.timedelta(hours=severity_rule.solution_hours),
                )
        return durations

    def _set_deadlines(self, calendar):
        """Set the deadlines of tickets sharing ``calendar``, with one lookup of
        the calendar's working intervals."""
        now = fields.Datetime.now()
        durations = {ticket: ticket._get_sla_durations() for ticket in self}
        empty = {
            f"{kind}_{suffix}": False
            for kind in SLA_KINDS
            for suffix in ("deadline", "risk_date")
        }
        timed = self.filtered(
            lambda t: any(d is not None for d in durations[t].values())
        )
        (self - timed).update(empty)
        if not timed:
            return
        starts = [t.received_date or now for t in timed]
        longest = max(
            d.total_seconds() / 3600
            for t in timed
            for d in durations[t].values()
            if d is not None
        )
        intervals = self._get_work_intervals(
            calendar, min(starts), max(starts), longest
        )
        for ticket, start in zip(timed, starts, strict=True):
            share = ticket.company_id.service_at_risk_share
            aware_start = pytz.utc.localize(start)
            for kind, duration in durations[ticket].items():
                if duration is None:
                    ticket[f"{kind}_deadline"] = False
                    ticket[f"{kind}_risk_date"] = False
                    continue
                deadline = deadlines.add_working_time(aware_start, duration, intervals)
                deadline = deadline.astimezone(pytz.utc).replace(tzinfo=None)
                ticket[f"{kind}_deadline"] = deadline
                ticket[f"{kind}_risk_date"] = deadline - (deadline - start) * share

    @api.model
    def _get_work_intervals(self, calendar, first_start, last_start, hours):
        """Working intervals of ``calendar`` from ``first_start`` far enough past
        ``last_start`` to hold ``hours`` of work; round the clock without one."""
        start = pytz.utc.localize(first_start)
        if not calendar or not calendar.attendance_ids:
            return [
                (
                    start,
                    pytz.utc.localize(last_start) + datetime.timedelta(hours=hours + 1),
                )
            ]
        per_day = calendar.hours_per_day or 8.0
        days = int(hours / per_day * 7 / 5) + 14
        for _attempt in range(4):
            end = pytz.utc.localize(last_start) + datetime.timedelta(days=days)
            found = calendar._work_intervals_batch(start, end)[False]
            intervals = [(begin, stop) for begin, stop, _records in found]
            total = sum(
                (
                    stop - begin
                    for begin, stop in intervals
                    if begin >= pytz.utc.localize(last_start)
                ),
                datetime.timedelta(0),
            )
            if total >= datetime.timedelta(hours=hours):
                return intervals
            days *= 3
        raise UserError(
            self.env._(
                "The working calendar %(calendar)s has too little working time to "
                "compute the deadlines; add working hours or remove leaves.",
                calendar=calendar.display_name,
            )
        )

    @api.depends(
        "stage_id",
        "received_date",
        "handoff_deadline",
        "response_deadline",
        "resolution_deadline",
        "handoff_date",
        "first_response_date",
        "resolved_date",
        "complaint_solved_date",
    )
    def _compute_sla_states(self):
        now = fields.Datetime.now()
        for ticket in self:
            share = ticket.company_id.service_at_risk_share
            states = []
            for kind in SLA_KINDS:
                done = ticket._get_sla_done_date(kind)
                state = deadlines.sla_state(
                    ticket.received_date, ticket[f"{kind}_deadline"], done, now, share
                )
                if ticket.stage_id.closed and not done:
                    state = False
                ticket[f"{kind}_sla_state"] = state
                if state:
                    states.append(state)
            ticket.sla_state = (
                max(states, key=SLA_SEVERITY.__getitem__) if states else False
            )

    def _get_sla_done_date(self, kind):
        """When the event meeting the ``kind`` deadline happened: a complaint's
        solution deadline is met when the customer accepted the solution."""
        self.ensure_one()
        done = self[SLA_KINDS[kind]]
        if kind == "resolution" and self.complaint_solved_date:
            done = (
                min(done, self.complaint_solved_date)
                if done
                else (self.complaint_solved_date)
            )
        return done

    @api.depends("commercial_partner_id", "lot_id", "product_id", "company_id")
    def _compute_duplicate_candidate_ids(self):
        duplicates = self._get_open_duplicates()
        for ticket in self:
            ticket.duplicate_candidate_ids = duplicates.get(ticket, self.browse())

    def _get_open_duplicates(self):
        """Open task orders of the same customer for the same serial number (or
        the same product when there is no serial) within each company's window,
        oldest first: one query for the whole recordset."""
        tickets = self.filtered(
            lambda t: t.commercial_partner_id and (t.lot_id or t.product_id)
        )
        if not tickets:
            return {}
        now = fields.Datetime.now()
        since = {
            company: now - datetime.timedelta(days=company.service_duplicate_days)
            for company in tickets.company_id
        }
        candidates = self.search(
            [
                ("commercial_partner_id", "in", tickets.commercial_partner_id.ids),
                ("company_id", "in", tickets.company_id.ids),
                ("stage_id.closed", "=", False),
                ("duplicate_id", "=", False),
                ("received_date", ">=", min(since.values())),
                ("id", "not in", tickets._origin.ids),
            ],
            order="received_date, id",
        )
        result = {}
        for ticket in tickets:
            same = candidates.filtered(
                lambda c, t=ticket: (
                    c.commercial_partner_id == t.commercial_partner_id
                    and c.company_id == t.company_id
                    and c.received_date >= since[t.company_id]
                    and (
                        c.lot_id == t.lot_id
                        if t.lot_id
                        else c.product_id == t.product_id
                    )
                )
            )
            if same:
                result[ticket] = same
        return result

    @api.model
    def _find_duplicates(self, company, partner, product, lot):
        """Open task orders a new call of ``partner`` about ``lot`` (or
        ``product``) would repeat."""
        probe = self.new(
            {
                "company_id": (company or self.env.company).id,
                "partner_id": partner.id,
                "product_id": product.id,
                "lot_id": lot.id,
            }
        )
        return probe._get_open_duplicates().get(probe, self.browse())

    @api.depends("product_id")
    def _compute_knowledge_article_count(self):
        groups = self.env["service.knowledge.article"]._read_group(
            [("product_id", "in", self.product_id.ids)], ["product_id"], ["__count"]
        )
        counts = {product.id: count for product, count in groups}
        for ticket in self:
            ticket.knowledge_article_count = counts.get(ticket.product_id.id, 0)

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

    @api.depends("request_type")
    def _compute_complaint_severity(self):
        for ticket in self:
            if ticket.request_type != "complaint":
                ticket.complaint_severity = False
            elif not ticket.complaint_severity:
                ticket.complaint_severity = "general"

    @api.depends("request_type", "company_id", "complaint_department_id")
    def _compute_complaint_group_id(self):
        complaints = self.filtered(lambda t: t.request_type == "complaint")
        (self - complaints).complaint_group_id = False
        if not complaints:
            return
        groups = self.env["service.complaint.group"].search(
            [("company_id", "in", complaints.company_id.ids)]
        )
        for ticket in complaints:
            covering = groups.filtered(
                lambda g, t=ticket: (
                    g.company_id == t.company_id
                    and t.complaint_department_id in g.department_ids
                )
            )[:1]
            if covering:
                ticket.complaint_group_id = covering
            elif not ticket.complaint_group_id:
                ticket.complaint_group_id = ticket._find_complaint_group(groups)

    def _find_complaint_group(self, groups):
        """The group among ``groups`` for this complaint: the one whose members
        include its owner, else the company's first group."""
        self.ensure_one()
        groups = groups.filtered(lambda g: g.company_id == self.company_id)
        user = self.complaint_owner_id or self.env.user
        mine = groups.filtered(
            lambda g: user in (g.member_ids | g.leader_id | g.assistant_id)
        )
        return (mine or groups)[:1]

    @api.depends("request_type")
    def _compute_complaint_owner_id(self):
        for ticket in self:
            if ticket.request_type != "complaint":
                ticket.complaint_owner_id = False
            elif not ticket.complaint_owner_id:
                # first-contact responsibility: whoever records the complaint
                ticket.complaint_owner_id = self.env.user

    @api.depends("complaint_group_id", "complaint_severity")
    def _compute_complaint_handler_id(self):
        for ticket in self:
            if ticket.request_type != "complaint":
                ticket.complaint_handler_id = False
            elif ticket.complaint_group_id:
                ticket.complaint_handler_id = ticket._get_complaint_handler()

    @api.depends("request_type", "commercial_partner_id", "lot_id", "product_id")
    def _compute_complaint_source_ticket_id(self):
        complaints = self.filtered(
            lambda t: (
                t.request_type == "complaint"
                and t.commercial_partner_id
                and (t.lot_id or t.product_id)
            )
        )
        (self - complaints).complaint_source_ticket_id = False
        if not complaints:
            return
        candidates = self.search(
            [
                ("commercial_partner_id", "in", complaints.commercial_partner_id.ids),
                ("request_type", "!=", "complaint"),
                ("id", "not in", complaints.ids),
            ],
            order="received_date desc, id desc",
        )
        for ticket in complaints:
            ticket.complaint_source_ticket_id = candidates.filtered(
                lambda c, t=ticket: (
                    c.commercial_partner_id == t.commercial_partner_id
                    and (
                        c.lot_id == t.lot_id
                        if t.lot_id
                        else c.product_id == t.product_id
                    )
                )
            )[:1]

    def _get_complaint_issue(self):
        """What a complaint is about, to find repeats: the serial number (or the
        product) and the category; None when neither is known."""
        self.ensure_one()
        if not (self.lot_id or self.product_id):
            return None
        thing = (
            ("lot", self.lot_id.id) if self.lot_id else ("product", self.product_id.id)
        )
        return (thing, self.category_id.id)

    @api.depends(
        "request_type",
        "commercial_partner_id",
        "lot_id",
        "product_id",
        "category_id",
        "complaint_source_ticket_id.rework_count",
        "company_id.complaint_repeat_threshold",
        "company_id.complaint_rework_threshold",
    )
    def _compute_complaint_major_candidate(self):
        complaints = self.filtered(lambda t: t.request_type == "complaint")
        (self - complaints).update(
            {
                "complaint_repeat_count": 0,
                "complaint_major_candidate": False,
                "complaint_candidate_reason": False,
            }
        )
        if not complaints:
            return
        history = self.search_fetch(
            [
                ("request_type", "=", "complaint"),
                ("commercial_partner_id", "in", complaints.commercial_partner_id.ids),
                ("duplicate_id", "=", False),
            ],
            ["commercial_partner_id", "received_date", "lot_id", "product_id"],
            order="received_date, id",
        )
        labels = {
            "repeat": self.env._("complained of %(count)s times in a row"),
            "rework": self.env._("its task order was reworked %(count)s times"),
        }
        for ticket in complaints:
            earlier = history.filtered(
                lambda c, t=ticket: (
                    c.commercial_partner_id == t.commercial_partner_id
                    and c.id != t._origin.id
                    and (c.received_date, c.id)
                    < (t.received_date, t._origin.id or float("inf"))
                )
            )
            issues = [c._get_complaint_issue() for c in earlier]
            issues.append(ticket._get_complaint_issue())
            streak = complaint_rules.repeat_streak(issues, issues[-1])
            rework = ticket.complaint_source_ticket_id.rework_count
            company = ticket.company_id or self.env.company
            reasons = complaint_rules.major_candidate_reasons(
                streak,
                rework,
                company.complaint_repeat_threshold,
                company.complaint_rework_threshold,
            )
            ticket.complaint_repeat_count = streak
            ticket.complaint_major_candidate = bool(reasons)
            ticket.complaint_candidate_reason = "; ".join(
                labels[reason] % {"count": streak if reason == "repeat" else rework}
                for reason in reasons
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # before helpdesk_mgmt reads the values
        for vals in vals_list:
            self._check_input_values(vals)
        tickets = super().create(vals_list)
        tickets._check_no_duplicate()
        tickets._schedule_major_reviews()
        return tickets

    def write(self, vals):
        self._check_input_values(vals)
        if "complaint_owner_id" in vals and not self.env.context.get(
            "complaint_handover"
        ):
            changed = self.filtered(
                lambda t: t.complaint_owner_id.id != vals["complaint_owner_id"]
            )
            if changed:
                raise UserError(
                    self.env._(
                        "The owner of a complaint changes only by a hand-over: use "
                        "Hand Over on %(tickets)s.",
                        tickets=", ".join(changed.mapped("number")),
                    )
                )
        leaving_intake = self.browse()
        if "stage_id" in vals:
            stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if stage.service_step != "intake" and not stage.closed:
                leaving_intake = self.filtered(
                    lambda t: t.stage_id.service_step == "intake"
                )
        result = super().write(vals)
        if "stage_id" in vals:
            leaving_intake._check_intake_complete()
            self._stamp_hand_offs()
        self._schedule_major_reviews()
        return result

    def _stamp_hand_offs(self):
        """Time-stamp the hand-offs the stage change stands for."""
        now = fields.Datetime.now()
        moving_on = self.filtered(
            lambda t: t.stage_id.service_step not in (False, "intake")
        )
        moving_on.filtered(lambda t: not t.intake_done_date).intake_done_date = now
        with_technician = moving_on.filtered(
            lambda t: (
                t.stage_id.service_step in ("diagnosis", "service", "confirmation")
            )
        )
        technicians = self.env.ref("service_lifecycle.group_hotline_technician")
        # complaints are handled by the complaint group, not by technicians
        without = with_technician.filtered(
            lambda t: (
                t.request_type != "complaint"
                and technicians not in t.user_id.sudo().groups_id
            )
        )
        if without:
            raise UserError(
                self.env._(
                    "Assign a hotline technician to %(tickets)s before handing it on.",
                    tickets=", ".join(without.mapped("number")),
                )
            )
        with_technician.filtered(lambda t: not t.handoff_date).handoff_date = now

    def copy(self, default=None):
        default = dict(default or {}, duplicate_confirmed=True)
        return super().copy(default)

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------
    def _get_intake_required_fields(self):
        """Fields a task order needs before it leaves the intake stage, for its
        request type. Override to add fields."""
        self.ensure_one()
        common = ["partner_id", "channel_id", "request_type"]
        machine = ["product_id", "purchase_date", "fault_symptoms"]
        if self.product_id.tracking in ("serial", "lot"):
            machine.append("lot_id")
        per_type = {
            "repair": [*machine, "working_conditions", "fault_date"],
            "consultation": [],
            "complaint": [],
            "return_exchange": [*machine, "sale_order_id", "fault_date"],
            "paid_service": [*machine, "working_conditions"],
        }
        if self.request_type == "complaint" and self.complaint_anonymous:
            # an anonymous complainant leaves no name
            common.remove("partner_id")
        return common + per_type.get(self.request_type, [])

    def _check_intake_complete(self):
        for ticket in self:
            missing = [
                ticket._fields[name].get_description(self.env)["string"]
                for name in ticket._get_intake_required_fields()
                if not ticket[name]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Task order %(number)s (%(type)s) is not complete. "
                        "Fill in: %(fields)s.",
                        number=ticket.number,
                        type=dict(
                            ticket._fields["request_type"]._description_selection(
                                self.env
                            )
                        )[ticket.request_type],
                        fields=", ".join(missing),
                    )
                )

    def _check_no_duplicate(self):
        """Refuse a task order that repeats an open one, unless confirmed."""
        to_check = self.filtered(
            lambda t: not t.duplicate_confirmed and not t.duplicate_id
        )
        duplicates = to_check._get_open_duplicates()
        for ticket, same in duplicates.items():
            raise UserError(
                self.env._(
                    "Task order %(existing)s is already open for this customer "
                    'and %(what)s. Add this call to it, or tick "Not a '
                    'Duplicate" if it is another problem.',
                    existing=same[0].display_name,
                    what=ticket.lot_id.name or ticket.product_id.display_name,
                )
            )

    def _check_can_close(self):
        complaints = self.filtered(lambda t: t.request_type == "complaint")
        complaints._check_complaint_can_close()
        for ticket in self - complaints:
            if (
                ticket.service_mode == "phone"
                and not html2plaintext(ticket.diagnosis_steps or "").strip()
            ):
                raise UserError(
                    self.env._(
                        "Record the diagnosis steps of %(number)s before closing it.",
                        number=ticket.number,
                    )
                )
            if not html2plaintext(ticket.solution or "").strip():
                raise UserError(
                    self.env._(
                        "Record the solution of %(number)s before closing it.",
                        number=ticket.number,
                    )
                )

    # ------------------------------------------------------------------
    # Actions: hand-offs
    # ------------------------------------------------------------------
    def _move_to_step(self, step):
        for ticket in self:
            stage = ticket.team_id._get_stage_for_step(step)
            if not stage:
                raise UserError(
                    self.env._(
                        "No stage stands for the step %(step)s; a service manager "
                        "sets it on a stage in Configuration > Stages.",
                        step=dict(SERVICE_STEPS).get(step, step),
                    )
                )
            ticket.stage_id = stage

    def action_submit_intake(self):
        """Phone agent: the intake is complete, hand it to the coordinator."""
        self._check_intake_complete()
        self._move_to_step("coordination")
        return True

    def action_hand_to_technician(self):
        """Information coordinator: hand the task order to its technician."""
        self._move_to_step("diagnosis")
        return True

    def action_record_response(self):
        """Hotline technician: the customer has been contacted."""
        self.filtered(
            lambda t: not t.first_response_date
        ).first_response_date = fields.Datetime.now()
        return True

    def _start_service(self):
        self.action_record_response()
        self.filtered(lambda t: t.service_step != "service")._move_to_step("service")

    def action_close(self):
        """Ask the customer's satisfaction before closing."""
        self.ensure_one()
        self._check_can_close()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Close Task Order"),
            "res_model": "service.close.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def _apply_satisfaction(self, satisfaction, comment=False):
        """Close on a satisfied answer; reopen (rework) on a dissatisfied one."""
        now = fields.Datetime.now()
        for ticket in self:
            if satisfaction == "not_satisfied":
                ticket.write(
                    {
                        "satisfaction": satisfaction,
                        "satisfaction_comment": comment,
                        "rework_count": ticket.rework_count + 1,
                        "resolved_date": False,
                        "complaint_solved_date": False,
                        "complaint_callback_confirmed": False,
                    }
                )
                ticket._move_to_step(
                    "service" if ticket.request_type == "complaint" else "diagnosis"
                )
                ticket.message_post(
                    body=self.env._(
                        "The customer is not satisfied: the task order is reopened "
                        "(rework %(count)s).",
                        count=ticket.rework_count,
                    )
                )
                continue
            ticket.action_record_response()
            ticket.write(
                {
                    "satisfaction": satisfaction,
                    "satisfaction_comment": comment,
                    "resolved_date": now,
                }
            )
            ticket._move_to_step("closed")
            ticket._close_sla_activities()

    # ------------------------------------------------------------------
    # Actions: duplicates and knowledge
    # ------------------------------------------------------------------
    def action_link_to_duplicate(self):
        """Keep one record: this task order becomes a duplicate of the open one."""
        self.ensure_one()
        original = self.duplicate_candidate_ids[:1]
        if not original:
            raise UserError(self.env._("No open task order to link this one to."))
        original._add_call_from(self.partner_id, self.description)
        cancel_stage = (
            self.company_id.helpdesk_mgmt_duplicate_ticket_stage_id
            or self.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_stage_cancelled",
                raise_if_not_found=False,
            )
            or self.team_id._get_applicable_stages().filtered("closed")[-1:]
        )
        self.write({"duplicate_id": original.id, "stage_id": cancel_stage.id})
        return original._get_form_action()

    def _add_call_from(self, caller, body):
        """Record on this task order that ``caller`` reported the problem again."""
        self.ensure_one()
        self.message_subscribe(caller.ids)
        self.message_post(
            body=Markup("<p>%s</p>%s")
            % (
                self.env._("Reported again by %(caller)s.", caller=caller.display_name),
                Markup(body or ""),
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    def action_view_knowledge(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_lifecycle.service_knowledge_article_action"
        )
        action["context"] = {
            "search_default_product_id": self.product_id.id,
            "default_product_id": self.product_id.id,
        }
        return action

    def _get_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------------
    # Actions: service flows
    # ------------------------------------------------------------------
    def action_phone_guidance_done(self):
        """Phone guidance: diagnosis and solution recorded, ask the customer."""
        self.ensure_one()
        self._check_can_close()
        self.action_record_response()
        return self.action_close()

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
            "name": self.env._(
                "On-site service %(number)s: %(name)s",
                number=self.number,
                name=self.name,
            ),
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

    # ------------------------------------------------------------------
    # Deadlines at work
    # ------------------------------------------------------------------
    def _sla_alert_domain(self, kind, level, now):
        """Open task orders whose ``kind`` deadline needs an alert of ``level``."""
        date_field = f"{kind}_risk_date" if level == "warned" else f"{kind}_deadline"
        already = ["warned", "escalated"] if level == "warned" else ["escalated"]
        domain = [
            ("stage_id.closed", "=", False),
            (SLA_KINDS[kind], "=", False),
            (date_field, "<=", now),
            "|",
            (f"{kind}_sla_alert", "=", False),
            (f"{kind}_sla_alert", "not in", already),
        ]
        if kind == "resolution":
            domain.append(("complaint_solved_date", "=", False))
        return domain

    def _auto_init(self):
        result = super()._auto_init()
        # The deadline cron looks for the deadlines passed whose event has not
        # happened: small indexes of those deadlines only (open task orders,
        # mostly), instead of a scan of every task order on each run.
        for kind, done_field in SLA_KINDS.items():
            for suffix in ("deadline", "risk_date"):
                create_index(
                    self.env.cr,
                    f"helpdesk_ticket_{kind}_{suffix}_pending_index",
                    self._table,
                    [f'"{kind}_{suffix}"'],
                    where=f'"{done_field}" IS NULL',
                )
        return result

    @api.model
    def _cron_check_sla(self, batch_size=SLA_ALERT_BATCH):
        """Warn team leaders of deadlines at risk, escalate the breached ones.

        A task order is alerted once per deadline and level, so a second run
        changes nothing. Only the task orders whose deadline or risk date has
        passed without an alert are read (through the pending deadlines'
        indexes), a batch per run; their SLA states are refreshed and their
        alerts created together."""
        now = fields.Datetime.now()
        done = 0
        for level in ("escalated", "warned"):
            for kind in SLA_KINDS:
                domain = self._sla_alert_domain(kind, level, now)
                tickets = self.search(domain, limit=batch_size - done, order="id")
                if not tickets:
                    continue
                tickets._lock_for_sla_alert()
                tickets._send_sla_alert(kind, level)
                done += len(tickets)
                if done >= batch_size:
                    remaining = self.search_count(domain)
                    self.env["ir.cron"]._notify_progress(
                        done=done, remaining=remaining or 1
                    )
                    return
        self.env["ir.cron"]._notify_progress(done=done, remaining=0)

    def _lock_for_sla_alert(self):
        """Lock the task orders before alerting: a run in parallel waits, then
        fails to serialize (and is retried) instead of alerting them twice."""
        self.env.cr.execute(
            "SELECT id FROM helpdesk_ticket WHERE id IN %s FOR NO KEY UPDATE",
            [tuple(self.ids)],
        )

    def _send_sla_alert(self, kind, level):
        labels = {
            "handoff": self.env._("hand-off"),
            "response": self.env._("first response"),
            "resolution": self.env._("resolution"),
        }
        # the states depend on the clock: refresh them now that it has moved on
        state_fields = ["sla_state"] + [f"{k}_sla_state" for k in SLA_KINDS]
        for fname in state_fields:
            self.env.add_to_compute(self._fields[fname], self)
        self._recompute_recordset(state_fields)
        if level == "warned":
            activity_type = "service_lifecycle.mail_activity_type_sla_warning"
            summary = self.env._("The %(what)s deadline is at risk", what=labels[kind])
        else:
            activity_type = "service_lifecycle.mail_activity_type_sla_breach"
            summary = self.env._("The %(what)s deadline is breached", what=labels[kind])
        alerted = defaultdict(list)
        for ticket in self:
            user = ticket._get_sla_alert_user(level)
            if not user:
                ticket.message_post(body=summary)
                continue
            day = fields.Date.context_today(ticket, ticket[f"{kind}_deadline"])
            alerted[user, day].append(ticket.id)
        # one creation per person and day; the people alerted see the
        # activities in their list (an e-mail per activity would flood them)
        for (user, day), ticket_ids in alerted.items():
            self.browse(ticket_ids).with_context(
                mail_activity_quick_update=True
            ).activity_schedule(
                activity_type, date_deadline=day, summary=summary, user_id=user.id
            )
        self.write({f"{kind}_sla_alert": level})

    def _get_sla_alert_user(self, level):
        """Who is warned of a deadline at risk (the team leader; for a complaint
        its group leader) and who gets the breaches (the company's escalation
        manager; for a complaint its group's manager)."""
        self.ensure_one()
        group = self.complaint_group_id if self.request_type == "complaint" else None
        if level == "warned":
            return (group and group.leader_id) or self.team_id.user_id or self.user_id
        return (
            self.company_id.service_escalation_user_id
            or (group and (group.manager_id or group.leader_id))
            or self.team_id.user_id
            or self.user_id
        )

    def _close_sla_activities(self):
        self.activity_unlink(
            [
                "service_lifecycle.mail_activity_type_sla_warning",
                "service_lifecycle.mail_activity_type_sla_breach",
            ]
        )

    # ------------------------------------------------------------------
    # Complaints: solving and the callback (hooks used by service_callback)
    # ------------------------------------------------------------------
    def _ensure_complaints(self):
        not_complaints = self.filtered(lambda t: t.request_type != "complaint")
        if not_complaints:
            raise UserError(
                self.env._(
                    "%(tickets)s is not a complaint.",
                    tickets=", ".join(not_complaints.mapped("number")),
                )
            )

    def action_complaint_solved(self):
        """The customer accepted the solution: the solution deadline is met and
        the callback can be planned."""
        self._ensure_complaints()
        for ticket in self:
            if ticket.closed:
                raise UserError(
                    self.env._(
                        "Complaint %(number)s is closed already.", number=ticket.number
                    )
                )
            if not html2plaintext(ticket.solution or "").strip():
                raise UserError(
                    self.env._(
                        "Record the solution of complaint %(number)s before marking "
                        "it solved.",
                        number=ticket.number,
                    )
                )
        todo = self.filtered(lambda t: not t.complaint_solved_date)
        todo.action_record_response()
        todo.complaint_solved_date = fields.Datetime.now()
        for ticket in todo:
            ticket.message_post(
                body=self.env._("The complaint is solved; the customer accepted it.")
            )
        todo.filtered(lambda t: t.service_step != "confirmation")._move_to_step(
            "confirmation"
        )
        todo._complaint_solved_hook()
        return True

    def _complaint_solved_hook(self):
        """Extension point, called on the complaints just marked solved.

        Does nothing here; ``service_callback`` plans the complaint callback."""
        return True

    @api.model
    def _complaint_callback_owed_domain(self):
        """The one definition of "a complaint owed a callback": complaints,
        except anonymous ones and those that only asked for a written reply.
        The close gate, the callback planner and the indicators all use it."""
        return [
            ("request_type", "=", "complaint"),
            ("complaint_anonymous", "=", False),
            ("complaint_reply_only", "=", False),
        ]

    def _complaint_needs_callback(self):
        """The complaints of ``self`` whose closing waits for a callback."""
        return self.filtered_domain(self._complaint_callback_owed_domain())

    def _complaint_callback_done(self):
        """Whether the callback condition of closing is met, as
        ``{ticket_id: bool}``.

        Here it is the manual confirmation ``complaint_callback_confirmed``;
        ``service_callback`` looks for its done complaint callback instead.
        Only asked for the complaints that need a callback."""
        return {ticket.id: ticket.complaint_callback_confirmed for ticket in self}

    def _get_complaint_callback_user(self):
        """The user who must call back, from the complaint's severity and its
        group's roles (assistant, supervisor, manager); the group leader when
        the role is unfilled, the complaint owner without a group. On several
        complaints, all of their users."""
        users = self.env["res.users"]
        for ticket in self:
            users |= ticket._get_complaint_role_user("callback_role")
        return users

    def _get_complaint_handler(self):
        """The user who handles the complaint according to its severity."""
        self.ensure_one()
        return self._get_complaint_role_user("handler_role")

    def _get_complaint_role_user(self, role_field):
        self.ensure_one()
        group = self.complaint_group_id
        if not group:
            return self.complaint_owner_id
        severity = self.complaint_severity or "general"
        rule = group._get_severity_rule(severity)
        if rule:
            role = rule[role_field]
        else:
            handler, callback = DEFAULT_SEVERITY_RULES[severity][:2]
            role = handler if role_field == "handler_role" else callback
        return group._get_role_user(role) or self.complaint_owner_id

    # ------------------------------------------------------------------
    # Complaints: the flow
    # ------------------------------------------------------------------
    def _check_complaint_can_close(self):
        """Refuse to close complaints that miss a condition, naming them all:
        marked solved, every measure done, a summary, a preventive measure, and
        the callback (or, for a written reply only, the reply attached)."""
        if not self:
            return
        needs_callback = self._complaint_needs_callback()
        callback_done = needs_callback._complaint_callback_done()
        _ = self.env._
        for ticket in self:
            missing = []
            if not ticket.complaint_solved_date:
                missing.append(_("mark it solved once the customer accepts a solution"))
            open_measures = ticket.complaint_measure_ids.filtered(
                lambda m: not m.date_done
            )
            if open_measures:
                missing.append(
                    _(
                        "finish the measures %(measures)s",
                        measures=", ".join(open_measures.mapped("name")),
                    )
                )
            if not html2plaintext(ticket.complaint_summary or "").strip():
                missing.append(_("write the summary"))
            if not (ticket.complaint_preventive_measure or "").strip():
                missing.append(_("record the preventive measure"))
            if ticket in needs_callback and not callback_done.get(ticket.id):
                missing.append(_("call the customer back to confirm satisfaction"))
            if (
                ticket.complaint_reply_only
                and not ticket.complaint_reply_attachment_ids
            ):
                missing.append(_("attach the written reply"))
            if missing:
                raise UserError(
                    _(
                        "Complaint %(number)s cannot be closed yet: %(missing)s.",
                        number=ticket.number,
                        missing="; ".join(missing),
                    )
                )

    def action_complaint_reply(self):
        """The complaint group replied to the customer: the reply deadline is met
        and the complaint is being handled."""
        self._ensure_complaints()
        self.action_record_response()
        waiting = self.filtered(
            lambda t: (
                not t.closed and t.service_step in (False, "intake", "coordination")
            )
        )
        waiting._check_intake_complete()
        waiting._move_to_step("service")
        return True

    def action_complaint_handover(self):
        self.ensure_one()
        self._ensure_complaints()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Hand Over Complaint"),
            "res_model": "service.complaint.handover.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_ticket_id": self.id,
                "default_user_id": (
                    self.complaint_handler_id
                    if self.complaint_handler_id != self.complaint_owner_id
                    else self.env["res.users"]
                ).id,
            },
        }

    def _complaint_can_hand_over(self):
        """The owner, the group leader and service managers hand complaints over."""
        self.ensure_one()
        user = self.env.user
        return (
            user == self.complaint_owner_id
            or user == self.complaint_group_id.leader_id
            or user.has_group("service_lifecycle.group_service_manager")
        )

    def _complaint_hand_over(self, user, reason):
        """Give the first-contact responsibility to ``user``, in the chatter."""
        self._ensure_complaints()
        for ticket in self:
            if not ticket._complaint_can_hand_over():
                raise UserError(
                    self.env._(
                        "Only the owner of complaint %(number)s (%(owner)s), its group "
                        "leader or a service manager can hand it over.",
                        number=ticket.number,
                        owner=ticket.complaint_owner_id.name,
                    )
                )
            if user == ticket.complaint_owner_id:
                raise UserError(
                    self.env._(
                        "%(user)s already owns complaint %(number)s.",
                        user=user.name,
                        number=ticket.number,
                    )
                )
            previous = ticket.complaint_owner_id
            ticket.with_context(complaint_handover=True).complaint_owner_id = user
            ticket.message_subscribe(user.partner_id.ids)
            ticket.message_post(
                body=self.env._(
                    "Complaint handed over from %(previous)s to %(user)s: %(reason)s",
                    previous=previous.name or "-",
                    user=user.name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_complaint_send_progress(self):
        """Tell the customer how the complaint progresses, from the template."""
        self.ensure_one()
        self._ensure_complaints()
        if self.complaint_anonymous or not self.partner_id.email:
            raise UserError(
                self.env._(
                    "Complaint %(number)s has no customer email to write to.",
                    number=self.number,
                )
            )
        template = self.env.ref("service_lifecycle.mail_template_complaint_progress")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Progress Update"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "mail.mail_notification_light",
                "complaint_progress_update": True,
            },
        }

    def _message_post_after_hook(self, message, msg_vals):
        if self.env.context.get("complaint_progress_update"):
            self.filtered(
                lambda t: t.request_type == "complaint"
            ).complaint_progress_date = fields.Datetime.now()
        return super()._message_post_after_hook(message, msg_vals)

    def _ensure_complaint_reviewer(self):
        user = self.env.user
        if not (
            user.has_group("service_lifecycle.group_quality_office")
            or user.has_group("service_lifecycle.group_service_manager")
        ):
            raise UserError(
                self.env._(
                    "Only the service quality office or a service manager reviews "
                    "major complaints."
                )
            )

    def _complaint_review(self, decision):
        self._ensure_complaints()
        self._ensure_complaint_reviewer()
        for ticket in self:
            if not (ticket.complaint_review_note or "").strip():
                raise UserError(
                    self.env._(
                        "Write the reasons of the review of %(number)s first.",
                        number=ticket.number,
                    )
                )
        vals = {
            "complaint_review_state": decision,
            "complaint_reviewer_id": self.env.user.id,
            "complaint_review_date": fields.Datetime.now(),
        }
        if decision == "major":
            vals["complaint_severity"] = "major"
        self.write(vals)
        self.activity_feedback(
            ["service_lifecycle.mail_activity_type_complaint_review"],
            feedback=self.env._("Review decision recorded."),
        )
        return True

    def action_complaint_review_major(self):
        """Review decision: this is a major complaint."""
        return self._complaint_review("major")

    def action_complaint_review_not_major(self):
        """Review decision: not a major complaint."""
        return self._complaint_review("not_major")

    def action_view_complaint_source(self):
        self.ensure_one()
        return self.complaint_source_ticket_id._get_form_action()

    def _schedule_major_reviews(self):
        """Ask the complaint group leader to review the new major-complaint
        candidates (once: a review decision or a planned review stops it)."""
        candidates = self.filtered(
            lambda t: t.complaint_major_candidate and not t.complaint_review_state
        )
        if not candidates:
            return
        activity_type = self.env.ref(
            "service_lifecycle.mail_activity_type_complaint_review",
            raise_if_not_found=False,
        )
        if not activity_type:
            return
        todo = candidates.filtered(
            lambda t: (
                not t.closed and activity_type not in t.activity_ids.activity_type_id
            )
        )
        for ticket in todo:
            user = (
                ticket.complaint_group_id.leader_id
                or ticket.complaint_group_id.manager_id
                or ticket.complaint_owner_id
            )
            ticket.activity_schedule(
                activity_type_id=activity_type.id,
                note=ticket.complaint_candidate_reason,
                user_id=user.id or self.env.uid,
            )
