# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Browser tours (headless Chromium) of the desk and the contract flow; each
test prepares its data, runs the tour as the user who does the work and checks
the records the clicks left."""

from odoo.tests import HttpCase, tagged

from .common import SIGNED_SCAN, SalesLifecycleCommon, ServiceDeskCase


@tagged("post_install", "-at_install")
class TestTicketTour(ServiceDeskCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.farmer.name = "Tour Farm"
        cls.tractor.name = "Tour Tractor"
        cls.lot.name = "TOUR-SN-1"
        cls.technician.name = "Tour Technician"
        cls._sell_and_deliver(cls.farmer, cls.lot, "2026-01-05", "2026-01-06")

    def test_phone_intake_to_repair_and_close(self):
        self.start_tour(
            "/odoo/hotline-intake",
            "service_lifecycle_phone_intake_tour",
            login=self.agent.login,
        )
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.farmer.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.channel_id, self.phone)
        self.assertEqual(ticket.lot_id, self.lot)
        self.assertEqual(str(ticket.purchase_date), "2026-01-05")
        self.assertEqual(ticket.stage_id.service_step, "coordination")
        self.assertFalse(ticket.handoff_date)

        self.start_tour(
            f"/odoo/task-orders/{ticket.id}",
            "service_lifecycle_coordinator_handoff_tour",
            login=self.coordinator.login,
        )
        self.assertEqual(ticket.stage_id.service_step, "diagnosis")
        self.assertEqual(ticket.user_id, self.technician)
        self.assertTrue(ticket.intake_done_date)
        self.assertTrue(ticket.handoff_date)

        self.start_tour(
            f"/odoo/task-orders/{ticket.id}",
            "service_lifecycle_repair_close_tour",
            login=self.technician.login,
        )
        self.assertEqual(ticket.service_mode, "carry_in")
        self.assertEqual(len(ticket.sudo().repair_ids), 1)
        self.assertEqual(ticket.sudo().repair_ids.lot_id, self.lot)
        self.assertTrue(ticket.first_response_date)
        self.assertEqual(ticket.stage_id.service_step, "confirmation")
        self.assertFalse(ticket.satisfaction)

        self.start_tour(
            f"/odoo/task-orders/{ticket.id}",
            "service_lifecycle_satisfaction_close_tour",
            login=self.agent.login,
        )
        self.assertTrue(ticket.stage_id.closed)
        self.assertEqual(ticket.satisfaction_user_id, self.agent)
        self.assertEqual(ticket.satisfaction, "satisfied")
        self.assertTrue(ticket.resolved_date)
        self.assertIn("starter relay", ticket.solution)

    def test_kanban_drag_to_done_is_refused(self):
        """helpdesk_mgmt's kanban is grouped by stage: a card dragged to the
        (folded) Done column is refused with what is missing."""
        ticket = self._create_ticket(user=self.agent, name="Tour drag")
        ticket.with_user(self.agent).action_submit_intake()
        ticket.with_user(self.coordinator).user_id = self.technician
        ticket.with_user(self.coordinator).action_hand_to_technician()
        ticket.with_user(self.technician).service_mode = "carry_in"
        ticket.with_user(self.technician).action_create_repair()
        self.assertEqual(ticket.service_step, "service")
        self.start_tour(
            "/odoo/task-orders?view_type=kanban",
            "service_lifecycle_kanban_done_refused_tour",
            login=self.agent.login,
        )
        self.assertEqual(ticket.service_step, "service")
        self.assertFalse(ticket.closed)


@tagged("post_install", "-at_install")
class TestContractTour(SalesLifecycleCommon, HttpCase):
    def test_review_sign_and_acknowledge(self):
        order = self._create_order()
        order.action_confirm_requirements()
        order.action_contract_submit()

        self.start_tour(
            f"/odoo/contract-review/{order.id}",
            "service_lifecycle_contract_review_tour",
            login=self.reviewer.login,
        )
        self.assertEqual(order.contract_state, "approved")
        self.assertEqual(order.contract_reviewer_id, self.reviewer)

        # the signed paper is scanned in before the salesman records the signing
        order.write(
            {
                "contract_signed_scan": SIGNED_SCAN,
                "contract_signed_scan_filename": "signed.pdf",
            }
        )
        self.start_tour(
            f"/odoo/sales/{order.id}",
            "service_lifecycle_contract_sign_tour",
            login=self.salesman.login,
        )
        self.assertEqual(order.contract_state, "distributed")
        self.assertEqual(order.contract_customer_signatory, "Wang Jianguo")
        self.assertEqual(str(order.contract_customer_sign_date), "2026-03-02")
        self.assertEqual(str(order.contract_company_sign_date), "2026-03-03")
        self.assertEqual(order.contract_company_signatory_id, self.salesman)

        self.start_tour(
            "/odoo/contract-copies",
            "service_lifecycle_contract_copy_tour",
            login=self.finance.login,
        )
        copies = order.contract_copy_ids
        finance_copy = copies.filtered(
            lambda c: c.department_id == self.finance_department
        )
        self.assertEqual(finance_copy.state, "acknowledged")
        self.assertEqual(finance_copy.acknowledged_by_id, self.finance)
        self.assertEqual(
            set((copies - finance_copy).mapped("state")), {"sent"}, "others wait"
        )
