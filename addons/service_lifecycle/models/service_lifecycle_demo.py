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
        order.action_confirm()
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
            picking.shipping_notice_date = shipped + timedelta(hours=1)
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
