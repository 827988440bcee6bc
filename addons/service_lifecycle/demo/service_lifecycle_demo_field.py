# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo speaks Chinese: the company, its people and its customers work
in zh_CN, so every text the story stores or plans is Chinese; helpdesk_mgmt's
own English demo tickets are archived, out of the suite's views. Then the
field (today's on-site visit of the technician) and the feedback channels
with their tests. Called from the demo data only."""

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models

from ..rules import figures

LANG = "zh_CN"
# the integrator's English-speaking consultant (service_kpi's demo) keeps
# English; everyone of the company works in Chinese
ENGLISH_LOGINS = ("consultant",)


class ServiceLifecycleDemo(models.AbstractModel):
    _inherit = "service.lifecycle.demo"

    @api.model
    def _demo_activate_chinese(self, module_names=None):
        """Chinese before any demo record is written: activate zh_CN and load
        the terms of the modules installed so far, or of ``module_names``
        (Odoo loads a module's terms after its demo data, too late for the
        activities and messages its story writes)."""
        self.env["res.lang"]._activate_lang(LANG)
        domain = [("state", "in", ("installed", "to install", "to upgrade"))]
        if module_names:
            domain.append(("name", "in", module_names))
        self.env["ir.module.module"].search(domain)._update_translations([LANG])
        return True

    @api.model
    def _demo_speak_chinese(self, module):
        """The demo's people and customers of ``module`` work in Chinese;
        the company and its administrator too."""
        data = self.env["ir.model.data"].search(
            [("module", "=", module), ("model", "in", ("res.users", "res.partner"))]
        )
        users = (
            self.env["res.users"]
            .browse(data.filtered(lambda d: d.model == "res.users").mapped("res_id"))
            .exists()
        )
        partners = (
            self.env["res.partner"]
            .browse(data.filtered(lambda d: d.model == "res.partner").mapped("res_id"))
            .exists()
        )
        users |= self.env.ref("base.user_admin")
        partners |= self.env.company.partner_id
        users.filtered(lambda u: u.login not in ENGLISH_LOGINS).write({"lang": LANG})
        admin = self.env.ref("base.user_admin")
        if module == "service_lifecycle":
            admin.name = "系统管理员"
            admin.employee_ids.name = "系统管理员"
        partners.write({"lang": LANG})
        return True

    @api.model
    def _load_demo_story(self):
        self._demo_speak_chinese("service_lifecycle")
        self = self.with_context(lang=LANG)
        self._demo_archive_helpdesk_demo()
        result = super()._load_demo_story()
        self._demo_field_visit()
        self._demo_feedback_channels()
        return result

    @api.model
    def _demo_archive_helpdesk_demo(self):
        """helpdesk_mgmt's English demo tickets and teams (an IT helpdesk's)
        are no part of this company's story: archived, so that neither the
        suite's views nor its figures count them."""
        data = self.env["ir.model.data"].search(
            [
                ("module", "=", "helpdesk_mgmt"),
                ("model", "in", ("helpdesk.ticket", "helpdesk.ticket.team")),
            ]
        )
        for model in ("helpdesk.ticket", "helpdesk.ticket.team"):
            ids = data.filtered(lambda d, m=model: d.model == m).mapped("res_id")
            self.env[model].browse(ids).exists().write({"active": False})

    @api.model
    def _demo_field_visit(self):
        """Today's on-site visit of the technician 陈志强, booked this
        afternoon (local time): he opens it on his phone at the customer's."""
        ref = self._ref
        company = self.env.company
        lot = self.env["stock.lot"].search([("name", "=", "KT300-23B0031")], limit=1)
        ticket = self._demo_walk(
            self._demo_ticket(
                ref("res_partner_key_account_demo"),
                20,
                name="收割机液压油泄漏",
                product_id=lot.product_id.id,
                lot_id=lot.id,
                working_conditions="收获小麦，连续作业",
                fault_symptoms="割台升降油缸处漏油，油位下降快",
                description=Markup("<p>客户来电：收割机液压油泄漏。</p>"),
            ),
            "diagnosis",
            20,
        )
        today = company._local_day(fields.Datetime.now())
        midnight = figures.local_period_utc(today, today, company._get_service_tz())[0]
        ticket.write(
            {
                "service_mode": "on_site",
                "provider_id": ref("res_partner_repair_center_demo").id,
                "appointment_start": midnight + timedelta(hours=15),
            }
        )
        ticket.with_user(ref("res_users_technician_demo")).action_dispatch_on_site()
        return ticket

    @api.model
    def _demo_feedback_channels(self):
        """The ways customers reach the department, each tested weekly or
        monthly: the fax failed its last test."""
        ref = self._ref
        agent = ref("res_users_agent_demo")
        manager = ref("res_users_manager_demo")
        company = self.env.company
        today = company._local_day(fields.Datetime.now())
        Channel = self.env["service.feedback.channel"]
        channels = Channel.create(
            [
                {
                    "name": "400 服务热线",
                    "kind": "phone",
                    "address": "400-800-6688",
                    "test_procedure": "用外线拨打热线：播放问候语，"
                    "话务员三声铃响内接听并说“您好，开拓机械客服中心”。",
                    "interval_days": 7,
                },
                {
                    "name": "客服邮箱",
                    "kind": "email",
                    "address": "service@kaituo.example.com",
                    "test_procedure": "从外部邮箱发送测试邮件："
                    "一小时内生成任务单并收到回执。",
                    "interval_days": 7,
                },
                {
                    "name": "客户门户",
                    "kind": "portal",
                    "address": "https://www.kaituo.example.com/my",
                    "test_procedure": "用测试客户账号登录门户，查看任务单和回访记录。",
                    "interval_days": 30,
                },
                {
                    "name": "传真",
                    "kind": "fax",
                    "address": "0531-8888 6689",
                    "test_procedure": "发送一页测试传真：传真机应答并打印。",
                    "interval_days": 30,
                },
            ]
        )
        channels.write({"user_id": agent.id, "manager_id": manager.id})
        hotline, email, portal, fax = channels
        results = {
            hotline: (
                "passed",
                7,
                "09:10 拨打 400-800-6688：第二声铃响接听，问候语正确。",
            ),
            email: ("passed", 3, "发送测试邮件：15 分钟后生成任务单并收到回执。"),
            fax: ("failed", 2, "发送测试传真：无应答音，线路不通。已报电信维修。"),
        }
        for channel, (state, days_ago, note) in results.items():
            check = channel._plan_check().with_user(agent)
            check.note = note
            check._record_result(state)
            day = today - timedelta(days=days_ago)
            check.sudo().write({"date_planned": day, "date_done": day})
        # the portal's test is due today: planned, with the agent's activity
        portal.next_check_date = today
        portal._plan_check()
        return channels
