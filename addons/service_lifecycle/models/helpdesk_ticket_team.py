# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        default=lambda self: self.env.company.resource_calendar_id,
        help="The hotline's service hours: deadlines on the working-time clock "
        "(hand-offs, and whatever the service policy sets so) count only these "
        "hours (in the calendar's time zone, without its public holidays).",
    )

    def _get_stage_for_step(self, step):
        # works on an empty team too: the stages shared by every team
        """The first stage of the team (or a shared one) for a flow step."""
        stages = self._get_applicable_stages()
        found = stages.filtered(lambda s: s.service_step == step)[:1]
        if not found and step == "done":
            # a closed stage without a step counts as done
            found = stages.filtered(lambda s: s.closed and not s.service_step)[:1]
        return found
