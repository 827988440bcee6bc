# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from markupsafe import Markup

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import ServiceDeskCase


@tagged("post_install", "-at_install")
class TestTicketFlows(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._sell_and_deliver(
            cls.farmer, cls.lot, datetime(2025, 1, 10, 3), datetime(2025, 1, 12, 6)
        )

    def _to_technician(self, ticket):
        ticket.with_user(self.agent).action_submit_intake()
        ticket.with_user(self.coordinator).user_id = self.technician
        ticket.with_user(self.coordinator).action_hand_to_technician()
        return ticket.with_user(self.technician)

    def test_hand_off_query_count(self):
        """Intake to coordinator to technician: a fixed number of queries
        (stage lookup, timestamps, deadlines, followers, tracking)."""
        self._to_technician(self._create_ticket(user=self.agent))  # warm caches
        ticket = self._create_ticket(user=self.agent, duplicate_confirmed=True)
        ticket.with_user(self.agent).user_id = self.technician
        self.env.invalidate_all()
        with self.assertQueryCount(24):
            ticket.with_user(self.agent).action_submit_intake()
            ticket.with_user(self.coordinator).action_hand_to_technician()
        self.assertEqual(ticket.service_step, "diagnosis")

    def test_hand_offs_are_timestamped(self):
        ticket = self._create_ticket(user=self.agent)
        ticket.with_user(self.agent).action_submit_intake()
        self.assertTrue(ticket.intake_done_date)
        self.assertFalse(ticket.handoff_date)
        # auto-assigned to the agent who took the call: not a technician
        self.assertEqual(ticket.user_id, self.agent)
        with self.assertRaisesRegex(UserError, "Assign a hotline technician"):
            ticket.with_user(self.coordinator).action_hand_to_technician()
        ticket = self._create_ticket(user=self.agent, duplicate_confirmed=True)
        ticket = self._to_technician(ticket)
        self.assertEqual(ticket.service_step, "diagnosis")
        self.assertTrue(ticket.handoff_date >= ticket.intake_done_date)

    def test_phone_guidance_and_satisfaction(self):
        ticket = self._to_technician(self._create_ticket(user=self.agent))
        with self.assertRaises(UserError):
            ticket.action_phone_guidance_done()
        ticket.write(
            {
                "diagnosis_steps": Markup("<p>1. Fuel valve 2. Filter</p>"),
                "solution": Markup("<p>Open the fuel valve</p>"),
            }
        )
        ticket.action_phone_guidance_done()
        self.assertEqual(ticket.service_step, "confirmation")
        self.assertTrue(ticket.first_response_date)
        # customer service asks the customer, not the technician who solved it
        with self.assertRaisesRegex(UserError, "not the technician who did the work"):
            self.env["service.close.wizard"].with_user(self.technician).create(
                {"ticket_id": ticket.id, "satisfaction": "satisfied"}
            ).action_confirm()
        self.assertFalse(ticket.closed)
        action = ticket.with_user(self.agent).action_close()
        self.assertEqual(action["res_model"], "service.close.wizard")
        Wizard = self.env["service.close.wizard"].with_user(self.agent)
        Wizard.create(
            {"ticket_id": ticket.id, "satisfaction": "not_satisfied"}
        ).action_confirm()
        self.assertEqual(ticket.rework_count, 1)
        self.assertEqual(ticket.service_step, "diagnosis")
        self.assertFalse(ticket.closed)
        self.assertFalse(ticket.resolved_date)
        # the rework is solved again, then the customer is asked again
        ticket.action_phone_guidance_done()
        Wizard.create(
            {"ticket_id": ticket.id, "satisfaction": "satisfied"}
        ).action_confirm()
        self.assertTrue(ticket.closed)
        self.assertEqual(
            ticket.stage_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        )
        self.assertEqual(ticket.resolution_sla_state, "met")
        self.assertEqual(ticket.rework_count, 1)

    def test_on_site_dispatch_to_provider(self):
        provider = self.env["res.partner"].create(
            {
                "name": "Henan Repair Center",
                "is_company": True,
                "service_provider_type": "repair_center",
                "service_region_ids": [(6, 0, self.state_hn.ids)],
            }
        )
        ticket = self._to_technician(
            self._create_ticket(
                user=self.agent, is_urgent=True, fault_date=date(2025, 3, 1)
            )
        )
        self.assertEqual(ticket.service_mode, "on_site")
        self.assertEqual(ticket.provider_id, provider)
        with self.assertRaises(UserError):
            ticket.action_dispatch_on_site()
        ticket.appointment_start = datetime(2025, 6, 3, 1, 0)
        ticket.action_dispatch_on_site()
        event = ticket.calendar_event_id
        self.assertEqual(event.start, datetime(2025, 6, 3, 1, 0))
        self.assertIn(provider, event.partner_ids)
        self.assertIn(self.farmer, event.partner_ids)
        self.assertEqual(
            (event.res_model, event.res_id), ("helpdesk.ticket", ticket.id)
        )
        self.assertEqual(ticket.service_step, "service")

    @freeze_time("2025-03-01 02:00:00")
    def test_carry_in_repair_under_warranty(self):
        ticket = self._to_technician(self._create_ticket(user=self.agent))
        self.assertEqual(ticket.warranty_decision, "free_repair")
        ticket.service_mode = "carry_in"
        ticket.action_create_repair()
        repair = ticket.sudo().repair_ids
        self.assertEqual(len(repair), 1)
        self.assertTrue(repair.under_warranty)
        self.assertEqual(repair.ticket_id, ticket)
        self.assertEqual((repair.product_id, repair.lot_id), (self.tractor, self.lot))
        self.assertEqual(ticket.repair_count, 1)
        self.assertEqual(ticket.service_step, "service")

    @freeze_time("2026-06-01 02:00:00")
    def test_paid_service_quotes_parts_and_labour(self):
        ticket = self._create_ticket(user=self.agent, request_type="paid_service")
        ticket = self._to_technician(ticket)
        self.assertEqual(ticket.warranty_decision, "paid")
        ticket.write({"service_mode": "paid", "labour_hours": 2.0})
        ticket.action_quote_paid_service()
        repair = ticket.sudo().repair_ids
        self.assertFalse(repair.under_warranty)
        order = repair.sale_order_id
        self.assertEqual(order.partner_id, self.farmer)
        self.assertIn(order.name, ticket.message_ids[0].body)
        # a salesperson is taken straight to the quotation
        salesman = self.env.ref("sales_team.group_sale_salesman")
        self.technician.groups_id = [(4, salesman.id)]
        self.assertEqual(ticket.action_quote_paid_service()["res_id"], order.id)
        labour = self.company.service_labour_product_id
        line = order.order_line.filtered(lambda sol: sol.product_id == labour)
        self.assertEqual(line.product_uom_qty, 2.0)
        self.assertTrue(line.price_unit)

    @freeze_time("2025-01-20 02:00:00")
    def test_exchange_creates_return_and_replacement(self):
        ticket = self._create_ticket(user=self.agent, request_type="return_exchange")
        self.assertEqual(ticket.warranty_decision, "exchange")
        self.assertEqual(ticket.return_resolution, "exchange")
        ticket = self._to_technician(ticket)
        ticket.action_create_return()
        ret = ticket.sudo().return_picking_id
        self.assertEqual(ret.picking_type_code, "incoming")
        self.assertEqual(ret.move_ids.product_id, self.tractor)
        self.assertEqual(ret.move_ids.product_uom_qty, 1)
        self.assertEqual(
            ret.return_id, self.order.picking_ids.filtered(lambda p: p.state == "done")
        )
        replacement = ticket.sudo().replacement_picking_id
        self.assertEqual(replacement.picking_type_code, "outgoing")
        self.assertEqual(replacement.move_ids.product_id, self.tractor)
        self.assertEqual(ticket.service_step, "service")
        with self.assertRaises(UserError):
            ticket.action_create_return()

    @freeze_time("2025-01-15 02:00:00")
    def test_return_creates_return_and_refund(self):
        ticket = self._create_ticket(user=self.agent, request_type="return_exchange")
        self.assertEqual(ticket.warranty_decision, "return")
        self.assertEqual(ticket.return_resolution, "refund")
        ticket = self._to_technician(ticket)
        ticket.action_create_return()
        self.assertEqual(ticket.sudo().return_picking_id.picking_type_code, "incoming")
        self.assertFalse(ticket.sudo().replacement_picking_id)
        refund = ticket.sudo().refund_move_id
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.partner_id, self.farmer)
        self.assertEqual(refund.invoice_line_ids.product_id, self.tractor)
        self.assertEqual(refund.invoice_line_ids.quantity, 1)
        self.assertEqual(refund.invoice_line_ids.price_unit, 50000.0)

    def test_escalation_answer_becomes_knowledge(self):
        ticket = self._to_technician(self._create_ticket(user=self.agent))
        action = ticket.action_escalate()
        Escalation = self.env["service.escalation"].with_user(self.technician)
        escalation = Escalation.with_context(**action["context"]).create(
            {
                "question": Markup("<p>Engine stalls when hot</p>"),
                "user_id": self.expert.id,
            }
        )
        self.assertEqual(escalation.product_id, self.tractor)
        self.assertEqual(escalation.symptoms, ticket.fault_symptoms)
        self.assertTrue(escalation.name.startswith("ESC"))
        with freeze_time("2025-06-02 01:00:00"):
            escalation.action_submit()
        # 48 working hours (six working days) on the team's calendar
        self.assertEqual(escalation.answer_deadline, datetime(2025, 6, 10, 1, 0))
        self.assertEqual(escalation.activity_ids.user_id, self.expert)
        self.assertEqual(ticket.escalation_count, 1)
        with self.assertRaises(UserError):
            escalation.with_user(self.expert).action_answer()
        escalation = escalation.with_user(self.expert)
        escalation.answer = Markup("<p>Clean the radiator fins</p>")
        with freeze_time("2025-06-03 01:00:00"):
            escalation.action_answer()
        self.assertEqual(escalation.state, "answered")
        self.assertFalse(escalation.is_late)
        escalation.action_save_knowledge()
        article = escalation.article_id
        self.assertEqual(article.product_id, self.tractor)
        self.assertIn("radiator", article.solution)
        # the hotline finds it while taking the next call
        self.assertEqual(ticket.knowledge_article_count, 1)
        wizard = (
            self.env["service.intake.wizard"]
            .with_user(self.agent)
            .create(
                {
                    "partner_id": self.regular.id,
                    "product_id": self.tractor.id,
                    "name": "Stalls",
                }
            )
        )
        self.assertEqual(wizard.article_ids, article)

    def test_late_escalation(self):
        ticket = self._to_technician(self._create_ticket(user=self.agent))
        escalation = self.env["service.escalation"].create({"ticket_id": ticket.id})
        with freeze_time("2025-06-02 01:00:00"):
            escalation.action_submit()
        self.company.service_escalation_user_id = self.manager
        Escalation = self.env["service.escalation"]
        late_type = self.env.ref("service_lifecycle.mail_activity_type_escalation_late")
        with freeze_time("2025-06-09 01:00:00"):
            Escalation._cron_check_late()
            self.assertFalse(escalation.activity_ids.activity_type_id & late_type)
        with freeze_time("2025-06-11 01:00:00"):
            escalation.invalidate_recordset(["is_late"])
            self.assertTrue(escalation.is_late)
            self.assertIn(escalation, Escalation.search([("is_late", "=", True)]))
            Escalation._cron_check_late()
            activity = escalation.activity_ids.filtered(
                lambda a: a.activity_type_id == late_type
            )
            self.assertEqual(activity.user_id, self.manager)
            Escalation._cron_check_late()
            self.assertEqual(
                escalation.activity_ids.filtered(
                    lambda a: a.activity_type_id == late_type
                ),
                activity,
            )

    def test_complaint_is_a_normal_ticket(self):
        ticket = self._create_ticket(
            user=self.agent,
            request_type="complaint",
            partner_id=self.regular.id,
            product_id=False,
            lot_id=False,
        )
        ticket.with_user(self.agent).action_submit_intake()
        self.assertEqual(ticket.service_step, "coordination")
        self.assertEqual(
            ticket.policy_rule_id,
            self.env.ref("service_lifecycle.service_policy_rule_any_complaint"),
        )
        self.assertTrue(ticket.response_deadline)

    def test_fault_date_is_today_by_default(self):
        self.assertEqual(self._create_ticket().fault_date, date.today())
