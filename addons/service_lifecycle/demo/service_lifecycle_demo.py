# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo's story, played through the real workflow methods so that every
record is in a state the users could have reached themselves. Called from
demo/service_lifecycle_demo.xml only; dates are relative to today so that a
fresh demo database looks in use."""

import base64
from datetime import datetime, time, timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models

SIGNED_SCAN = base64.b64encode(b"%PDF-1.4 demo signed contract scan")
COST_ANALYSIS = base64.b64encode(b"%PDF-1.4 demo cost analysis")


class ServiceLifecycleDemo(models.AbstractModel):
    _name = "service.lifecycle.demo"
    _description = "Service Lifecycle Demo Story"

    @api.model
    def _ref(self, xmlid):
        return self.env.ref(f"service_lifecycle.{xmlid}")

    @api.model
    def _load_demo_story(self):
        env = self.env(context=dict(self.env.context, mail_notrack=True))
        self = self.with_env(env)
        company = self.env.company
        review_required = company.contract_review_required
        company.contract_review_required = True
        lots = self._demo_stock()
        orders = self._demo_sales(lots)
        self._demo_tickets(lots, orders)
        self._demo_complaints(lots)
        company.contract_review_required = review_required
        return True

    # ------------------------------------------------------------------
    # stock: serial numbers on hand
    # ------------------------------------------------------------------
    @api.model
    def _demo_stock(self):
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        serials = {
            "product_product_tractor_demo": ["KT504-24A0117", "KT504-24A0342"],
            "product_product_harvester_demo": [
                "KT300-23B0031",
                "KT300-23B0032",
                "KT300-24B0105",
            ],
            "product_product_transplanter_demo": [
                "KT6-25C0210",
                "KT6-25C0211",
                "KT6-25C0212",
                "KT6-25C0213",
            ],
        }
        lots = {}
        Quant = self.env["stock.quant"]
        for xmlid, names in serials.items():
            product = self._ref(xmlid)
            for name in names:
                lot = self.env["stock.lot"].create(
                    {"name": name, "product_id": product.id}
                )
                Quant._update_available_quantity(
                    product, warehouse.lot_stock_id, 1.0, lot_id=lot
                )
                lots[name] = lot
        return lots

    # ------------------------------------------------------------------
    # pre-sale and in-sale: contracts in every review state
    # ------------------------------------------------------------------
    @api.model
    def _demo_order(self, partner, product, qty, days_ago, price=None):
        salesman = self._ref("res_users_salesman_demo")
        today = fields.Date.context_today(self)
        order = (
            self.env["sale.order"]
            .with_user(salesman)
            .create(
                {
                    "partner_id": partner.id,
                    "user_id": salesman.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": qty,
                                "price_unit": price or product.list_price,
                            }
                        )
                    ],
                }
            )
            .sudo()
        )
        order.write(
            {
                "date_order": datetime.combine(
                    today - timedelta(days=days_ago), time(2, 0)
                ),
                "commitment_date": datetime.combine(
                    today - timedelta(days=days_ago - 20), time(1, 0)
                ),
                "quality_standard": "GB/T 21961 / JB/T 5117 出厂检验标准",
                "acceptance_method": "到货开箱验收，现场试车 2 小时",
                "payment_term_id": self.env.ref(
                    "account.account_payment_term_30days"
                ).id,
                "cost_analysis_file": COST_ANALYSIS,
                "cost_analysis_filename": "成本分析.pdf",
            }
        )
        return order

    @api.model
    def _demo_to_state(self, order, state, days_ago):
        """Take ``order`` through the contract review up to ``state``."""
        legal = self._ref("res_users_legal_demo")
        today = fields.Date.context_today(self)
        order.action_confirm_requirements()
        if state == "draft":
            return order
        order.action_contract_submit()
        if state == "review":
            return order
        if state == "returned":
            order.with_user(legal)._contract_return(
                "违约责任条款不完整：请补充逾期交货的违约金比例（建议每日 0.05%）。"
            )
            return order
        order.with_user(legal).action_contract_approve()
        if state == "approved":
            return order
        order.write(
            {
                "contract_customer_signatory": order.partner_id.child_ids[:1].name
                or order.partner_id.name,
                "contract_customer_sign_date": today - timedelta(days=days_ago - 2),
                "contract_company_signatory_id": self._ref(
                    "res_users_salesman_demo"
                ).id,
                "contract_company_sign_date": today - timedelta(days=days_ago - 2),
                "contract_signed_scan": SIGNED_SCAN,
                "contract_signed_scan_filename": "合同签字扫描件.pdf",
            }
        )
        order.action_contract_sign()
        return order

    @api.model
    def _demo_deliver(self, order, lot_names, lots, days_ago, notice=True):
        today = fields.Date.context_today(self)
        date_order = order.date_order
        order.action_confirm()
        order.date_order = date_order  # confirming stamps today
        picking = order.picking_ids.filtered(lambda p: p.state != "done")[:1]
        picking.move_ids.move_line_ids.unlink()
        for move, name in zip(picking.move_ids, [lot_names], strict=False):
            move.write(
                {
                    "move_line_ids": [
                        Command.create(
                            {
                                "product_id": move.product_id.id,
                                "lot_id": lots[lot_name].id,
                                "quantity": 1,
                                "location_id": move.location_id.id,
                                "location_dest_id": move.location_dest_id.id,
                            }
                        )
                        for lot_name in name
                    ]
                }
            )
        picking.move_ids.picked = True
        shipped = datetime.combine(today - timedelta(days=days_ago), time(1, 30))
        picking.write(
            {
                "expected_arrival_date": today - timedelta(days=days_ago - 3),
                "shipping_carrier": "德邦物流",
                "shipping_tracking_ref": f"DPK{7300120000 + order.id * 37}",
                "shipping_tracking_url": "https://www.deppon.com/",
            }
        )
        picking.button_validate()
        picking.write({"date_done": shipped, "shipping_date": shipped})
        if notice:
            # the notice goes out before the goods leave
            picking.shipping_notice_date = shipped - timedelta(hours=1)
        return picking

    @api.model
    def _demo_accept(self, order, days_ago, installed=True):
        today = fields.Date.context_today(self)
        date = today - timedelta(days=days_ago)
        acceptance = self.env["sale.order.acceptance"].create(
            {
                "order_id": order.id,
                "date": date,
                "user_id": self._ref("res_users_salesman_demo").id,
                "customer_representative": order.partner_id.child_ids[:1].name
                or order.partner_id.name,
                "result": "accepted",
                "installed_by_us": installed,
                "installation_date": installed and date,
                "notes": Markup("<p>开箱检查完好，现场试车 2 小时无异常。</p>"),
            }
        )
        acceptance.action_validate()
        return acceptance

    @api.model
    def _demo_sales(self, lots):
        ref = self._ref
        finance = ref("res_users_finance_demo")
        tractor = ref("product_product_tractor_demo")
        harvester = ref("product_product_harvester_demo")
        transplanter = ref("product_product_transplanter_demo")
        orders = {}
        # key account: two harvesters for the autumn harvest, installed 200
        # days ago; finance acknowledged its copy, the others have not yet.
        order = self._demo_order(
            ref("res_partner_key_account_demo"), harvester, 2, 230, price=162000
        )
        self._demo_to_state(order, "signed", 230)
        self._demo_deliver(order, ["KT300-23B0031", "KT300-23B0032"], lots, 205)
        self._demo_accept(order, 200)
        order.contract_copy_ids.filtered(
            lambda c: c.department_id.reader_group_id in finance.groups_id
        ).with_user(finance).action_acknowledge()
        orders["key"] = order
        # big account: a tractor bought 14 months ago, out of warranty now
        order = self._demo_order(ref("res_partner_big_account_demo"), tractor, 1, 430)
        self._demo_to_state(order, "signed", 430)
        self._demo_deliver(order, ["KT504-24A0117"], lots, 420)
        self._demo_accept(order, 416)
        order.contract_copy_ids.filtered(
            lambda c: c.department_id.reader_group_id in finance.groups_id
        ).with_user(finance).action_acknowledge()
        orders["big"] = order
        # farmer: a tractor installed 35 days ago (first callback due)
        order = self._demo_order(ref("res_partner_farmer_demo"), tractor, 1, 50)
        self._demo_to_state(order, "signed", 50)
        self._demo_deliver(order, ["KT504-24A0342"], lots, 38)
        self._demo_accept(order, 35)
        orders["farmer"] = order
        # second farmer: a transplanter delivered 4 days ago, not accepted yet
        order = self._demo_order(ref("res_partner_farmer2_demo"), transplanter, 1, 12)
        self._demo_to_state(order, "signed", 12)
        self._demo_deliver(order, ["KT6-25C0210"], lots, 4)
        orders["farmer2"] = order
        # dealer: three transplanters, approved by Legal, waiting for signatures
        order = self._demo_order(ref("res_partner_dealer_demo"), transplanter, 3, 6)
        self._demo_to_state(order, "approved", 6)
        orders["dealer"] = order
        # dealer again: a harvester whose contract Legal sent back
        order = self._demo_order(ref("res_partner_dealer_demo"), harvester, 1, 5)
        self._demo_to_state(order, "returned", 5)
        # regular customer: a tractor under review
        order = self._demo_order(ref("res_partner_regular_demo"), tractor, 1, 3)
        self._demo_to_state(order, "review", 3)
        # key account: next season's quotation, still a draft
        order = self._demo_order(ref("res_partner_key_account_demo"), harvester, 1, 1)
        self._demo_to_state(order, "draft", 1)
        return orders

    # ------------------------------------------------------------------
    # after-sale: task orders in every stage and deadline state
    # ------------------------------------------------------------------
    @api.model
    def _demo_ticket(self, partner, hours_ago, **values):
        ref = self._ref
        received = fields.Datetime.now() - timedelta(hours=hours_ago)
        vals = {
            "name": "故障报修",
            "partner_id": partner.id,
            "team_id": ref("helpdesk_ticket_team_hotline_demo").id,
            "channel_id": self.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_channel_phone"
            ).id,
            "request_type": "repair",
            "received_date": received,
            "fault_date": self.env.company._local_day(received - timedelta(days=1)),
            "description": Markup("<p>客户来电报修。</p>"),
            "duplicate_confirmed": True,
        }
        vals.update(values)
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(ref("res_users_agent_demo"))
            .create(vals)
            .sudo()
        )
        return ticket

    @api.model
    def _demo_walk(
        self,
        ticket,
        step,
        hours_ago,
        handoff=0.1,
        response=2.0,
        technician=None,
        **vals,
    ):
        """Move ``ticket`` to ``step``; the hand-off and the first response
        happened ``handoff`` and ``response`` hours after it came in."""
        received = ticket.received_date
        if step == "intake":
            return ticket
        ticket.action_submit_intake()
        if step == "coordination":
            return ticket
        ticket.user_id = technician or self._ref("res_users_technician_demo")
        ticket.action_hand_to_technician()
        ticket.handoff_date = received + timedelta(hours=handoff)
        if step == "diagnosis":
            return ticket
        ticket._start_service()
        ticket.first_response_date = received + timedelta(hours=response)
        ticket.write(vals)
        if step == "service":
            return ticket
        ticket._move_to_step("confirmation")
        if step == "confirmation":
            return ticket
        ticket._apply_satisfaction("satisfied", "师傅来得及时，问题已解决。")
        ticket.resolved_date = received + timedelta(hours=hours_ago)
        return ticket

    @api.model
    def _demo_tickets(self, lots, orders):
        ref = self._ref
        tractor = ref("product_product_tractor_demo")
        harvester = ref("product_product_harvester_demo")
        transplanter = ref("product_product_transplanter_demo")
        technician2 = ref("res_users_technician2_demo")
        repair = {
            "working_conditions": "秋收小麦，田块潮湿",
            "fault_symptoms": "起动机运转，发动机不着火",
        }
        solved = {
            "diagnosis_steps": Markup("<p>电话指导检查油路，发现滤清器堵塞。</p>"),
            "solution": Markup("<p>更换柴油滤清器并排气，试车正常。</p>"),
        }
        key = ref("res_partner_key_account_demo")
        farmer = ref("res_partner_farmer_demo")
        # just in: intake being completed by the phone agent (on track)
        self._demo_ticket(
            ref("res_partner_regular_demo"),
            0.05,
            name="咨询：拖拉机保养周期",
            request_type="consultation",
            description=Markup("<p>询问 KT-504 首次保养里程和机油牌号。</p>"),
        )
        # waiting for the coordinator's hand-off since two days (breached)
        self._demo_walk(
            self._demo_ticket(
                ref("res_partner_big_account_demo"),
                50,
                name="拖拉机液压提升无力",
                product_id=tractor.id,
                lot_id=lots["KT504-24A0117"].id,
                working_conditions="深松作业",
                fault_symptoms="三点悬挂提升缓慢，油温高",
                is_urgent=True,
            ),
            "coordination",
            3,
        )
        # with the hotline technician, response due (on track / at risk)
        self._demo_walk(
            self._demo_ticket(
                key,
                1,
                name="收割机割台堵塞",
                product_id=harvester.id,
                lot_id=lots["KT300-23B0031"].id,
                working_conditions="收获水稻，露水大",
                fault_symptoms="割台频繁堵塞，V 带打滑",
            ),
            "diagnosis",
            1,
        )
        # the customer has not been called back yet, the deadline is close
        at_risk = self._demo_walk(
            self._demo_ticket(
                farmer,
                40,
                name="拖拉机不能启动",
                product_id=tractor.id,
                lot_id=lots["KT504-24A0342"].id,
                **repair,
            ),
            "diagnosis",
            40,
            handoff=0.2,
        )
        # in service: dispatched on site to the branch (response met)
        ticket = self._demo_walk(
            self._demo_ticket(
                ref("res_partner_farmer2_demo"),
                30,
                name="插秧机液压升降无力",
                product_id=transplanter.id,
                lot_id=lots["KT6-25C0210"].id,
                working_conditions="水田插秧",
                fault_symptoms="插植部提升缓慢",
            ),
            "service",
            30,
            response=3,
            technician=technician2,
        )
        ticket.write(
            {
                "provider_id": ref("res_partner_branch_demo").id,
                "appointment_start": fields.Datetime.now() + timedelta(hours=20),
            }
        )
        # in service for too long: resolution breached
        self._demo_walk(
            self._demo_ticket(
                key,
                120,
                name="收割机发动机异响",
                product_id=harvester.id,
                lot_id=lots["KT300-23B0032"].id,
                working_conditions="收获玉米",
                fault_symptoms="发动机高速时有金属敲击声",
                is_urgent=True,
            ),
            "service",
            120,
            handoff=0.1,
            response=30,
        )
        # waiting for the customer's confirmation
        self._demo_walk(
            self._demo_ticket(
                ref("res_partner_dealer_demo"),
                50,
                name="经销商咨询：插秧机配件价格",
                request_type="consultation",
            ),
            "confirmation",
            50,
            **solved,
        )
        # closed: satisfied, on time
        for partner, days, title in (
            (farmer, 9, "拖拉机冷车难启动"),
            (key, 25, "收割机粮仓卸粮搅龙卡滞"),
            (ref("res_partner_big_account_demo"), 60, "拖拉机仪表盘不亮"),
        ):
            self._demo_walk(
                self._demo_ticket(
                    partner,
                    days * 24,
                    name=title,
                    request_type="consultation",
                    service_mode="phone",
                ),
                "closed",
                days * 24 - 20,
                **solved,
            )
        # paid service: wearing part out of warranty, closed late
        self._demo_walk(
            self._demo_ticket(
                ref("res_partner_big_account_demo"),
                15 * 24,
                name="更换割台 V 带（易损件）",
                request_type="paid_service",
                product_id=tractor.id,
                lot_id=lots["KT504-24A0117"].id,
                faulty_part_id=ref("product_product_belt_demo").id,
                working_conditions="秋翻地",
                fault_symptoms="V 带磨损开裂",
            ),
            "closed",
            15 * 24 - 150,
            handoff=1,
            response=40,
            **solved,
        )
        # escalation: a hard problem answered by the technical center, one
        # still open and one draft
        hard = self.env["helpdesk.ticket"].search(
            [("name", "=", "收割机发动机异响")], limit=1
        )
        Escalation = self.env["service.escalation"]
        expert = ref("res_users_expert_demo")
        answered = Escalation.create(
            {
                "ticket_id": hard.id,
                "kind": "main_component",
                "symptoms": "发动机高速时有金属敲击声，机油压力正常。",
                "question": Markup(
                    "<p>已检查气门间隙，疑似连杆瓦磨损，是否需要整机返厂？</p>"
                ),
            }
        )
        answered.action_submit()
        answered.write(
            {
                "user_id": expert.id,
                "answer": Markup(
                    "<p>连杆瓦磨损属主要部件故障，24 个月内免费。维修中心派员上门更换，"
                    "无需返厂。</p>"
                ),
            }
        )
        answered.with_user(expert).action_answer()
        answered.action_save_knowledge()
        pending = self.env["helpdesk.ticket"].search(
            [("name", "=", "拖拉机液压提升无力")], limit=1
        )
        submitted = Escalation.create(
            {
                "ticket_id": pending.id,
                "kind": "batch",
                "symptoms": "同批次 KT-504 三台出现液压提升无力。",
                "question": Markup("<p>是否为 2024 年 A 批次齿轮泵质量问题？</p>"),
            }
        )
        submitted.action_submit()
        Escalation.create(
            {
                "ticket_id": self.env["helpdesk.ticket"]
                .search([("name", "=", "收割机割台堵塞")], limit=1)
                .id,
                "kind": "hard_problem",
                "symptoms": "潮湿作物割台堵塞。",
            }
        )
        tickets = self.env["helpdesk.ticket"].search(
            [("team_id", "=", ref("helpdesk_ticket_team_hotline_demo").id)]
        )
        # its deadline comes in three hours, whatever the time the demo is made
        self.env.flush_all()
        now = fields.Datetime.now()
        at_risk.write(
            {
                "response_deadline": now + timedelta(hours=3),
                "response_risk_date": now - timedelta(hours=5),
            }
        )
        tickets._compute_sla_states()
        return tickets

    # ------------------------------------------------------------------
    # complaints: every state, every severity, measures and the closing
    # ------------------------------------------------------------------
    @api.model
    def _demo_complaint(self, partner, hours_ago, **values):
        values.setdefault("description", Markup("<p>客户来电投诉。</p>"))
        complaint = self._demo_ticket(
            partner, hours_ago, request_type="complaint", **values
        )
        # the phone agent took the call: first-contact responsibility
        complaint.with_context(complaint_handover=True).write(
            {
                "complaint_owner_id": self._ref("res_users_agent_demo").id,
                "complaint_group_id": self._ref("service_complaint_group_demo").id,
            }
        )
        return complaint

    @api.model
    def _demo_complaint_reply(self, complaint, hours):
        """The complaint group replied ``hours`` after the complaint came in."""
        complaint.action_complaint_reply()
        complaint.first_response_date = complaint.received_date + timedelta(hours=hours)
        return complaint

    @api.model
    def _demo_complaint_solve(self, complaint, hours, solution):
        complaint.solution = Markup("<p>%s</p>") % solution
        complaint.action_complaint_solved()
        complaint.complaint_solved_date = complaint.received_date + timedelta(
            hours=hours
        )
        return complaint

    @api.model
    def _demo_measures(self, complaint, measures, done=True):
        """``measures``: (kind, name, owner xmlid, days after the complaint,
        amount) tuples; done unless ``done`` is False."""
        records = self.env["service.complaint.measure"].create(
            [
                {
                    "ticket_id": complaint.id,
                    "kind": kind,
                    "name": name,
                    "user_id": self._ref(owner).id,
                    "date_deadline": complaint.company_id._local_day(
                        complaint.received_date + timedelta(days=days)
                    ),
                    "amount": amount,
                }
                for kind, name, owner, days, amount in measures
            ]
        )
        if done:
            manager = self._ref("res_users_manager_demo")
            records.filtered(lambda m: m.approval_state == "to_approve").with_user(
                manager
            ).action_approve()
            records.action_done()
            for measure in records:
                measure.date_done = min(
                    measure.date_deadline, fields.Date.context_today(self)
                )
        return records

    @api.model
    def _demo_complaint_close(self, complaint, summary, preventive, **values):
        complaint.write(
            {
                "complaint_summary": Markup("<p>%s</p>") % summary,
                "complaint_preventive_measure": preventive,
                **values,
            }
        )
        complaint.action_close()
        self.env["service.close.wizard"].create(
            {"ticket_id": complaint.id, "satisfaction": "satisfied"}
        ).action_confirm()
        complaint.resolved_date = complaint.complaint_solved_date
        return complaint

    @api.model
    def _demo_complaints(self, lots):
        ref = self._ref
        key = ref("res_partner_key_account_demo")
        farmer = ref("res_partner_farmer_demo")
        farmer2 = ref("res_partner_farmer2_demo")
        dealer = ref("res_partner_dealer_demo")
        service_dept = ref("hr_department_customer_service_demo")
        center_dept = ref("hr_department_technical_center_demo")
        harvester = ref("product_product_harvester_demo")
        tractor = ref("product_product_tractor_demo")
        transplanter = ref("product_product_transplanter_demo")

        # just in: the group must reply within 24 hours (general)
        fresh = self._demo_complaint(
            dealer,
            3,
            name="投诉：配件到货比承诺晚一周",
            description=Markup(
                "<p>经销商投诉：订购的割台 V 带承诺 3 天到货，一周仍未到。</p>"
            ),
            complaint_cause="spare_parts",
        )
        self._demo_measures(
            fresh,
            [("apology", "电话致歉并告知到货时间", "res_users_complaint_demo", 1, 0)],
            done=False,
        )

        # replied and under investigation (important): a site visit, an
        # apology done, a compensation above the limit waiting for the
        # manager, an improvement still open
        handled = self._demo_complaint(
            key,
            30,
            name="投诉：收割机维修后再次故障",
            product_id=harvester.id,
            lot_id=lots["KT300-23B0032"].id,
            complaint_severity="important",
            complaint_cause="repair_quality",
            complaint_department_id=center_dept.id,
            complaint_employee_id=ref("hr_employee_expert_demo").id,
            complaint_cause_details="更换连杆瓦后未按规定扭矩紧固，试车时间不足。",
            complaint_visit_date=fields.Datetime.now() - timedelta(hours=6),
            complaint_visit_user_ids=[Command.set(ref("res_users_manager_demo").ids)],
            complaint_visit_report=Markup(
                "<p>与机手张国庆面谈，现场确认发动机异响复现。</p>"
            ),
            description=Markup(
                "<p>重点客户投诉：发动机修好两天又响，正值秋收，损失严重。</p>"
            ),
        )
        self._demo_complaint_reply(handled, 2)
        self._demo_measures(
            handled,
            [("apology", "服务经理上门致歉", "res_users_manager_demo", 1, 0)],
        )
        self._demo_measures(
            handled,
            [
                (
                    "compensation",
                    "补偿误工损失",
                    "res_users_complaint_demo",
                    3,
                    3000,
                ),
                (
                    "improvement",
                    "维修作业增加扭矩复核和 2 小时试车",
                    "res_users_expert_demo",
                    10,
                    0,
                ),
            ],
            done=False,
        )

        # solved (major): waiting for the callback that confirms satisfaction
        self._demo_complaint_solve(
            self._demo_complaint_reply(
                self._demo_complaint(
                    farmer2,
                    7 * 24,
                    name="投诉：插秧机交付即漏油",
                    product_id=transplanter.id,
                    lot_id=lots["KT6-25C0210"].id,
                    complaint_severity="major",
                    complaint_cause="product_quality",
                    complaint_department_id=center_dept.id,
                    complaint_cause_details="液压油管接头密封圈装配遗漏。",
                ),
                4,
            ),
            2 * 24,
            "上门更换密封圈并补充液压油，试插正常。",
        )

        # solved two days ago: its callback (service_callback) closes it
        self._demo_complaint_solve(
            self._demo_complaint_reply(
                self._demo_complaint(
                    farmer,
                    5 * 24,
                    name="投诉：维修师傅态度差",
                    product_id=tractor.id,
                    lot_id=lots["KT504-24A0342"].id,
                    complaint_cause="service_attitude",
                    complaint_department_id=service_dept.id,
                    complaint_employee_id=ref("hr_employee_technician2_demo").id,
                    complaint_cause_details="师傅赶下一单，未解释故障原因就离开。",
                ),
                1,
            ),
            3 * 24,
            "服务经理电话致歉，师傅重新上门讲解保养要点。",
        )

        # closed: anonymous letter (no callback)
        anonymous = self._demo_complaint_solve(
            self._demo_complaint_reply(
                self._demo_complaint(
                    self.env["res.partner"],
                    20 * 24,
                    name="匿名投诉：分店收费不透明",
                    complaint_anonymous=True,
                    channel_id=self.env.ref(
                        "helpdesk_mgmt.helpdesk_ticket_channel_other"
                    ).id,
                    complaint_cause="charges",
                    complaint_department_id=service_dept.id,
                    description=Markup("<p>来信反映分店维修收费没有明细。</p>"),
                ),
                5,
            ),
            60,
            "分店统一使用收费明细单，价格表上墙。",
        )
        self._demo_measures(
            anonymous,
            [
                (
                    "improvement",
                    "分店打印收费明细交客户签字",
                    "res_users_manager_demo",
                    5,
                    0,
                )
            ],
        )
        self._demo_complaint_close(
            anonymous,
            "匿名来信反映收费不透明，核实后分店未出具明细。",
            "所有有偿服务出具收费明细单，季度抽查。",
        )

        # closed: the customer only asked for a written reply (attached)
        reply_only = self._demo_complaint_solve(
            self._demo_complaint_reply(
                self._demo_complaint(
                    dealer,
                    35 * 24,
                    name="投诉：三包期内收取配件费",
                    complaint_reply_only=True,
                    complaint_cause="charges",
                    complaint_department_id=service_dept.id,
                ),
                3,
            ),
            40,
            "核实为主要部件，退还配件费并书面答复。",
        )
        reply = self.env["ir.attachment"].create(
            {
                "name": "书面答复.pdf",
                "datas": base64.b64encode(b"%PDF-1.4 demo written reply"),
                "res_model": "helpdesk.ticket",
                "res_id": reply_only.id,
            }
        )
        self._demo_measures(
            reply_only,
            [("compensation", "退还配件费", "res_users_complaint_demo", 2, 680)],
        )
        self._demo_complaint_close(
            reply_only,
            "三包期内主要部件误收费，已退款并书面答复。",
            "结算前由系统校验三包状态。",
            complaint_reply_attachment_ids=[Command.set(reply.ids)],
        )

        # closed a month ago after the callback confirmed satisfaction
        closed = self._demo_complaint_solve(
            self._demo_complaint_reply(
                self._demo_complaint(
                    key,
                    40 * 24,
                    name="投诉：上门服务迟到半天",
                    complaint_cause="response_time",
                    complaint_department_id=service_dept.id,
                    complaint_employee_id=ref("hr_employee_technician_demo").id,
                ),
                2,
            ),
            30,
            "调整派工顺序，重点客户优先上门。",
        )
        self._demo_measures(
            closed,
            [("apology", "电话致歉", "res_users_complaint_demo", 1, 0)],
        )
        self._demo_complaint_close(
            closed,
            "派工未按客户等级排序导致迟到。",
            "派工看板按客户等级和截止时间排序。",
            complaint_callback_confirmed=True,
        )
        return True
