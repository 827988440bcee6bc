# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import datetime

from markupsafe import Markup

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, freeze_time, tagged

from .common import ServiceDeskCase

# a 1x1 PNG: a signature and a photo taken on site
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
        "0000000d4944415478da63f8cfc0f01f0005000201a5a8e0930000000049454e44ae426082"
    )
)


class FieldVisitMixin:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._sell_and_deliver(
            cls.farmer, cls.lot, datetime(2026, 1, 5, 2), datetime(2026, 1, 6, 2)
        )

    @classmethod
    def _on_site_visit(cls, appointment, name="Harvester leaks oil"):
        """A task order dispatched on site to the technician."""
        cls.company.partner_id.tz = "Asia/Shanghai"
        provider = cls.env["res.partner"].create(
            {
                "name": "Henan Repair Center",
                "is_company": True,
                "service_provider_type": "repair_center",
                "service_region_ids": [(6, 0, cls.state_hn.ids)],
            }
        )
        ticket = cls._create_ticket(
            user=cls.agent, name=name, is_urgent=True, duplicate_confirmed=True
        )
        ticket.with_user(cls.agent).action_submit_intake()
        ticket.with_user(cls.coordinator).user_id = cls.technician
        ticket.with_user(cls.coordinator).action_hand_to_technician()
        ticket = ticket.with_user(cls.technician)
        ticket.write(
            {
                "service_mode": "on_site",
                "provider_id": provider.id,
                "appointment_start": appointment,
            }
        )
        ticket.action_dispatch_on_site()
        return ticket


@tagged("post_install", "-at_install")
class TestFieldVisits(FieldVisitMixin, ServiceDeskCase):
    @freeze_time("2026-03-10 02:00:00")  # 10:00 in Shanghai
    def test_todays_visits_are_the_local_day(self):
        # 07:30 in Shanghai on the 10th is the 9th in UTC: still today
        early = self._on_site_visit(datetime(2026, 3, 9, 23, 30), "early")
        late = self._on_site_visit(datetime(2026, 3, 10, 15, 30), "late")  # 23:30
        tomorrow = self._on_site_visit(datetime(2026, 3, 10, 16, 30), "tomorrow")
        yesterday = self._on_site_visit(datetime(2026, 3, 9, 15, 0), "yesterday")
        visits = early | late | tomorrow | yesterday
        Ticket = self.env["helpdesk.ticket"].with_user(self.technician)
        today = Ticket.search([("id", "in", visits.ids), ("visit_today", "=", True)])
        self.assertEqual(today, early | late)
        others = Ticket.search([("id", "in", visits.ids), ("visit_today", "=", False)])
        self.assertEqual(others, tomorrow | yesterday)
        self.assertEqual(visits.mapped("visit_today"), [True, True, False, False])
        # the menu's action lists the technician's on-site visits, today first
        action = self.env.ref("service_lifecycle.helpdesk_ticket_action_visit_today")
        self.assertEqual(action.context, "{'search_default_visit_today': 1}")

    def test_field_views_are_not_the_default_ones(self):
        """The phone's kanban and form serve Today's Visits only."""
        views = self.env["helpdesk.ticket"].get_views(
            [(False, "kanban"), (False, "form")]
        )
        for view_type in ("kanban", "form"):
            xmlid = f"service_lifecycle.helpdesk_ticket_view_{view_type}_visit"
            self.assertNotEqual(views["views"][view_type]["id"], self.env.ref(xmlid).id)

    def test_visit_is_closed_signed_with_photos(self):
        now = datetime.now().replace(microsecond=0)
        ticket = self._on_site_visit(now)
        ticket.solution = Markup("<p>Replaced the hydraulic seal</p>")
        with (
            self.assertRaisesRegex(ValidationError, "signs the visit"),
            self.env.cr.savepoint(),
        ):
            ticket.action_visit_done()
        ticket.invalidate_recordset()
        self.assertEqual(ticket.service_step, "service")
        self.assertFalse(ticket.visit_done_date)
        photo = (
            self.env["ir.attachment"]
            .with_user(self.technician)
            .create({"name": "seal.png", "datas": PNG, "res_model": "helpdesk.ticket"})
        )
        ticket.write(
            {
                "visit_signature": PNG,
                "visit_signed_by": "Wang Farmer",
                "visit_photo_ids": [(6, 0, photo.ids)],
            }
        )
        ticket.action_visit_done()
        self.assertTrue(ticket.visit_done_date)
        # customer service, not the technician, asks the customer
        self.assertEqual(ticket.service_step, "confirmation")
        self.assertEqual(
            (photo.res_model, photo.res_id), ("helpdesk.ticket", ticket.id)
        )
        # a closed visit keeps its signature
        with self.assertRaisesRegex(ValidationError, "signs the visit"):
            ticket.visit_signature = False


@tagged("post_install", "-at_install")
class TestFieldVisitTour(FieldVisitMixin, ServiceDeskCase, HttpCase):
    """The technician on a phone: today's visits, signature, photo, close."""

    browser_size = "375x667"
    touch_enabled = True

    def test_technician_closes_todays_visit_on_a_phone(self):
        ticket = self._on_site_visit(datetime.now().replace(microsecond=0))
        ticket.name = "Phone visit: harvester leaks oil"
        self.start_tour(
            "/odoo/visits-today",
            "service_lifecycle_field_visit_tour",
            login=self.technician.login,
        )
        self.assertTrue(ticket.visit_done_date)
        self.assertEqual(ticket.visit_signed_by, "Wang Farmer")
        self.assertTrue(ticket.visit_signature)
        self.assertIn("hydraulic seal", ticket.solution)
        self.assertEqual(ticket.visit_photo_ids.mapped("name"), ["seal.png"])
        self.assertEqual(ticket.service_step, "confirmation")
