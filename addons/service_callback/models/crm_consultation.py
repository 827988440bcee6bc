# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class CrmConsultation(models.Model):
    _inherit = "crm.consultation"

    @api.model_create_multi
    def create(self, vals_list):
        consultations = super().create(vals_list)
        visits = consultations.filtered(lambda c: c.channel == "visit")
        Rule = self.env["service.callback.rule"]
        Rule._plan_for_event("visit", visits)
        # the leads visited us: their weekly "until they visit" calls end
        Rule._stop_series("lead_created", visits.lead_id)
        return consultations

    def write(self, vals):
        result = super().write(vals)
        if {"channel", "lead_id", "partner_id"} & set(vals):
            self.env["service.callback.rule"]._plan_for_event(
                "visit", self.filtered(lambda c: c.channel == "visit")
            )
        return result
