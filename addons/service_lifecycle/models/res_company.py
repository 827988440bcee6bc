# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..rules import complaints as complaint_rules
from ..rules import figures
from ..rules.deadlines import CLOCKS, WORKING


class ResCompany(models.Model):
    _inherit = "res.company"

    service_duplicate_days = fields.Integer(
        string="Duplicate Window (Days)",
        default=30,
        help="An open task order of the same customer and serial number (or product) "
        "created within this many days is reported as a possible duplicate.",
    )
    service_at_risk_share = fields.Float(
        string="At-Risk Share",
        default=0.25,
        help="A deadline is at risk once less than this share of its time is left "
        "(0.25 = the last quarter).",
    )
    service_escalation_user_id = fields.Many2one(
        "res.users",
        string="Escalate Breaches To",
        help="Service manager who receives an activity when a deadline is breached. "
        "When empty, the team leader does.",
    )
    service_warranty_policy_id = fields.Many2one(
        "service.warranty.policy",
        string="Default Warranty Policy",
        help="Used for products whose category has no warranty policy of its own.",
    )
    service_escalation_hours = fields.Float(
        string="Escalation Answer Time (Hours)",
        default=48.0,
        help="Hours the technical center has to answer an escalation order, on the "
        "escalation clock.",
    )
    service_escalation_clock = fields.Selection(
        CLOCKS,
        string="Escalation Answer Clock",
        default=WORKING,
        required=True,
        help="Working Time: the escalated task order team's working hours. Clock "
        "Hours: round the clock.",
    )
    service_labour_product_id = fields.Many2one(
        "product.product",
        string="Labour Product",
        domain=[("type", "=", "service")],
        help="Service product quoted for the labour of paid repairs.",
    )
    complaint_compensation_limit = fields.Monetary(
        string="Compensation Approval Above",
        currency_field="currency_id",
        default=1000.0,
        help="A complaint compensation above this amount needs a service manager's "
        "approval before it is paid.",
    )
    complaint_repeat_threshold = fields.Integer(
        string="Repeated Complaints",
        default=complaint_rules.REPEAT_THRESHOLD,
        help="Complaints in a row of the same customer about the same serial number "
        "(or product) and category that make an important-complaint candidate.",
    )
    complaint_rework_threshold = fields.Integer(
        string="Reworks of a Repair",
        default=complaint_rules.REWORK_THRESHOLD,
        help="Reworks of the complained task order that make an important-complaint "
        "candidate.",
    )

    contract_review_required = fields.Boolean(
        string="Legal Review Before Confirmation",
        default=True,
        help="Sales orders can only be confirmed once Legal has approved their "
        "contract.",
    )
    cost_analysis_threshold = fields.Monetary(
        string="Cost Analysis Above",
        currency_field="currency_id",
        default=100000.0,
        help="Quotations whose total reaches this amount need a cost analysis "
        "attachment before their requirements can be confirmed and they are sent.",
    )

    def _get_service_tz(self):
        """The company's time zone (its address's, else its working calendar's,
        else UTC): the days of the service records are counted in it."""
        self.ensure_one()
        return self.partner_id.tz or self.resource_calendar_id.tz or "UTC"

    def _local_day(self, moment):
        """The company's local day of ``moment`` (a naive UTC datetime; a date
        is kept): warranty starts, fault dates and report days are local days,
        never the UTC day."""
        self.ensure_one()
        return figures.local_day(moment, self._get_service_tz())
