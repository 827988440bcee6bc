# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The callback story in Chinese, and today's on-site callback of the agent
刘芳, which she opens on her phone at the customer's. Called from the demo
data only."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.service_lifecycle.rules import figures


class ServiceCallbackDemo(models.AbstractModel):
    _inherit = "service.callback.demo"

    @api.model
    def _load_demo_story(self):
        Demo = self.env["service.lifecycle.demo"]
        Demo._demo_activate_chinese(["service_callback"])
        Demo._demo_speak_chinese("service_callback")
        self = self.with_context(lang="zh_CN")
        result = super()._load_demo_story()
        self._demo_field_visit()
        return result

    @api.model
    def _demo_field_visit(self):
        """A customer who made a valuable suggestion is visited on site
        (对提出良好建议的客户一定要上门回访): due at 14:00 local time today."""
        ref = self._ref
        company = self.env.company
        today = company._local_day(fields.Datetime.now())
        midnight = figures.local_period_utc(today, today, company._get_service_tz())[0]
        return self.env["service.callback"].create(
            {
                "partner_id": ref("res_partner_key_account_demo").id,
                "user_id": ref("res_users_agent_demo").id,
                "method": "onsite",
                "callback_type": "routine",
                "purpose": "上门回访：客户建议收割机加装作业计亩器",
                "due_datetime": midnight + timedelta(hours=14),
            }
        )
