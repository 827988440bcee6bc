# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Days derived from datetimes are the company's local days (Asia/Shanghai,
UTC+8), never the UTC day: the hours 00:00-08:00 in Shanghai are the day
before in UTC."""

from datetime import date, datetime

from odoo.tests import freeze_time, tagged

from ..rules import figures
from .common import ServiceDeskCase


@tagged("post_install", "-at_install")
class TestLocalDays(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Asia/Shanghai"
        # sold and delivered at 07:30 Beijing time on 3 June (23:30 UTC, 2 June)
        cls.order = cls._sell_and_deliver(
            cls.farmer,
            cls.lot,
            datetime(2025, 6, 2, 23, 30),
            datetime(2025, 6, 2, 23, 30),
        )

    def test_local_day_of_a_moment(self):
        self.assertEqual(
            figures.local_day(datetime(2025, 6, 2, 23, 30), "Asia/Shanghai"),
            date(2025, 6, 3),
        )
        self.assertEqual(
            figures.local_day(datetime(2025, 6, 2, 16, 0), "Asia/Shanghai"),
            date(2025, 6, 3),
        )
        self.assertEqual(
            figures.local_day(datetime(2025, 6, 2, 15, 59), "Asia/Shanghai"),
            date(2025, 6, 2),
        )
        self.assertEqual(
            figures.local_day(date(2025, 6, 2), "Asia/Shanghai"), date(2025, 6, 2)
        )
        self.assertEqual(
            figures.local_day(datetime(2025, 6, 2, 23), ""), date(2025, 6, 2)
        )
        self.assertFalse(figures.local_day(False, "Asia/Shanghai"))
        self.assertEqual(
            self.company._local_day(datetime(2025, 6, 2, 23, 30)), date(2025, 6, 3)
        )

    @freeze_time("2025-06-10 01:00:00")
    def test_machine_sold_at_0730_beijing_starts_its_warranty_that_day(self):
        ticket = self._create_ticket(user=self.agent, fault_date=date(2025, 6, 10))
        self.assertEqual(ticket.sale_order_id, self.order)
        self.assertEqual(ticket.purchase_date, date(2025, 6, 3))
        self.assertEqual(ticket.delivery_date, date(2025, 6, 3))
        self.assertEqual(ticket.warranty_start_date, date(2025, 6, 3))
        # 10 June is day 7 of the warranty: still returned, not exchanged
        self.assertEqual(ticket.warranty_decision, "return")
        ticket.fault_date = date(2025, 6, 11)
        self.assertEqual(ticket.warranty_decision, "exchange")

    @freeze_time("2025-06-09 17:00:00")
    def test_fault_reported_at_1am_beijing_is_that_day(self):
        # 01:00 on 10 June in Shanghai; the agent's own time zone is not set
        self.agent.tz = False
        ticket = self._create_ticket(user=self.agent)
        self.assertEqual(ticket.fault_date, date(2025, 6, 10))
        self.assertEqual(ticket.warranty_decision, "return")
