# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo of the second reading's callback features: an on-site visit
booked with its place, interviewees and an accompanying leader, a valuable
suggestion (its on-site visit planned), a project milestone, the weekly sales
routine and an archived report. Called from demo/service_callback_demo.xml
only, after the demo story."""

from datetime import datetime, time, timedelta

from odoo import Command, api, fields, models


class ServiceCallbackDemo(models.AbstractModel):
    _inherit = "service.callback.demo"

    @api.model
    def _load_demo_programme(self):
        ref = self._ref
        today = fields.Date.context_today(self)
        Callback = self.env["service.callback"]
        manager = ref("res_users_manager_demo")
        big = ref("res_partner_big_account_demo")
        visit = Callback.search(
            [("partner_id", "=", big.id), ("method", "=", "onsite")],
            order="id desc",
            limit=1,
        )
        if visit:
            contacts = self.env["res.partner"].create(
                [
                    {"name": "王建军", "function": "场长", "parent_id": big.id},
                    {"name": "刘师傅", "function": "机务队长", "parent_id": big.id},
                ]
            )
            visit.write(
                {
                    "appointment_datetime": datetime.combine(
                        today + timedelta(days=3), time(2, 0)
                    ),
                    "appointment_place": "国营农场三分场机库",
                    "contact_ids": [Command.set(contacts.ids)],
                    "companion_user_ids": [Command.set(manager.ids)],
                }
            )
        key = ref("res_partner_key_account_demo")
        signed = Callback.search(
            [
                ("partner_id", "=", key.id),
                ("state", "=", "done"),
                ("customer_suggestions", "!=", False),
                ("signature", "!=", False),
            ],
            limit=1,
        )
        signed.write({"suggestion_valuable": True})
        self.env["service.callback.milestone"].create(
            {
                "name": "秋收机具展示会",
                "date": today + timedelta(days=10),
                "note": "新款收割机现场演示，邀请客户到场。",
            }
        )
        self.env.ref(
            "service_callback.service_callback_rule_milestone_d_leads"
        )._plan_callbacks()
        Week = self.env["service.callback.week"]
        Week._ensure_weeks(today - timedelta(days=7))
        Week._ensure_weeks(today)
        Report = self.env["service.callback.report"]
        reviewed = Report.search([("state", "=", "reviewed")], order="report_date")
        # the supervisor's marks on two recent reports (the appraisal's
        # rewards and fines come from them)
        reviewed[-1:].write({"review_mark": "commendation"})
        reviewed[-2:-1].write(
            {"review_mark": "criticism", "supervisor_comment": "两位客户未记录满意度。"}
        )
        reviewed[:1].action_archive_reviewed()
        return True
