# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The appraisal story in Chinese, with the staff's trainings (last
quarter's done, this quarter's planned by the reminder cron) and the
suggestion box. Called from the demo data only."""

from datetime import timedelta

from odoo import api, fields, models

from ..rules.kpi_periods import quarter_bounds


class ServiceKpiDemo(models.AbstractModel):
    _inherit = "service.kpi.demo"

    @api.model
    def _load_demo_story(self):
        self.env["service.lifecycle.demo"]._demo_activate_chinese(["service_kpi"])
        self = self.with_context(lang="zh_CN")
        result = super()._load_demo_story()
        self._demo_trainings()
        self._demo_suggestions()
        return result

    @api.model
    def _demo_trainings(self):
        ref = self._ref
        manager = ref("res_users_manager_demo")
        company = self.env.company
        today = company._local_day(fields.Datetime.now())
        last_quarter = quarter_bounds(quarter_bounds(today)[0] - timedelta(days=1))
        staff = (
            ref("hr_employee_agent_demo")
            | ref("hr_employee_technician_demo")
            | ref("hr_employee_technician2_demo")
            | ref("hr_employee_complaint_demo")
        )
        Training = self.env["service.training"].with_user(manager)
        done = Training.create(
            [
                {
                    "name": "新款 KT-300 收割机结构与常见故障",
                    "kind": "quarterly",
                    "employee_id": employee.id,
                    "trainer_id": ref("res_users_expert_demo").id,
                    "date_planned": last_quarter[1] - timedelta(days=20),
                    "date_deadline": last_quarter[1],
                    "hours": 8,
                    "content": "产品知识：割台、脱粒系统、液压系统；常见故障判断步骤。",
                    "result": "考试合格",
                }
                for employee in staff
            ]
        )
        done.action_done()
        done.sudo().write({"date_done": last_quarter[1] - timedelta(days=20)})
        # the staff joined more than a year ago: inducted then
        year_ago = today - timedelta(days=380)
        inducted = Training.create(
            [
                {
                    "name": "新员工基础培训：产品知识、客户沟通技巧、问题处理流程",
                    "kind": "induction",
                    "employee_id": employee.id,
                    "trainer_id": manager.id,
                    "date_planned": year_ago,
                    "date_deadline": year_ago + timedelta(days=30),
                    "hours": 24,
                    "result": "考核合格，上岗",
                }
                for employee in staff
            ]
        )
        inducted.action_done()
        inducted.sudo().write({"date_done": year_ago})
        # this quarter's are planned by the reminder, with the manager's
        # activity; one is already scheduled with its topic
        planned = self.env["service.training"]._plan_due_trainings(company)
        first = planned.filtered(
            lambda t: (
                t.employee_id == ref("hr_employee_agent_demo") and t.kind == "quarterly"
            )
        )
        first.sudo().write(
            {
                "name": "客户沟通技巧与投诉处理流程",
                "trainer_id": manager.id,
                "date_planned": min(today + timedelta(days=7), first.date_deadline),
                "content": "热线话术、投诉安抚、疑难问题立即上报。",
            }
        )
        return done | inducted | planned

    @api.model
    def _demo_suggestions(self):
        ref = self._ref
        manager = ref("res_users_manager_demo")
        Suggestion = self.env["service.staff.suggestion"]
        adopted = Suggestion.with_user(ref("res_users_agent_demo")).create(
            {
                "name": "回访问卷改用微信发送",
                "topic": "service",
                "description": "农户看微信比看邮件快，问卷回收率会更高。",
            }
        )
        adopted = adopted.with_user(manager)
        adopted.answer = "采纳：下月起回访问卷链接通过微信服务号发送。"
        adopted.action_adopt()
        Suggestion.with_user(ref("res_users_technician_demo")).create(
            {
                "name": "周口分店多备易损件",
                "topic": "product",
                "description": "三包期内配件等待时间长，"
                "建议周口分店常备割台 V 带和滤清器。",
            }
        )
        declined = Suggestion.with_user(ref("res_users_technician2_demo")).create(
            {
                "name": "热线延长到晚上十点",
                "topic": "process",
                "description": "麦收季节农户晚上才有空打电话。",
            }
        )
        declined = declined.with_user(manager)
        declined.answer = "不采纳：麦收季节已安排值班到晚上九点，全年延长成本过高。"
        declined.action_decline()
        return True
