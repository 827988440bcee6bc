# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import datetime

from odoo.tests import HttpCase, freeze_time, tagged

from .common import CallbackCase

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n photo of the harvester")


@tagged("post_install", "-at_install")
class TestCallbackFieldVisits(CallbackCase):
    """The callback agent's on-site visits of the day, in the company's local
    day, with the photos taken on site."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Asia/Shanghai"

    def _visit(self, due, method="onsite"):
        return self.env["service.callback"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.agent.id,
                "method": method,
                "due_datetime": due,
            }
        )

    @freeze_time("2026-03-10 02:00:00")  # 10:00 in Shanghai
    def test_todays_visits_are_the_local_day(self):
        early = self._visit(datetime(2026, 3, 9, 22, 0))  # 06:00 today
        late = self._visit(datetime(2026, 3, 10, 15, 0))  # 23:00 today
        phone = self._visit(datetime(2026, 3, 10, 3, 0), method="phone")
        tomorrow = self._visit(datetime(2026, 3, 10, 16, 0))
        yesterday = self._visit(datetime(2026, 3, 9, 15, 59))
        callbacks = early | late | phone | tomorrow | yesterday
        Callback = self.env["service.callback"].with_user(self.agent)
        self.assertEqual(
            Callback.search([("id", "in", callbacks.ids), ("visit_today", "=", True)]),
            early | late,
        )
        self.assertEqual(
            Callback.search([("id", "in", callbacks.ids), ("visit_today", "!=", True)]),
            phone | tomorrow | yesterday,
        )

    @freeze_time("2026-03-10 02:00:00")
    def test_an_appointment_moves_the_visit(self):
        """The time agreed with the customer, not the due time, is the visit's."""
        booked_today = self._visit(datetime(2026, 3, 9, 2, 0))
        booked_today.appointment_datetime = datetime(2026, 3, 10, 6, 0)
        booked_tomorrow = self._visit(datetime(2026, 3, 10, 3, 0))
        booked_tomorrow.appointment_datetime = datetime(2026, 3, 11, 1, 0)
        callbacks = booked_today | booked_tomorrow
        self.assertEqual(
            self.env["service.callback"]
            .with_user(self.agent)
            .search([("id", "in", callbacks.ids), ("visit_today", "=", True)]),
            booked_today,
        )
        self.assertEqual(callbacks.mapped("visit_today"), [True, False])

    def test_field_views_are_not_the_default_ones(self):
        """The phone's kanban and form serve Today's Visits only."""
        views = self.env["service.callback"].get_views(
            [(False, "kanban"), (False, "form")]
        )
        for view_type in ("kanban", "form"):
            xmlid = f"service_callback.service_callback_view_{view_type}_visit"
            self.assertNotEqual(views["views"][view_type]["id"], self.env.ref(xmlid).id)

    def test_photos_belong_to_the_callback(self):
        callback = self._visit(datetime.now()).with_user(self.agent)
        photo = (
            self.env["ir.attachment"]
            .with_user(self.agent)
            .create({"name": "farm.png", "datas": PNG, "res_model": "service.callback"})
        )
        callback.photo_ids = [(6, 0, photo.ids)]
        self.assertEqual(
            (photo.res_model, photo.res_id), ("service.callback", callback.id)
        )
        self.assertIn(photo, callback.photo_ids)


@tagged("post_install", "-at_install")
class TestCallbackFieldVisitTour(CallbackCase, HttpCase):
    """The callback agent on a phone: today's on-site callback, answers,
    photo, the customer's signature, visit closed."""

    browser_size = "375x667"
    touch_enabled = True

    def test_agent_closes_todays_visit_on_a_phone(self):
        self.company.partner_id.tz = "Asia/Shanghai"
        callback = self.env["service.callback"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.agent.id,
                "method": "onsite",
                "due_datetime": datetime.now(),
            }
        )
        self.start_tour(
            "/odoo/callback-visits-today",
            "service_callback_field_visit_tour",
            login=self.agent.login,
        )
        self.assertEqual(callback.state, "done")
        self.assertTrue(callback.reached)
        self.assertEqual(callback.rating, "satisfied")
        self.assertEqual(callback.signed_by, "Zhang San")
        self.assertTrue(callback.signature)
        self.assertEqual(callback.photo_ids.mapped("name"), ["farm.png"])
        self.assertEqual(callback.photo_ids.res_id, callback.id)
