# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        followup_type = self.env.ref(
            "service_lifecycle.mail_activity_type_lead_followup",
            raise_if_not_found=False,
        )
        lead_ids = [
            activity.res_id
            for activity in self
            if followup_type
            and activity.res_model == "crm.lead"
            and activity.activity_type_id == followup_type
        ]
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if lead_ids:
            # whoever was assigned the follow-up may mark it done, like any activity
            self.env["crm.lead"].sudo().browse(
                lead_ids
            ).exists()._register_followup_done()
        return result
