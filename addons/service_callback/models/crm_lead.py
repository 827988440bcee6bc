# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"

    callback_suggestion_count = fields.Integer(
        string="Customer's Suggestions",
        related="partner_id.commercial_partner_id.callback_suggestion_count",
    )

    @api.model
    def _followup_by_grade_cadence(self):
        """The callback rules (pre-sale by lead grade, visits, deals, holidays)
        plan the leads' follow-ups: the grade cadence stands down."""
        return False

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        Rule = self.env["service.callback.rule"]
        Rule._plan_for_event("lead_created", leads)
        Rule._plan_for_event("deal_won", leads.filtered("stage_id.is_won"))
        return leads

    def write(self, vals):
        result = super().write(vals)
        Rule = self.env["service.callback.rule"]
        if {"lead_grade", "partner_id"} & set(vals):
            Rule._plan_for_event("lead_created", self)
        if {"stage_id", "active"} & set(vals):
            Rule._plan_for_event("deal_won", self.filtered("stage_id.is_won"))
            # won or lost: no more pre-sale calls
            Rule._stop_series(
                "lead_created",
                self.filtered(lambda lead: lead.stage_id.is_won or not lead.active),
            )
        if {"active", "probability"} & set(vals):
            # lost (archived, no chance left): the lost customer is called back
            Rule._plan_for_event(
                "lead_lost",
                self.filtered(lambda lead: not lead.active and not lead.probability),
            )
        return result

    def action_view_callback_suggestions(self):
        self.ensure_one()
        if not self.partner_id:
            raise UserError(
                self.env._("Lead %s has no customer yet.", self.display_name)
            )
        return self.partner_id.action_view_callback_suggestions()
