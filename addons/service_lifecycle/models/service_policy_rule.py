# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules.deadlines import CALENDAR, CLOCKS, WORKING
from .res_partner import CUSTOMER_CLASSES

REQUEST_TYPES = [
    ("repair", "Repair"),
    ("consultation", "Consultation"),
    ("complaint", "Complaint"),
    ("return_exchange", "Return / Exchange"),
    ("paid_service", "Paid Service"),
]
SERVICE_LEVELS = [
    ("1", "Level 1 - Immediate"),
    ("2", "Level 2 - Priority"),
    ("3", "Level 3 - Standard"),
]
SERVICE_MODES = [
    ("phone", "Phone Guidance"),
    ("on_site", "On-Site"),
    ("carry_in", "Carry-In"),
    ("mail_in", "Mail-In"),
    ("paid", "Paid Service"),
]


class ServicePolicyRule(models.Model):
    _name = "service.policy.rule"
    _description = "Service Policy Rule"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    customer_class = fields.Selection(
        CUSTOMER_CLASSES, help="Leave empty for every customer class."
    )
    request_type = fields.Selection(
        REQUEST_TYPES, help="Leave empty for every request type."
    )
    urgency = fields.Selection(
        [("any", "Any"), ("urgent", "Urgent"), ("normal", "Not Urgent")],
        default="any",
        required=True,
    )
    service_level = fields.Selection(SERVICE_LEVELS, required=True, default="3")
    service_mode = fields.Selection(
        SERVICE_MODES,
        string="Default Service Mode",
        required=True,
        default="phone",
        help="Proposed to the hotline technician; a paid warranty decision turns "
        "on-site, carry-in and mail-in into paid service.",
    )
    handoff_minutes = fields.Integer(
        string="Hand-off (Minutes)",
        default=15,
        required=True,
        help="Minutes to hand the task order to a hotline technician, on the "
        "hand-off clock.",
    )
    handoff_clock = fields.Selection(
        CLOCKS,
        string="Hand-off Clock",
        default=WORKING,
        required=True,
        help="Working Time: the hand-offs run in the hotline's service hours (the "
        "team's working calendar). Clock Hours: round the clock.",
    )
    repair_handoff_minutes = fields.Integer(
        string="Repair Hand-off (Minutes)",
        default=15,
        required=True,
        help="Working minutes, after a phone diagnosis, to hand the service record "
        "to the repair coordinator (on-site, carry-in, mail-in and paid service).",
    )
    response_hours = fields.Float(
        string="First Response (Hours)",
        default=24.0,
        required=True,
        help="Hours to contact the customer, on the first response clock.",
    )
    response_clock = fields.Selection(
        CLOCKS,
        string="First Response Clock",
        default=CALENDAR,
        required=True,
        help="Clock Hours: the customer's hours, nights and weekends included (a "
        "Friday-evening call is answered by Saturday evening). Working Time: only "
        "the team's working hours count.",
    )
    resolution_hours = fields.Float(
        string="Resolution (Hours)",
        default=72.0,
        required=True,
        help="Hours to solve the request, on the resolution clock.",
    )
    resolution_clock = fields.Selection(
        CLOCKS,
        string="Resolution Clock",
        default=WORKING,
        required=True,
        help="Working Time: only the team's working hours count. Clock Hours: "
        "round the clock.",
    )

    _sql_constraints = [
        (
            "times_positive",
            "CHECK(handoff_minutes >= 0 AND repair_handoff_minutes >= 0 "
            "AND response_hours >= 0 AND resolution_hours >= 0)",
            "Deadlines cannot be negative.",
        ),
    ]

    @api.depends("customer_class", "request_type", "urgency", "service_level")
    def _compute_display_name(self):
        classes = dict(self._fields["customer_class"]._description_selection(self.env))
        types = dict(self._fields["request_type"]._description_selection(self.env))
        urgencies = dict(self._fields["urgency"]._description_selection(self.env))
        every = self.env._("Any")
        for rule in self:
            rule.display_name = " / ".join(
                (
                    classes.get(rule.customer_class, every),
                    types.get(rule.request_type, every),
                    urgencies.get(rule.urgency, every),
                )
            )

    @api.constrains("customer_class", "request_type", "urgency", "company_id", "active")
    def _check_unique_combination(self):
        groups = self._read_group(
            [
                ("customer_class", "in", self.mapped("customer_class")),
                ("company_id", "in", [*self.company_id.ids, False]),
            ],
            ["customer_class", "request_type", "urgency", "company_id"],
            ["__count"],
        )
        if any(count > 1 for *_keys, count in groups):
            raise ValidationError(
                self.env._(
                    "There is already a rule for this customer class, request type "
                    "and urgency; edit that rule instead."
                )
            )

    @api.model
    def _match(self, rules, customer_class, request_type, urgent):
        """The most specific of ``rules`` for the given case, or an empty record."""
        best, best_key = self.browse(), None
        urgency = "urgent" if urgent else "normal"
        for rule in rules:
            if rule.customer_class and rule.customer_class != customer_class:
                continue
            if rule.request_type and rule.request_type != request_type:
                continue
            if rule.urgency != "any" and rule.urgency != urgency:
                continue
            key = (
                -(
                    (4 if rule.customer_class else 0)
                    + (2 if rule.request_type else 0)
                    + (1 if rule.urgency != "any" else 0)
                ),
                rule.sequence,
                rule.id,
            )
            if best_key is None or key < best_key:
                best, best_key = rule, key
        return best
