# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import ServiceDeskCase


@tagged("post_install", "-at_install")
class TestServiceAccess(ServiceDeskCase):
    def test_phone_agent_creates_and_hands_off(self):
        """The phone agent hands the intake to the information coordinator,
        who (not the agent) hands it to the technician."""
        ticket = self._create_ticket(user=self.agent, purchase_date="2025-01-10")
        ticket = ticket.with_user(self.agent)
        ticket.action_submit_intake()
        ticket.user_id = self.technician
        with self.assertRaisesRegex(AccessError, "Information Coordinator"):
            ticket.action_hand_to_technician()
        self.assertEqual(ticket.service_step, "coordination")
        ticket.with_user(self.coordinator).action_hand_to_technician()
        self.assertEqual(ticket.service_step, "diagnosis")

    def test_only_managers_edit_policies(self):
        rule = self.env.ref("service_lifecycle.service_policy_rule_farmer")
        policy = self.env.ref("service_lifecycle.service_warranty_policy_default")
        for user in (self.agent, self.technician, self.expert):
            self.assertTrue(rule.with_user(user).service_level)
            with self.assertRaises(AccessError, msg=user.login):
                rule.with_user(user).response_hours = 1
            with self.assertRaises(AccessError, msg=user.login):
                policy.with_user(user).return_days = 30
            with self.assertRaises(AccessError, msg=user.login):
                self.env["service.policy.rule"].with_user(user).create(
                    {"customer_class": "dealer", "service_level": "1"}
                )
        rule.with_user(self.manager).response_hours = 12
        policy.with_user(self.manager).return_days = 10
        self.assertEqual(rule.response_hours, 12)

    def test_technician_cannot_delete(self):
        ticket = self._create_ticket(user=self.agent)
        with self.assertRaises(AccessError):
            ticket.with_user(self.technician).unlink()
        escalation = (
            self.env["service.escalation"]
            .with_user(self.technician)
            .create({"ticket_id": ticket.id})
        )
        with self.assertRaises(AccessError):
            escalation.unlink()
        escalation.with_user(self.manager).unlink()

    def test_agent_reads_knowledge_but_only_the_center_writes(self):
        Article = self.env["service.knowledge.article"]
        article = Article.with_user(self.expert).create(
            {"name": "Stall", "symptoms": "stalls", "solution": "<p>fins</p>"}
        )
        self.assertEqual(article.with_user(self.agent).name, "Stall")
        with self.assertRaises(AccessError):
            article.with_user(self.agent).name = "Changed"
        with self.assertRaises(AccessError):
            article.with_user(self.technician).name = "Changed"

    def test_policy_matrix_combination_unique(self):
        with self.assertRaises(ValidationError):
            self.env["service.policy.rule"].with_user(self.manager).create(
                {
                    "customer_class": "farmer",
                    "urgency": "any",
                    "service_level": "1",
                    "company_id": False,
                }
            )

    def test_task_order_form_opens_for_each_role(self):
        ticket = self._create_ticket(user=self.agent)
        for user in (self.agent, self.technician, self.manager):
            with Form(ticket.with_user(user)) as form:
                self.assertEqual(form.request_type, "repair")
                form.working_conditions = f"Checked by {user.login}"
        self.assertEqual(ticket.working_conditions, "Checked by desk_manager")

    def test_new_task_order_form_shows_possible_duplicates(self):
        first = self._create_ticket(user=self.agent)
        form = Form(self.env["helpdesk.ticket"].with_user(self.agent))
        form.name = "Again"
        form.description = "<p>Again</p>"
        form.partner_id = self.farmer
        form.lot_id = self.lot
        self.assertEqual(form.product_id, self.tractor)
        self.assertEqual(form.duplicate_candidate_ids[:], first)
        form.duplicate_confirmed = True
        second = form.save()
        self.assertEqual(second.duplicate_candidate_ids, first)

    def test_policies_stay_in_their_company(self):
        other = self.env["res.company"].create({"name": "Kaituo North"})
        rule = self.env["service.policy.rule"].create(
            {"company_id": other.id, "customer_class": "dealer", "service_level": "1"}
        )
        Rule = self.env["service.policy.rule"].with_user(self.manager)
        self.assertNotIn(rule, Rule.search([]))
        self.manager.company_ids = [(4, other.id)]
        self.assertIn(rule, Rule.with_context(allowed_company_ids=other.ids).search([]))
        # a dealer of the first company keeps the shared rules
        dealer = self.env["res.partner"].create(
            {"name": "Dealer", "customer_class": "dealer"}
        )
        ticket = self._create_ticket(partner_id=dealer.id, lot_id=False)
        self.assertFalse(ticket.policy_rule_id.company_id)
