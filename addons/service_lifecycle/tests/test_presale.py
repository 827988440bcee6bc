# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import SalesLifecycleCommon

FOLLOWUP = "service_lifecycle.mail_activity_type_lead_followup"


@tagged("post_install", "-at_install")
class TestConsultation(SalesLifecycleCommon):
    def test_response_time_runs_to_the_first_answer(self):
        Consultation = self.env["crm.consultation"].with_user(self.salesman)
        with freeze_time("2026-03-02 09:00:00"):
            consultation = Consultation.create(
                {
                    "channel": "chat",
                    "partner_id": self.customer.id,
                    "question": "Does the KT-300 handle wet rice fields?",
                }
            )
        self.assertEqual(consultation.state, "open")
        self.assertTrue(consultation.name.startswith("CS/"))
        with freeze_time("2026-03-02 12:30:00"):
            consultation.answer = "Yes, with the tracked chassis option."
        self.assertEqual(consultation.state, "answered")
        self.assertEqual(consultation.answered_by_id, self.salesman)
        self.assertAlmostEqual(consultation.response_hours, 3.5)
        with freeze_time("2026-03-05 12:30:00"):
            consultation.with_user(
                self.sales_manager
            ).answer = "Tracked chassis, see brochure."
        self.assertAlmostEqual(consultation.response_hours, 3.5)
        self.assertEqual(consultation.answered_by_id, self.salesman)
        self.assertEqual(self.customer.consultation_count, 1)

    def test_answer_required_to_mark_answered(self):
        consultation = self.env["crm.consultation"].create(
            {"channel": "fax", "question": "Price list please"}
        )
        with self.assertRaisesRegex(UserError, "Write the answer"):
            consultation.action_answer()

    def test_answer_cannot_precede_receipt(self):
        with self.assertRaises(ValidationError):
            self.env["crm.consultation"].create(
                {
                    "channel": "im",
                    "question": "Delivery time?",
                    "received_date": "2030-01-01 00:00:00",
                    "answer": "Four weeks",
                }
            )

    def test_consultations_on_the_lead(self):
        lead = self.env["crm.lead"].create({"name": "Harvester for 300 ha"})
        self.env["crm.consultation"].create(
            {"channel": "visit", "question": "Financing?", "lead_id": lead.id}
        )
        self.assertEqual(lead.consultation_count, 1)
        action = lead.action_view_consultations()
        self.assertEqual(action["context"]["default_lead_id"], lead.id)


@tagged("post_install", "-at_install")
class TestCustomerProfile(SalesLifecycleCommon):
    def test_confidential_fields_only_for_sales_managers(self):
        self.customer.write(
            {
                "credit_status": "watch",
                "purchasing_power": "high",
                "customer_needs": "Wet-field harvesting",
            }
        )
        as_salesman = self.customer.with_user(self.salesman)
        self.assertEqual(as_salesman.customer_needs, "Wet-field harvesting")
        for field in ("credit_status", "purchasing_power", "confidential_note"):
            with self.assertRaises(AccessError, msg=field):
                as_salesman.read([field])
        as_manager = self.customer.with_user(self.sales_manager)
        self.assertEqual(as_manager.credit_status, "watch")
        self.assertEqual(as_manager.purchasing_power, "high")


@tagged("post_install", "-at_install")
class TestLeadGrade(SalesLifecycleCommon):
    def _followups(self, lead):
        return lead.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(FOLLOWUP)
        )

    def _lead(self, grade):
        return (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create(
                {
                    "name": "Tractor fleet renewal",
                    "partner_id": self.customer.id,
                    "user_id": self.salesman.id,
                    "lead_grade": grade,
                }
            )
        )

    @freeze_time("2026-03-02 10:00:00")
    def test_grade_a_cadence(self):
        lead = self._lead("a")
        activity = self._followups(lead)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.salesman)
        self.assertEqual(activity.date_deadline, date(2026, 3, 2))
        self.assertEqual(lead.next_followup_date, date(2026, 3, 2))
        activity.with_user(self.salesman).action_done()
        self.assertEqual(lead.followup_count, 1)
        self.assertEqual(lead.last_followup_date, date(2026, 3, 2))
        self.assertEqual(lead.next_followup_date, date(2026, 3, 5))
        second = self._followups(lead)
        self.assertEqual(second.date_deadline, date(2026, 3, 5))
        second.with_user(self.salesman).action_done()
        self.assertEqual(lead.next_followup_date, date(2026, 3, 5))
        self.assertEqual(len(self._followups(lead)), 1)

    @freeze_time("2026-03-02 10:00:00")
    def test_grade_c_weekly_and_grade_d_none(self):
        lead = self._lead("c")
        self.assertEqual(lead.next_followup_date, date(2026, 3, 9))
        lead.lead_grade = "d"
        self.assertFalse(lead.next_followup_date)
        self.assertFalse(self._followups(lead))

    @freeze_time("2026-03-02 10:00:00")
    def test_cadence_is_configurable(self):
        cadence = self.env.ref("service_lifecycle.crm_lead_grade_b")
        cadence.first_days = 1
        lead = self._lead("b")
        self.assertEqual(lead.next_followup_date, date(2026, 3, 3))

    @freeze_time("2026-03-02 10:00:00")
    def test_regrading_restarts_the_cadence(self):
        lead = self._lead("a")
        self._followups(lead).action_done()
        lead.lead_grade = "c"
        self.assertEqual(lead.followup_count, 0)
        self.assertEqual(lead.next_followup_date, date(2026, 3, 9))
        self.assertEqual(len(self._followups(lead)), 1)

    @freeze_time("2026-03-02 10:00:00")
    def test_cadence_stands_down_for_another_engine(self):
        """Alone, the grade cadence plans the follow-ups; when another engine
        plans them (service_callback's rules) it leaves the lead alone."""
        lead = self._lead("a")
        self.assertEqual(len(self._followups(lead)), 1)
        with patch.object(
            type(self.env["crm.lead"]),
            "_followup_by_grade_cadence",
            lambda _self: False,
        ):
            lead.lead_grade = "b"
            self.assertFalse(self._followups(lead))
            self.assertFalse(lead.next_followup_date)
            other = self._lead("a")
            self.assertFalse(self._followups(other))
        lead.lead_grade = "a"
        self.assertEqual(lead.next_followup_date, date(2026, 3, 2))

    @freeze_time("2026-03-02 10:00:00")
    def test_new_salesperson_gets_the_followup(self):
        lead = self._lead("b")
        lead.user_id = self.sales_manager
        # the lead left the salesperson's reach with the reassignment
        self.assertEqual(self._followups(lead.sudo()).user_id, self.sales_manager)


@tagged("post_install", "-at_install")
class TestProposals(SalesLifecycleCommon):
    def test_proposal_demo_trial_on_opportunity(self):
        lead = self.env["crm.lead"].create(
            {"name": "Rice line", "type": "opportunity", "partner_id": self.customer.id}
        )
        Solution = self.env["crm.lead.solution"].with_user(self.salesman)
        Solution.create(
            {"lead_id": lead.id, "name": "Rice line proposal", "kind": "proposal"}
        )
        demo = Solution.create(
            {
                "lead_id": lead.id,
                "name": "Field demo",
                "kind": "demo",
                "demo_mode": "on_site",
                "outcome": "positive",
            }
        )
        self.assertEqual(lead.solution_count, 2)
        self.assertEqual(demo.partner_id, self.customer)
        self.assertEqual(
            lead.action_view_solutions()["domain"], [("lead_id", "=", lead.id)]
        )
