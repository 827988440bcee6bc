# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, tagged

from .common import ServiceDeskCase


@tagged("post_install", "-at_install")
class TestTicketIntake(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._sell_and_deliver(
            cls.farmer, cls.lot, datetime(2025, 1, 10, 3), datetime(2025, 1, 12, 6)
        )

    def test_channels_and_request_types_exist(self):
        channels = self.env["helpdesk.ticket.channel"].search([]).mapped("name")
        for name in (
            "Phone",
            "Fax",
            "Email",
            "Online Message",
            "Questionnaire",
            "Walk-in",
        ):
            self.assertIn(name, channels)
        types = dict(self.env["helpdesk.ticket"]._fields["request_type"].selection)
        self.assertEqual(
            set(types),
            {"repair", "consultation", "complaint", "return_exchange", "paid_service"},
        )
        self.assertEqual(
            self.env["res.partner"].create({"name": "X"}).customer_class, "regular"
        )

    @freeze_time("2025-01-15 02:00:00")
    def test_sale_order_and_dates_from_the_serial(self):
        ticket = self._create_ticket()
        self.assertEqual(ticket.sale_order_id, self.order)
        self.assertEqual(ticket.purchase_date, date(2025, 1, 10))
        self.assertEqual(ticket.delivery_date, date(2025, 1, 12))
        self.assertEqual(ticket.warranty_start_date, date(2025, 1, 12))
        self.assertEqual(ticket.fault_date, date(2025, 1, 15))
        self.assertEqual(ticket.warranty_decision, "return")
        self.assertIn("return window", ticket.warranty_reason)

    def test_sale_order_from_the_product_without_serial(self):
        ticket = self._create_ticket(lot_id=False)
        self.assertEqual(ticket.sale_order_id, self.order)
        other = self._create_ticket(partner_id=self.regular.id, lot_id=False)
        self.assertFalse(other.sale_order_id)
        self.assertEqual(other.warranty_decision, "unknown")

    def test_warranty_decision_per_fault_date_and_part(self):
        ticket = self._create_ticket()
        cases = [
            (date(2025, 1, 19), False, "return"),
            (date(2025, 1, 20), False, "exchange"),
            (date(2025, 1, 27), False, "exchange"),
            (date(2025, 1, 28), False, "free_repair"),
            (date(2026, 1, 12), False, "free_repair"),
            (date(2026, 1, 13), False, "paid"),
            (date(2026, 1, 13), self.engine, "free_repair"),
            (date(2027, 1, 13), self.engine, "paid"),
            (date(2025, 2, 1), self.belt, "paid"),
        ]
        for fault_date, part, expected in cases:
            ticket.write({"fault_date": fault_date, "faulty_part_id": part and part.id})
            self.assertEqual(ticket.warranty_decision, expected, (fault_date, part))

    def test_warranty_policy_per_category_and_company_default(self):
        ticket = self._create_ticket(fault_date=date(2025, 3, 1))
        self.assertEqual(ticket.warranty_decision, "free_repair")
        policy = self.env["service.warranty.policy"].create(
            {"name": "Short", "return_days": 3, "exchange_days": 5, "machine_months": 1}
        )
        self.categ.service_warranty_policy_id = policy
        ticket = self._create_ticket(
            fault_date=date(2025, 3, 1), duplicate_confirmed=True
        )
        self.assertEqual(ticket.warranty_decision, "paid")
        self.categ.service_warranty_policy_id = False
        self.company.service_warranty_policy_id = policy
        ticket = self._create_ticket(
            fault_date=date(2025, 1, 16), duplicate_confirmed=True
        )
        self.assertEqual(ticket.warranty_decision, "exchange")

    def test_policy_matrix_sets_level_and_mode(self):
        ticket = self._create_ticket(fault_date=date(2025, 3, 1))
        self.assertEqual(
            ticket.policy_rule_id,
            self.env.ref("service_lifecycle.service_policy_rule_farmer"),
        )
        self.assertEqual((ticket.service_level, ticket.service_mode), ("2", "phone"))
        ticket.is_urgent = True
        self.assertEqual((ticket.service_level, ticket.service_mode), ("1", "on_site"))
        consultation = self._create_ticket(
            partner_id=self.regular.id,
            request_type="consultation",
            product_id=False,
            lot_id=False,
        )
        self.assertEqual(
            consultation.policy_rule_id,
            self.env.ref("service_lifecycle.service_policy_rule_any_consultation"),
        )
        self.regular.customer_class = "key_account"
        self.assertEqual(consultation.service_level, "1")
        self.assertEqual(consultation.service_mode, "phone")

    def test_paid_warranty_turns_on_site_into_paid_service(self):
        ticket = self._create_ticket(is_urgent=True, fault_date=date(2026, 6, 1))
        self.assertEqual(ticket.warranty_decision, "paid")
        self.assertEqual(ticket.service_mode, "paid")

    def test_completeness_names_missing_fields(self):
        ticket = self._create_ticket(
            user=self.agent,
            lot_id=False,
            working_conditions=False,
            fault_symptoms=False,
        )
        with self.assertRaises(UserError) as error:
            ticket.action_submit_intake()
        message = str(error.exception)
        for label in ("Serial Number", "Working Conditions", "Fault Symptoms"):
            self.assertIn(label, message)
        self.assertNotIn("Sale Order", message)
        self.assertEqual(ticket.service_step, "intake")
        # dragging the card to the next stage is refused the same way
        with self.assertRaises(UserError):
            ticket.stage_id = self.env.ref(
                "service_lifecycle.helpdesk_ticket_stage_coordination"
            )
        ticket.write(
            {
                "lot_id": self.lot.id,
                "working_conditions": "Paddy",
                "fault_symptoms": "Smoke",
            }
        )
        ticket.action_submit_intake()
        self.assertEqual(ticket.service_step, "coordination")

    def test_completeness_per_request_type(self):
        consultation = self._create_ticket(
            request_type="consultation",
            product_id=False,
            lot_id=False,
            channel_id=False,
        )
        with self.assertRaises(UserError) as error:
            consultation.action_submit_intake()
        self.assertIn("Channel", str(error.exception))
        consultation.channel_id = self.phone
        consultation.action_submit_intake()
        self.assertEqual(consultation.service_step, "coordination")
        ret = self._create_ticket(
            request_type="return_exchange", partner_id=self.regular.id, lot_id=False
        )
        with self.assertRaises(UserError) as error:
            ret.action_submit_intake()
        self.assertIn("Sale Order", str(error.exception))
        self.assertIn("Purchase Date", str(error.exception))

    def test_duplicate_is_refused_unless_confirmed(self):
        first = self._create_ticket(user=self.agent)
        with self.assertRaises(UserError) as error:
            self._create_ticket(user=self.agent, name="Again")
        self.assertIn(first.number, str(error.exception))
        # another serial, or a confirmed different problem, is fine
        self._create_ticket(user=self.agent, lot_id=self.lot_spare.id)
        second = self._create_ticket(user=self.agent, duplicate_confirmed=True)
        self.assertEqual(second.duplicate_candidate_ids, first)

    def test_duplicate_by_product_without_serial(self):
        first = self._create_ticket(
            partner_id=self.regular.id, product_id=self.engine.id, lot_id=False
        )
        with self.assertRaises(UserError):
            self._create_ticket(
                partner_id=self.regular.id, product_id=self.engine.id, lot_id=False
            )
        first.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        self._create_ticket(
            partner_id=self.regular.id, product_id=self.engine.id, lot_id=False
        )

    def test_duplicate_window_is_configurable(self):
        with freeze_time("2025-03-01 02:00:00"):
            self._create_ticket()
        with freeze_time("2025-03-25 02:00:00"):
            with self.assertRaises(UserError):
                self._create_ticket()
            self.company.service_duplicate_days = 20
            self._create_ticket()

    def test_link_to_open_ticket_keeps_one_record(self):
        first = self._create_ticket(user=self.agent)
        second = self._create_ticket(
            user=self.agent, duplicate_confirmed=True, description="<p>Second call</p>"
        )
        action = second.with_user(self.agent).action_link_to_duplicate()
        self.assertEqual(action["res_id"], first.id)
        self.assertEqual(second.duplicate_id, first)
        self.assertTrue(second.stage_id.closed)
        self.assertIn("Second call", first.message_ids[0].body)
        self.assertFalse(
            self._create_ticket(lot_id=self.lot_spare.id).duplicate_candidate_ids
        )

    def test_intake_wizard_adds_the_call_to_the_open_ticket(self):
        first = self._create_ticket(user=self.agent)
        Ticket = self.env["helpdesk.ticket"]
        count = Ticket.search_count([])
        wizard_form = Form(self.env["service.intake.wizard"].with_user(self.agent))
        self.assertIn("agent No.", wizard_form.hotline_script, "shown from the start")
        wizard_form.partner_id = self.farmer
        wizard_form.lot_id = self.lot
        wizard_form.name = "Still no ignition"
        wizard_form.fault_symptoms = "Called from the sales office"
        self.assertEqual(wizard_form.product_id, self.tractor)
        wizard = wizard_form.save()
        self.assertEqual(wizard.duplicate_ids, first)
        self.assertIn("agent No.", wizard.hotline_script)
        with self.assertRaises(UserError):
            wizard.action_create_ticket()
        action = wizard.action_add_to_existing()
        self.assertEqual(action["res_id"], first.id)
        self.assertEqual(Ticket.search_count([]), count)
        self.assertIn("Called from the sales office", first.message_ids[0].body)

    def test_intake_wizard_creates_once(self):
        wizard = (
            self.env["service.intake.wizard"]
            .with_user(self.agent)
            .create(
                {
                    "partner_id": self.farmer.id,
                    "lot_id": self.lot.id,
                    "product_id": self.tractor.id,
                    "name": "Hydraulics weak",
                    "team_id": self.team.id,
                    "fault_symptoms": "Lift arm drops",
                    "working_conditions": "Ploughing",
                }
            )
        )
        first = wizard.action_create_ticket()
        second = wizard.action_create_ticket()
        self.assertEqual(first["res_id"], second["res_id"])
        ticket = wizard.ticket_id
        self.assertEqual(ticket.channel_id, self.phone)
        self.assertEqual(ticket.sale_order_id, self.order)
        self.assertEqual(ticket.create_uid, self.agent)

    @freeze_time("2025-06-02 01:00:00")
    def test_intake_query_count(self):
        # warm the caches of the rules, the calendar and the sequences
        self._create_ticket(user=self.agent, lot_id=self.lot_spare.id)
        self.env.invalidate_all()
        # creation, numbering, sale order and delivery lookup, warranty,
        # policy matrix, working-time deadlines, the duplicate check and the
        # repeat-complaint check; one more when an ormcache of another test
        # class is cold (seen with the whole suite), hence the ceiling
        with self.assertQueryCount(38):
            ticket = self._create_ticket(user=self.agent)
        self.assertTrue(ticket.resolution_deadline)
        self.assertEqual(ticket.sale_order_id, self.order)

    @freeze_time("2025-06-02 01:00:00")
    def test_batch_intake_does_not_query_per_ticket(self):
        self._create_ticket(user=self.agent, lot_id=self.lot_spare.id)
        lots = self.env["stock.lot"].create(
            [{"name": f"SN-B{i}", "product_id": self.tractor.id} for i in range(5)]
        )
        self.env.invalidate_all()
        # five task orders cost 19 queries more than one (numbers, followers);
        # the company's time zone is read once for the local days
        with self.assertQueryCount(59):
            tickets = (
                self.env["helpdesk.ticket"]
                .with_user(self.agent)
                .create([self._ticket_vals(lot_id=lot.id) for lot in lots])
            )
        self.assertEqual(len(tickets.filtered("resolution_deadline")), 5)
