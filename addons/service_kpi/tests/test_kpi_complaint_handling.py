# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The complaint handling rate: complaints of the local month handled ÷
received, one record per issue, credited to the complaint's owner; no value
without complaints, target 100%."""

from datetime import date

from odoo.tests import tagged

from .common import dt
from .test_kpi_measures import MARCH, MeasureCase


@tagged("post_install", "-at_install")
class TestComplaintHandlingRate(MeasureCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Asia/Shanghai"

        def complaint(owner, received, solved=None, **columns):
            return cls._ticket(
                None,
                received,
                request_type="complaint",
                complaint_owner_id=owner.id,
                complaint_solved_date=solved,
                **columns,
            )

        a, b = cls.agent_a_user, cls.agent_b_user
        cls.a_solved = complaint(a, dt(2026, 3, 2, 2), solved=dt(2026, 3, 3, 2))
        # 1 March 01:00 in Shanghai: March, still open
        cls.a_open = complaint(a, dt(2026, 2, 28, 17))
        # 1 April 01:00 in Shanghai: April
        complaint(a, dt(2026, 3, 31, 17), solved=dt(2026, 4, 1, 2))
        cls.b_solved = complaint(b, dt(2026, 3, 10, 2), solved=dt(2026, 3, 11, 2))
        # the same complaint sent to another department, merged: one record
        complaint(b, dt(2026, 3, 10, 5), duplicate_id=cls.b_solved.id)
        # not a complaint
        cls._ticket(a, dt(2026, 3, 4, 2))

    def test_handled_over_received_per_owner(self):
        indicator = self._compute("complaint_handling_rate")
        self._assert_value(indicator, (1, 2, 50.0), employee_id=self.agent_a)
        self._assert_value(indicator, (1, 1, 100.0), employee_id=self.agent_b)
        self._assert_value(indicator, (2, 3, 66.67), level="company")
        self._assert_drill_down(
            indicator,
            "helpdesk.ticket",
            {"level": "company"},
            self.a_solved | self.a_open | self.b_solved,
        )
        self.a_open.complaint_solved_date = dt(2026, 4, 2, 2)
        self.Value._compute_month(MARCH, indicator)
        self._assert_value(indicator, (3, 3, 100.0), level="company")

    def test_no_complaints_no_value(self):
        indicator = self._indicator("complaint_handling_rate")
        self.Value._compute_month(date(2026, 1, 1), indicator)
        self.assertFalse(self._values(indicator))

    def test_shipped_indicator(self):
        shipped = self.env.ref(
            "service_kpi.service_kpi_indicator_complaint_handling_rate"
        )
        self.assertEqual(
            (shipped.measure, shipped.target, shipped.unit, shipped.better_when),
            ("complaint_handling_rate", 100.0, "percent", "higher"),
        )
        self.assertIn("first-contact responsibility", shipped.description)
        self.Value._compute_month(MARCH, shipped)
        value = self._values(shipped, level="company")
        self.assertEqual(value.status, "failed")  # 66.67% < 95%
