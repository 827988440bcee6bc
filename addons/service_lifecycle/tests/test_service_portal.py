# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import datetime

from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from .common import ServiceDeskCase

PHOTO = b"\xff\xd8\xff\xe0 not really a jpeg, enough for an attachment"


@tagged("post_install", "-at_install")
class TestServicePortal(ServiceDeskCase, HttpCase):
    """Customers on the portal: a service request becomes a task order in the
    intake stage; they follow it and see only their own company's records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.farmer.is_company = True
        cls.farmer_contact = cls.env["res.partner"].create(
            {
                "name": "Wang Wei",
                "parent_id": cls.farmer.id,
                "email": "wei@example.com",
                "tz": "Asia/Shanghai",
            }
        )
        cls.farmer_colleague = cls.env["res.partner"].create(
            {"name": "Wang Fang", "parent_id": cls.farmer.id, "email": "fang@x.com"}
        )
        cls.portal_user = new_test_user(
            cls.env,
            "sp_portal",
            groups="base.group_portal",
            partner_id=cls.farmer_contact.id,
            tz="Asia/Shanghai",
        )
        cls.colleague_user = new_test_user(
            cls.env,
            "sp_colleague",
            groups="base.group_portal",
            partner_id=cls.farmer_colleague.id,
        )
        cls.stranger = new_test_user(
            cls.env,
            "sp_stranger",
            groups="base.group_portal",
            partner_id=cls.regular.id,
        )
        cls.tractor.sale_ok = True
        cls.online = cls.env.ref(
            "service_lifecycle.helpdesk_ticket_channel_online_message"
        )

    def _submit(self, **fields):
        page = self.url_open("/new/ticket")
        self.assertEqual(page.status_code, 200)
        self.assertIn('name="fault_symptoms"', page.text)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        data = {
            "csrf_token": token,
            "subject": "Tractor stops when hot",
            "product_id": str(self.tractor.id),
            "serial_number": "SN-0001",
            "purchase_date": "2025-04-02",
            "fault_symptoms": "Engine stalls after an hour in the field",
            "description": "Machine is at the north field",
        }
        data.update(fields)
        return self.url_open(
            "/submitted/ticket",
            data=data,
            files={"attachment": ("engine.jpg", PHOTO, "image/jpeg")},
        )

    def _portal_tickets(self):
        return self.env["helpdesk.ticket"].search(
            [("commercial_partner_id", "=", self.farmer.id)]
        )

    def test_request_becomes_task_order_in_intake(self):
        self.authenticate("sp_portal", "sp_portal")
        response = self._submit()
        self.assertEqual(response.status_code, 200)
        ticket = self._portal_tickets()
        self.assertEqual(len(ticket), 1)
        self.assertTrue(response.url.endswith(f"/my/ticket/{ticket.id}"))
        self.assertEqual(ticket.partner_id, self.farmer_contact)
        self.assertEqual(ticket.channel_id, self.online)
        self.assertEqual(ticket.stage_id.service_step, "intake")
        self.assertEqual(ticket.product_id, self.tractor)
        self.assertEqual(ticket.lot_id, self.lot)
        self.assertEqual(str(ticket.purchase_date), "2025-04-02")
        self.assertEqual(
            ticket.fault_symptoms, "Engine stalls after an hour in the field"
        )
        self.assertEqual(ticket.attachment_ids.mapped("name"), ["engine.jpg"])
        # the desk's intake rules apply when staff move it on
        self.assertIn("working_conditions", ticket._get_intake_required_fields())
        self.assertFalse(ticket.working_conditions)
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        for expected in ("SN-0001", "Tractor KT-504", "Engine stalls", "engine.jpg"):
            self.assertIn(expected, page)

    def test_unknown_serial_is_kept_for_the_desk(self):
        self.authenticate("sp_portal", "sp_portal")
        self._submit(serial_number="XX-999", purchase_date="not a date")
        ticket = self._portal_tickets()
        self.assertFalse(ticket.lot_id)
        self.assertFalse(ticket.purchase_date)
        self.assertIn("XX-999", ticket.description)

    def test_repeated_request_joins_the_open_task_order(self):
        self.authenticate("sp_portal", "sp_portal")
        self._submit()
        self._submit(fault_symptoms="Still stalling today")
        ticket = self._portal_tickets()
        self.assertEqual(len(ticket), 1, "one task order per open problem")
        self.assertEqual(len(ticket.attachment_ids), 2)
        self.assertIn("Reported again", ticket.message_ids[0].body)

    @freeze_time("2026-03-16 01:00:00")
    def test_deadlines_in_the_customer_time_zone(self):
        ticket = self._create_ticket(
            partner_id=self.farmer_colleague.id,
            received_date=datetime(2026, 3, 16, 1, 0),
        )
        self.assertTrue(ticket.response_deadline)
        self.authenticate("sp_portal", "sp_portal")
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn("Our Commitments", page)
        self.assertIn("Asia/Shanghai", page)
        # 01:00 UTC is 09:00 in Shanghai: the deadline is shown 8 hours on
        shown = ticket.response_deadline.replace(hour=ticket.response_deadline.hour + 8)
        self.assertIn(shown.strftime("%m/%d/%Y %H:%M"), page)

    def test_customers_see_only_their_company_task_orders(self):
        ticket = self._create_ticket(partner_id=self.farmer_colleague.id)
        other = self._create_ticket(
            partner_id=self.regular.id, lot_id=self.lot_spare.id
        )
        self.authenticate("sp_portal", "sp_portal")
        listing = self.url_open("/my/tickets").text
        self.assertIn(ticket.number, listing)
        self.assertNotIn(other.number, listing)
        response = self.url_open(f"/my/ticket/{other.id}")
        self.assertNotIn(other.number, response.text)
        self.assertTrue(response.url.endswith("/my"))
        Ticket = self.env["helpdesk.ticket"].with_user(self.stranger)
        self.assertEqual(Ticket.search([]), other)

    def test_customers_see_only_their_company_orders(self):
        order = self._sell_and_deliver(
            self.farmer_colleague, self.lot, "2026-03-01", "2026-03-02"
        )
        order.picking_ids.write(
            {
                "shipping_carrier": "Deppon Logistics",
                "shipping_tracking_ref": "DPK2026",
                "shipping_notice_date": "2026-03-02 08:00:00",
            }
        )
        self.authenticate("sp_portal", "sp_portal")
        page = self.url_open(f"/my/orders/{order.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("DPK2026", page.text)
        self.authenticate("sp_stranger", "sp_stranger")
        page = self.url_open(f"/my/orders/{order.id}")
        self.assertNotIn("DPK2026", page.text)
