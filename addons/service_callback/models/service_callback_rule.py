# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from odoo import api, fields, models
from odoo.addons.service_lifecycle.models.crm_lead_grade import LEAD_GRADES
from odoo.addons.service_lifecycle.models.res_partner import CUSTOMER_CLASSES
from odoo.exceptions import ValidationError

from ..rules import callback_schedule
from .service_callback import CALLBACK_METHODS, CALLBACK_TYPES

ANCHOR_EVENTS = [
    ("installation", "Installation or Acceptance"),
    ("ticket_closed", "Task Order Closed"),
    ("repair_done", "Repair Done"),
    ("complaint_solved", "Complaint Solved"),
    ("special_done", "Special Service Done"),
    ("lead_created", "Lead Created"),
    ("visit", "Customer Visit"),
    ("deal_won", "Deal Won"),
    ("holiday", "Holiday"),
    ("lead_lost", "Lead or Customer Lost"),
    ("suggestion", "Valuable Suggestion Recorded"),
    ("milestone", "Project Milestone"),
    ("holiday_customer", "Holiday (Customers of a Class)"),
]
# The model each anchor event's callbacks are anchored on.
ANCHOR_MODELS = {
    "installation": "sale.order",
    "ticket_closed": "helpdesk.ticket",
    "repair_done": "repair.order",
    "complaint_solved": "helpdesk.ticket",
    "special_done": "helpdesk.ticket",
    "lead_created": "crm.lead",
    "visit": "crm.consultation",
    "deal_won": "crm.lead",
    "holiday": "crm.lead",
    "lead_lost": "crm.lead",
    "suggestion": "service.callback",
    "milestone": "crm.lead",
    "holiday_customer": "res.partner",
}
# Anchor events counted from the company's calendar days (public holidays,
# project milestones) rather than from a date of each record: one callback per
# record and day, numbered by the day (YYYYMMDD).
DATED_ANCHORS = ("holiday", "milestone", "holiday_customer")
PERIOD_UNITS = [
    ("days", "Days"),
    ("weeks", "Weeks"),
    ("months", "Months"),
    ("years", "Years"),
]
ASSIGNMENTS = [
    ("salesperson", "Salesperson"),
    ("technician", "Technician"),
    ("team", "Callback Team (balanced load)"),
    ("severity", "By Complaint Severity"),
]


class ServiceCallbackRule(models.Model):
    """A rule of the callback programme: which event starts a series of
    callbacks, when they fall due, how and by whom they are made, and for
    which customers. The planner (and the events themselves) create the
    callbacks; each carries the rule's key and its occurrence number.

    The rule record lives here; the planner that creates the callbacks is in
    ``service_callback_planner.py``, the SQL of each anchor event in
    ``service_callback_rule_anchor.py``."""

    _name = "service.callback.rule"
    _description = "Callback Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    key = fields.Char(
        required=True,
        copy=False,
        default=lambda self: f"rule_{uuid.uuid4().hex[:12]}",
        help="Technical key written on the callbacks the rule plans; a rule, an "
        "anchor record and an occurrence make one callback at most.",
    )
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to apply the rule in every company.",
    )
    anchor_event = fields.Selection(
        ANCHOR_EVENTS,
        string="Anchor Event",
        required=True,
        default="installation",
        help="The event the callbacks are counted from. Installation or "
        "acceptance: the warranty start of a confirmed order. Task order closed: "
        "closed task orders of the request type below (empty: every type but "
        "complaints and special services, and no task order with a repair "
        "order). Special service: closed paid-service and return/exchange task "
        "orders. Leads, visits and deals need a customer on the lead. Holiday: "
        "the company's public holidays, for leads of the grade below or won "
        "deals. Lead lost: leads marked lost (lost-customer callback). Valuable "
        "suggestion: callbacks done whose customer made a suggestion marked "
        "valuable (on-site visit). Project milestone: the company's milestones "
        "(Configuration), for open leads of the grade below. Holiday (customers "
        "of a class): the public holidays, for the customers of the class below.",
    )
    anchor_model = fields.Char(compute="_compute_anchor_model")
    request_type = fields.Selection(
        "_selection_request_type",
        help="Task orders closed with this request type only.",
    )
    customer_class = fields.Selection(
        CUSTOMER_CLASSES,
        help="Only customers of this class; leave empty for every class.",
    )
    lead_grade = fields.Selection(
        LEAD_GRADES,
        help="Only leads of this grade; leave empty for every grade.",
    )
    holiday_audience = fields.Selection(
        [("leads", "Open Leads"), ("deals", "Won Deals")],
        default="leads",
        help="Who gets the holiday greetings.",
    )

    before_event = fields.Boolean(
        string="Before the Day",
        help="Holidays and milestones: the callback falls due the offset below "
        "before the day (and never later than the day before it, a weekend "
        "moves it earlier) instead of after it.",
    )

    # schedule
    first_offset = fields.Integer(
        string="First After",
        default=1,
        help="The first callback falls due this long after the anchor event.",
    )
    first_unit = fields.Selection(PERIOD_UNITS, required=True, default="months")
    second_offset = fields.Integer(
        string="Second After",
        help="Optional second callback, counted from the anchor event in the "
        "same unit as the first; 0: none.",
    )
    interval = fields.Integer(
        string="Then Every",
        help="Then a callback every interval, counted from the anchor; "
        "0: no recurrence.",
    )
    interval_unit = fields.Selection(PERIOD_UNITS, required=True, default="months")
    max_occurrences = fields.Integer(
        string="At Most",
        help="Number of callbacks of the series at most; 0: no limit.",
    )
    due_within_offset = fields.Boolean(
        string="Never Later Than the Offset",
        help="The first callback is made at most this long after the event (the "
        "complaint callback within 3 days of the solution): when the next contact "
        "window falls later (a weekend), the last window before is taken.",
    )
    fewer_calls_factor = fields.Integer(
        string="Fewer Calls Factor",
        default=2,
        help="For customers who asked for fewer calls the interval is "
        "multiplied by this factor (2: half as often); 1: no change.",
    )
    schedule_summary = fields.Char(
        string="Schedule", compute="_compute_schedule_summary"
    )

    # the callbacks it makes
    method = fields.Selection(CALLBACK_METHODS, required=True, default="phone")
    callback_type = fields.Selection(
        CALLBACK_TYPES, string="Type", required=True, default="service"
    )
    recurring_callback_type = fields.Selection(
        CALLBACK_TYPES,
        string="Type of Later Callbacks",
        help="Type of the callbacks after the first (e.g. routine callbacks "
        "after the first callback following an installation); empty: the same.",
    )
    purpose = fields.Char(
        translate=True, help="Written on the callbacks: what they should learn."
    )
    assign_to = fields.Selection(
        ASSIGNMENTS,
        string="Made By",
        required=True,
        default="salesperson",
        help="Salesperson: the order's or lead's salesperson. Technician: the "
        "task order's technician (assignee). By complaint severity: the person "
        "the complaint's severity calls for. Whenever nobody is found, the "
        "member of the callback team with the fewest open callbacks.",
    )
    team_user_ids = fields.Many2many(
        "res.users",
        string="Callback Team",
        domain="[('share', '=', False)]",
        help="Callbacks are shared among these users: each new one goes to the "
        "member with the fewest open callbacks.",
    )
    note = fields.Text(help="Why the rule exists and how the callbacks are made.")
    callback_count = fields.Integer(compute="_compute_callback_count")

    _sql_constraints = [
        ("key_uniq", "unique(key)", "Each callback rule needs its own key."),
        (
            "offsets_positive",
            "CHECK(first_offset >= 0 AND second_offset >= 0 AND interval >= 0 "
            "AND max_occurrences >= 0 AND fewer_calls_factor >= 1)",
            "Offsets, intervals and limits are counted from 0 upwards, and the "
            "fewer-calls factor from 1.",
        ),
    ]

    @api.model
    def _selection_request_type(self):
        return self.env["helpdesk.ticket"]._fields["request_type"].selection

    @api.depends("anchor_event")
    def _compute_anchor_model(self):
        for rule in self:
            rule.anchor_model = ANCHOR_MODELS.get(rule.anchor_event, False)

    @api.depends(
        "first_offset",
        "first_unit",
        "second_offset",
        "interval",
        "interval_unit",
        "max_occurrences",
        "before_event",
        "anchor_event",
    )
    def _compute_schedule_summary(self):
        units = dict(self._fields["first_unit"]._description_selection(self.env))
        for rule in self:
            unit = units.get(rule.first_unit, "")
            if rule.before_event and rule.anchor_event in DATED_ANCHORS:
                first = self.env._(
                    "%(count)s %(unit)s before the day",
                    count=rule.first_offset,
                    unit=unit,
                )
            else:
                first = self.env._(
                    "after %(count)s %(unit)s", count=rule.first_offset, unit=unit
                )
            parts = [first]
            if rule.second_offset:
                parts.append(
                    self.env._(
                        "after %(count)s %(unit)s",
                        count=rule.second_offset,
                        unit=units.get(rule.first_unit, ""),
                    )
                )
            if rule.interval:
                parts.append(
                    self.env._(
                        "then every %(count)s %(unit)s",
                        count=rule.interval,
                        unit=units.get(rule.interval_unit, ""),
                    )
                )
            if rule.max_occurrences:
                parts.append(self.env._("at most %s", rule.max_occurrences))
            rule.schedule_summary = ", ".join(parts)

    def _compute_callback_count(self):
        counts = dict(
            self.env["service.callback"]._read_group(
                [("rule_id", "in", self.ids)], ["rule_id"], ["__count"]
            )
        )
        for rule in self:
            rule.callback_count = counts.get(rule, 0)

    @api.constrains("first_offset", "second_offset", "first_unit")
    def _check_second_offset(self):
        for rule in self:
            if rule.second_offset and rule.second_offset <= rule.first_offset:
                raise ValidationError(
                    self.env._(
                        "The second callback of rule %s must come after the "
                        "first: make its offset larger than the first one, or 0.",
                        rule.display_name,
                    )
                )

    @api.constrains("anchor_event", "assign_to", "team_user_ids")
    def _check_assignment(self):
        for rule in self:
            if rule.assign_to == "team" and not rule.team_user_ids:
                raise ValidationError(
                    self.env._(
                        "Rule %s shares its callbacks among a team: add the "
                        "callback team's members.",
                        rule.display_name,
                    )
                )
            if rule.assign_to == "severity" and rule.anchor_event != (
                "complaint_solved"
            ):
                raise ValidationError(
                    self.env._(
                        "Only complaint callbacks can be assigned by complaint "
                        "severity (rule %s).",
                        rule.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_plan_now(self):
        """Supervisor: run the planner for these rules now."""
        created = self._plan_callbacks()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%s callbacks planned.", len(created)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_view_callbacks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_callback.service_callback_action"
        )
        action.update({"domain": [("rule_id", "=", self.id)], "context": {}})
        return action

    # ------------------------------------------------------------------
    # schedule
    # ------------------------------------------------------------------
    def _get_schedule(self):
        self.ensure_one()
        return callback_schedule.Schedule(
            first=self.first_offset,
            first_unit=self.first_unit,
            second=self.second_offset,
            interval=self.interval,
            interval_unit=self.interval_unit,
            max_occurrences=self.max_occurrences,
        )

    def _series_length(self):
        """The number of callbacks a series of the rule has at most (numbered
        1 to that number); 0 when unbounded or not numbered so."""
        self.ensure_one()
        if self.anchor_event in DATED_ANCHORS:
            return 0  # holiday greetings are numbered by their date
        if self.max_occurrences:
            if self.interval:
                return self.max_occurrences
            return min(self.max_occurrences, 2 if self.second_offset else 1)
        if self.interval:
            return 0
        return 2 if self.second_offset else 1
