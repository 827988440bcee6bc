# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import SalesLifecycleCommon, close_task_orders


@tagged("post_install", "-at_install")
class TestDeliveryAcceptance(SalesLifecycleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._signed_order()
        cls.order.action_confirm()
        cls.Acceptance = cls.env["sale.order.acceptance"].with_user(cls.salesman)
        cls.technician = new_test_user(
            cls.env,
            "sl_technician",
            groups="service_lifecycle.group_hotline_technician",
        )

    def _acceptance(self, result, issues=(), **values):
        return self.Acceptance.create(
            {
                "order_id": self.order.id,
                "date": "2026-03-22",
                "result": result,
                "customer_representative": "Wang Jianguo",
                "issue_ids": [
                    Command.create({"description": text, "handling_type": handling})
                    for text, handling in issues
                ],
                **values,
            }
        )

    def test_rejected_acceptance_creates_tickets(self):
        acceptance = self._acceptance(
            "rejected",
            [
                ("Header auger bent in transport", "exchange"),
                ("Spare knife set missing", "supplementary_delivery"),
            ],
        )
        acceptance.action_validate()
        tickets = acceptance.issue_ids.ticket_id
        self.assertEqual(len(tickets), 2)
        self.assertEqual(tickets.partner_id, self.customer)
        # titled in no one's language; how each is handled is worded at read
        # time (the salesman's language is not stored on the service desk)
        self.assertEqual(
            tickets.mapped("name"),
            [
                f"{self.order.name} · Header auger bent in transport",
                f"{self.order.name} · Spare knife set missing",
            ],
        )
        self.assertEqual(
            tickets.mapped("acceptance_handling_type"),
            ["exchange", "supplementary_delivery"],
        )
        self.assertEqual(
            tickets[0]
            ._fields["acceptance_handling_type"]
            .convert_to_export("exchange", tickets[0].with_context(lang="en_US")),
            "Exchange",
        )
        self.assertIn("Spare knife set missing", tickets[1].description)
        self.assertEqual(self.order.acceptance_state, "rejected")
        self.assertEqual(self.order.acceptance_ticket_ids, tickets)
        self.assertFalse(self.order.acceptance_date)
        self.assertFalse(self.order.warranty_start_date)

    def test_rejection_needs_issues(self):
        acceptance = self._acceptance("rejected")
        with self.assertRaisesRegex(ValidationError, "at least one"):
            acceptance.action_validate()

    def test_acceptance_passes_once_the_handling_cases_are_closed(self):
        rejected = self._acceptance("rejected", [("Hydraulic leak", "repair")])
        rejected.action_validate()
        ticket = rejected.issue_ids.ticket_id
        accepted = self._acceptance("accepted", date="2026-03-28")
        with self.assertRaisesRegex(UserError, "still open"):
            accepted.action_validate()
        close_task_orders(ticket, self.technician)
        accepted.action_validate()
        self.assertEqual(self.order.acceptance_state, "accepted")
        self.assertEqual(self.order.acceptance_date, date(2026, 3, 28))
        self.assertFalse(self.order.installation_date)
        self.assertEqual(self.order.warranty_start_date, date(2026, 3, 28))
        self.assertEqual(self.order._get_warranty_start_date(), date(2026, 3, 28))
        milestones = {m.kind: m.actual_date for m in self.order.milestone_ids}
        self.assertEqual(milestones["accepted"], date(2026, 3, 28))
        self.assertEqual(milestones["delivered"], date(2026, 3, 28))
        again = self._acceptance("accepted", date="2026-03-29")
        with self.assertRaisesRegex(UserError, "already been accepted"):
            again.action_validate()

    def test_installation_by_us_starts_the_warranty(self):
        acceptance = self._acceptance("accepted", installed_by_us=True)
        with self.assertRaisesRegex(ValidationError, "installation date"):
            acceptance.action_validate()
        acceptance.installation_date = "2026-03-25"
        acceptance.action_validate()
        self.assertEqual(self.order.acceptance_date, date(2026, 3, 22))
        self.assertEqual(self.order.installation_date, date(2026, 3, 25))
        self.assertEqual(self.order._get_warranty_start_date(), date(2026, 3, 25))

    def test_acceptance_needs_a_confirmed_order(self):
        quotation = self._create_order()
        acceptance = self.Acceptance.create(
            {"order_id": quotation.id, "result": "accepted"}
        )
        with self.assertRaisesRegex(UserError, "Confirm"):
            acceptance.action_validate()
        with self.assertRaisesRegex(UserError, "Confirm the order"):
            quotation.action_new_acceptance()

    def test_validated_acceptance_cannot_be_deleted(self):
        acceptance = self._acceptance("accepted")
        acceptance.action_validate()
        with self.assertRaises(UserError):
            acceptance.unlink()
