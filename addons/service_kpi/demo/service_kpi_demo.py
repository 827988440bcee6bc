# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo's appraisal story: a year of monthly indicator values computed
from the demo's callbacks and task orders by the real engine, appraisals in
every state, spot checks and penalties. Called from demo/service_kpi_demo.xml
only."""

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

from ..rules import kpi_periods


class ServiceKpiDemo(models.AbstractModel):
    _name = "service.kpi.demo"
    _description = "Service Appraisal Demo Story"

    @api.model
    def _ref(self, xmlid):
        """A record of service_lifecycle's demo story, which this one continues."""
        return self.env["service.lifecycle.demo"]._ref(xmlid)

    @api.model
    def _load_demo_story(self):
        env = self.env(context=dict(self.env.context, mail_notrack=True))
        self = self.with_env(env)
        today = fields.Date.context_today(self)
        Value = self.env["service.kpi.value"]
        months = [today - relativedelta(months=n) for n in range(12, -1, -1)]
        for month in months:
            Value._compute_month(month)
        for quarter in {kpi_periods.period_bounds("quarter", m)[0] for m in months}:
            Value._compute_rollup("quarter", quarter)
        for year in {m.replace(month=1, day=1) for m in months}:
            Value._compute_rollup("year", year)
        self._demo_appraisals(today)
        self._demo_inspections(today)
        self._demo_penalties(today)
        return True

    @api.model
    def _demo_appraisals(self, today):
        """Month by month back from last month: locked, approved, reviewed,
        self-assessed, and this month's drafts."""
        ref = self._ref
        template = self.env.ref(
            "service_kpi.service_kpi_template_customer_service_demo"
        )
        manager = ref("res_users_manager_demo")
        employees = (
            ref("hr_employee_agent_demo")
            | ref("hr_employee_technician_demo")
            | ref("hr_employee_technician2_demo")
        )
        Appraisal = self.env["service.kpi.appraisal"]
        # months ago -> the state each employee's appraisal reached
        plan = {
            6: "locked",
            5: "locked",
            4: "locked",
            3: "approved",
            2: "reviewed",
            1: "self_assessed",
            0: "draft",
        }
        scores = {
            ref("hr_employee_agent_demo"): (92, "回访及时，记录完整。", 90),
            ref("hr_employee_technician_demo"): (85, "上门服务多，客户评价好。", 88),
            ref("hr_employee_technician2_demo"): (
                80,
                "诊断准确率有待提高。",
                72,
            ),
        }
        for months_ago, state in plan.items():
            month = today - relativedelta(months=months_ago)
            appraisals = Appraisal.create(
                [
                    {
                        "employee_id": employee.id,
                        "template_id": template.id,
                        "period_type": "month",
                        "date_from": month,
                    }
                    for employee in employees
                ]
            )
            appraisals._compute_scores()
            if state == "draft":
                continue
            for appraisal in appraisals:
                self_score, comment, supervisor_score = scores[appraisal.employee_id]
                appraisal.write(
                    {
                        "self_score": self_score - months_ago,
                        "self_comment": "本月完成回访任务，按时提交日报。",
                    }
                )
                if state == "self_assessed" and appraisal.employee_id == ref(
                    "hr_employee_technician2_demo"
                ):
                    continue
                appraisal.with_user(appraisal.user_id).action_submit_self()
                if appraisal.state != "self_assessed" or state == "self_assessed":
                    continue
                appraisal.write(
                    {
                        "supervisor_score": supervisor_score + months_ago % 3,
                        "supervisor_comment": comment,
                    }
                )
                appraisal.with_user(manager).action_review()
                if state == "reviewed":
                    continue
                appraisal.with_user(manager).action_approve()
                if state == "locked":
                    appraisal.with_user(manager).action_lock()
        return True

    @api.model
    def _demo_inspections(self, today):
        ref = self._ref
        Inspection = self.env["service.kpi.inspection"]
        listened = Inspection.create(
            {
                "name": "热线录音抽查：刘芳接听的报修电话",
                "kind": "call_recording",
                "date": today - relativedelta(days=12),
                "employee_id": ref("hr_employee_agent_demo").id,
                "inspector_id": ref("res_users_manager_demo").id,
                "finding_ids": [
                    Command.create(
                        {"name": "开场白未报工号", "severity": "minor"},
                    )
                ],
            }
        )
        listened.action_done()
        Inspection.create(
            {
                "name": "上门服务报告审核",
                "kind": "service_report",
                "date": today - relativedelta(days=2),
                "employee_id": ref("hr_employee_technician2_demo").id,
                "inspector_id": ref("res_users_manager_demo").id,
                "finding_ids": [
                    Command.create(
                        {"name": "维修记录缺少客户签字", "severity": "major"},
                    )
                ],
            }
        )
        return True

    @api.model
    def _demo_penalties(self, today):
        ref = self._ref
        manager = ref("res_users_manager_demo")
        department = ref("hr_department_customer_service_demo")
        Penalty = self.env["service.kpi.penalty"]
        approved = Penalty.create(
            [
                {
                    "kind": "missed_callback",
                    "date": today - relativedelta(days=40),
                    "employee_id": ref("hr_employee_technician2_demo").id,
                    "description": "投诉处理后 3 天内未回访客户李秀英。",
                },
                {
                    "kind": "missed_callback_manager",
                    "date": today - relativedelta(days=40),
                    "employee_id": ref("hr_employee_manager_demo").id,
                    "description": "部门投诉回访漏访，经理连带责任。",
                },
                {
                    "kind": "reward",
                    "date": today - relativedelta(days=20),
                    "employee_id": ref("hr_employee_agent_demo").id,
                    "amount": 300,
                    "description": "客户来信表扬，回访记录完整。",
                },
            ]
        )
        approved.with_user(manager).action_approve()
        refused = Penalty.create(
            {
                "kind": "incomplete_file",
                "date": today - relativedelta(days=10),
                "employee_id": ref("hr_employee_manager_demo").id,
                "department_id": department.id,
                "description": "客户档案缺少购机日期（已补齐，申诉成立）。",
            }
        )
        refused.with_user(manager).action_refuse()
        Penalty.create(
            {
                "kind": "rework_cost",
                "date": today - relativedelta(days=1),
                "employee_id": ref("hr_employee_technician2_demo").id,
                "amount": 200,
                "description": "诊断失误，维修中心二次上门的差旅费。",
            }
        )
        return True
