# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo's callback story: a year of callbacks behind the monthly
statistics, today's due list, overdue and signed on-site visits, a
dissatisfied customer turned into a complaint, and daily reports in each
state. Called from demo/service_callback_demo.xml only."""

import base64
import io
import math
import random
from datetime import datetime, time, timedelta

from markupsafe import Markup
from PIL import Image, ImageDraw

from odoo import api, fields, models

FEEDBACK = [
    ("satisfied", 5, "机器好用，油耗比老机器低。", "希望多办几次操作培训。"),
    ("satisfied", 5, "维修师傅当天就到了，很满意。", ""),
    ("satisfied", 4, "整体满意，说明书字太小。", "说明书改成大字版。"),
    ("neutral", 3, "用着还行，配件要等三天。", "周口分店多备些易损件。"),
    ("satisfied", 4, "首次保养已做，机器正常。", ""),
    ("dissatisfied", 2, "第二次坏同一个地方，耽误了农时。", "希望换新机。"),
]


class ServiceCallbackDemo(models.AbstractModel):
    _name = "service.callback.demo"
    _description = "Service Callback Demo Story"

    @api.model
    def _ref(self, xmlid):
        return self.env.ref(f"service_lifecycle.{xmlid}")

    @api.model
    def _demo_signature(self, name):
        """A hand-drawn-looking signature: a few strokes in ink blue."""
        image = Image.new("RGBA", (360, 120), (255, 255, 255, 0))
        draw = ImageDraw.Draw(image)
        rnd = random.Random(name)
        x = 20
        for _stroke in range(len(name) + 2):
            points = []
            for step in range(12):
                points.append(
                    (
                        x + step * 4,
                        60 + 28 * math.sin(step / 2 + rnd.random() * 3) * rnd.random(),
                    )
                )
            draw.line(points, fill=(20, 40, 140, 255), width=3)
            x += 45
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return base64.b64encode(buffer.getvalue())

    @api.model
    def _load_demo_story(self):
        env = self.env(context=dict(self.env.context, mail_notrack=True))
        self = self.with_env(env)
        ref = self._ref
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        agent = ref("res_users_agent_demo")
        technician = ref("res_users_technician_demo")
        technician2 = ref("res_users_technician2_demo")
        customers = [
            ref("res_partner_key_account_demo"),
            ref("res_partner_big_account_demo"),
            ref("res_partner_farmer_demo"),
            ref("res_partner_farmer2_demo"),
            ref("res_partner_dealer_demo"),
            ref("res_partner_regular_demo"),
        ]
        Callback = self.env["service.callback"]
        rnd = random.Random(42)

        # a year of history: done, mostly reached, some late, a few missed
        history = []
        for day in range(365, 0, -1):
            date = today - timedelta(days=day)
            # the hotline works weekends too in the harvest season
            if date.weekday() >= 5 and day > 7:
                continue
            # more calls as the programme grows; better answers over the year
            for _n in range(1 + (day < 180) + (rnd.random() < 0.4)):
                user = rnd.choice([agent, agent, technician, technician2])
                due = datetime.combine(date, time(2, 30)) + timedelta(
                    hours=rnd.randint(0, 6)
                )
                reached = rnd.random() < (0.78 if day > 180 else 0.9)
                late = rnd.random() < (0.15 if day > 180 else 0.05)
                missed = rnd.random() < 0.06
                # satisfaction grows over the year from about 65% to 90%
                satisfied_share = 0.62 + 0.28 * (365 - day) / 365
                draw = rnd.random()
                if draw < satisfied_share:
                    choice = rnd.choice([0, 1, 2, 4])
                elif draw < satisfied_share + 0.7 * (1 - satisfied_share):
                    choice = 3
                else:
                    choice = 5
                rating, score, feedback, suggestion = FEEDBACK[choice]
                done = due + timedelta(days=2 if late else 0, hours=1)
                history.append(
                    {
                        "partner_id": rnd.choice(customers).id,
                        "user_id": user.id,
                        "method": "phone",
                        "callback_type": rnd.choice(
                            ["routine", "repair", "repair", "service", "installation"]
                        ),
                        "purpose": "了解设备使用情况和服务满意度",
                        "due_datetime": due,
                        "state": "cancelled" if missed else "done",
                        "done_datetime": False if missed else done,
                        "is_overdue": late or missed,
                        "reached": reached and not missed,
                        "rating": reached and not missed and rating,
                        "score": reached and not missed and score,
                        "usage": reached and "每天作业 8 小时左右。",
                        "customer_feedback": reached and feedback,
                        "customer_suggestions": reached and suggestion,
                    }
                )
        Callback.create(history)

        # the farmer's tractor: first phone callback one month after
        # installation, overdue since yesterday
        farmer_order = self.env["sale.order"].search(
            [("partner_id", "=", ref("res_partner_farmer_demo").id)], limit=1
        )
        Callback.create(
            {
                "partner_id": ref("res_partner_farmer_demo").id,
                "user_id": agent.id,
                "method": "phone",
                "callback_type": "installation",
                "purpose": "安装一个月：客户是否会操作？",
                "due_datetime": now - timedelta(days=1, hours=3),
                "is_overdue": True,
                "res_model": farmer_order._name,
                "res_id": farmer_order.id,
            }
        )
        # due today
        Callback.create(
            [
                {
                    "partner_id": ref("res_partner_dealer_demo").id,
                    "user_id": agent.id,
                    "method": "phone",
                    "callback_type": "routine",
                    "purpose": "半年例行回访",
                    "due_datetime": now + timedelta(hours=2),
                },
                {
                    "partner_id": ref("res_partner_regular_demo").id,
                    "user_id": agent.id,
                    "method": "phone",
                    "callback_type": "service",
                    "purpose": "咨询后回访：保养周期是否清楚",
                    "due_datetime": now + timedelta(hours=4),
                },
                {
                    "partner_id": ref("res_partner_big_account_demo").id,
                    "user_id": technician.id,
                    "method": "onsite",
                    "callback_type": "routine",
                    "purpose": "大客户年度上门回访",
                    "due_datetime": now + timedelta(days=3),
                },
            ]
        )
        # the key account: on-site visit signed by the customer yesterday
        onsite = Callback.create(
            {
                "partner_id": ref("res_partner_key_account_demo").id,
                "user_id": technician.id,
                "method": "onsite",
                "callback_type": "routine",
                "purpose": "重点客户半年上门回访",
                "due_datetime": now - timedelta(hours=20),
                "reached": True,
                "rating": "satisfied",
                "score": 5,
                "usage": "两台 KT-300 秋收作业 1200 亩，无故障。",
                "customer_feedback": "机器可靠，服务响应快。",
                "customer_suggestions": "希望农忙前安排一次巡检。",
                "signature": self._demo_signature("张国庆"),
                "signed_by": "张国庆",
            }
        )
        onsite.action_done()
        onsite.write(
            {
                "done_datetime": now - timedelta(hours=19),
                "signed_on": now - timedelta(hours=19, minutes=10),
            }
        )
        # a repair callback: the customer is not satisfied, it becomes a
        # complaint; another leaves an open issue with a promised reply
        repair_ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", "拖拉机冷车难启动")], limit=1
        )
        unhappy = Callback.create(
            {
                "partner_id": ref("res_partner_farmer_demo").id,
                "user_id": agent.id,
                "method": "phone",
                "callback_type": "repair",
                "purpose": "维修后回访",
                "due_datetime": now - timedelta(hours=6),
                "res_model": repair_ticket._name if repair_ticket else False,
                "res_id": repair_ticket.id,
                "reached": True,
                "rating": "dissatisfied",
                "score": 2,
                "customer_feedback": "第二次坏同一个地方，耽误了农时。",
                "customer_suggestions": "希望换新机。",
            }
        )
        unhappy.action_done()
        open_issue = Callback.create(
            {
                "partner_id": ref("res_partner_farmer2_demo").id,
                "user_id": technician2.id,
                "method": "phone",
                "callback_type": "installation",
                "purpose": "交付后回访",
                "due_datetime": now - timedelta(hours=5),
                "reached": True,
                "rating": "neutral",
                "score": 3,
                "customer_feedback": "插秧机提升慢，师傅还没来。",
                "open_issue": True,
                "promised_datetime": now + timedelta(days=1),
                "next_steps": "确认分店上门时间后回复客户",
            }
        )
        open_issue.action_done()
        self._demo_planner()
        self._demo_reports(agent, today)
        return True

    @api.model
    def _demo_planner(self):
        """The callback planner runs as its cron does every night: the
        callbacks due after installations, closed task orders and solved
        complaints, some already overdue. Then a complaint is closed once its
        callback confirmed the customer's satisfaction, and the complaint closed
        a month ago gets the callback that allowed it."""
        now = fields.Datetime.now()
        Ticket = self.env["helpdesk.ticket"]
        Callback = self.env["service.callback"]
        self.env["service.callback.rule"].search([])._plan_callbacks()
        complaint = Ticket.search([("name", "=", "投诉：维修师傅态度差")], limit=1)
        callback = Callback.search(
            [
                ("res_model", "=", complaint._name),
                ("res_id", "=", complaint.id),
                ("callback_type", "=", "complaint"),
                ("state", "=", "planned"),
            ],
            limit=1,
        )
        if callback:
            callback.write(
                {
                    "reached": True,
                    "rating": "satisfied",
                    "score": 5,
                    "customer_feedback": "经理道歉了，师傅又来讲了保养要点，满意。",
                }
            )
            callback.action_done()
            callback.done_datetime = now - timedelta(hours=2)
            complaint.write(
                {
                    "complaint_summary": Markup(
                        "<p>师傅赶时间未解释故障原因，客户不满。</p>"
                    ),
                    "complaint_preventive_measure": (
                        "完工前向客户讲解故障原因和保养要点。"
                    ),
                }
            )
            complaint.action_close()
            self.env["service.close.wizard"].create(
                {"ticket_id": complaint.id, "satisfaction": "satisfied"}
            ).action_confirm()
        closed = Ticket.search([("name", "=", "投诉：上门服务迟到半天")], limit=1)
        if closed:
            called = closed.complaint_solved_date + timedelta(days=2)
            Callback.create(
                {
                    "partner_id": closed.partner_id.id,
                    "user_id": self._ref("res_users_complaint_demo").id,
                    "method": "phone",
                    "callback_type": "complaint",
                    "purpose": "投诉处理后回访：是否满意",
                    "res_model": closed._name,
                    "res_id": closed.id,
                    "due_datetime": called,
                    "state": "done",
                    "done_datetime": called,
                    "reached": True,
                    "rating": "satisfied",
                    "score": 4,
                    "customer_feedback": "后来几次都按时到了。",
                }
            )
        return True

    @api.model
    def _demo_reports(self, agent, today):
        """Daily reports of the phone agent: signed off, submitted, one with
        an extension asked, and yesterday's still a draft."""
        manager = self._ref("res_users_manager_demo")
        Report = self.env["service.callback.report"]
        workdays = [
            today - timedelta(days=day)
            for day in range(4, 30)
            if (today - timedelta(days=day)).weekday() < 5
        ]
        for date in workdays:
            report = Report.create({"user_id": agent.id, "report_date": date})
            report.write(
                {
                    "summary": Markup("<p>回访均已完成，客户反映配件供应偏慢。</p>"),
                    "supervisor_comment": "记录完整，继续保持。",
                    "review_mark": "commendation" if date.day % 7 == 0 else False,
                }
            )
            if not report.callback_ids:
                report.unlink()  # a day without callbacks has no report
                continue
            report.with_user(agent).action_submit()
            report.action_sign_off()
            submitted_on = datetime.combine(date + timedelta(days=1), time(1, 0))
            report.write(
                {
                    "submitted_on": submitted_on,
                    "first_submitted_on": submitted_on,
                    "reviewer_id": manager.id,
                    "reviewed_on": datetime.combine(
                        date + timedelta(days=2), time(0, 0)
                    ),
                }
            )
        extension = Report.create(
            {"user_id": agent.id, "report_date": today - timedelta(days=3)}
        )
        extension.extension_reason = "等待维修中心确认返修结果，需延期提交。"
        extension.with_user(agent).action_request_extension()
        submitted = Report.create(
            {"user_id": agent.id, "report_date": today - timedelta(days=2)}
        )
        submitted.summary = Markup("<p>一位农户对维修不满意，已转投诉。</p>")
        submitted.with_user(agent).action_submit()
        Report.create({"user_id": agent.id, "report_date": today - timedelta(days=1)})
        return True
