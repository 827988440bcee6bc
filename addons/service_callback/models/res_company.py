# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules import callback_schedule


class ResCompany(models.Model):
    _inherit = "res.company"

    callback_technical_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Technical Center Team",
        help="Problems a callback cannot solve become task orders of this team. "
        "Without a team, every Technical Center user gets an activity.",
    )
    callback_contact_windows = fields.Char(
        string="Contact Windows",
        default=callback_schedule.DEFAULT_WINDOWS,
        help="When customers are called, in their own time zone, on working "
        "days: comma-separated ranges such as 10:00-11:30,15:30-17:00. A "
        "callback due outside a window is moved to the next one.",
    )
    callback_plan_horizon_days = fields.Integer(
        string="Planning Horizon (Days)",
        default=30,
        help="The planner creates the callbacks falling due within this many days.",
    )
    callback_plan_catchup_days = fields.Integer(
        string="Catch-up (Days)",
        default=7,
        help="Callbacks that fell due up to this many days ago and were not "
        "planned yet (e.g. the planner did not run) are still created.",
    )

    @api.constrains("callback_contact_windows")
    def _check_callback_contact_windows(self):
        for company in self.filtered("callback_contact_windows"):
            try:
                callback_schedule.parse_windows(company.callback_contact_windows)
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "The contact windows of %(company)s are not valid "
                        "(%(error)s): write them like 10:00-11:30,15:30-17:00.",
                        company=company.display_name,
                        error=error,
                    )
                ) from error

    @api.constrains("callback_plan_horizon_days", "callback_plan_catchup_days")
    def _check_callback_plan_days(self):
        for company in self:
            if (
                company.callback_plan_horizon_days < 0
                or company.callback_plan_catchup_days < 0
            ):
                raise ValidationError(
                    self.env._(
                        "The planning horizon and catch-up are counted in days "
                        "from 0 upwards."
                    )
                )
