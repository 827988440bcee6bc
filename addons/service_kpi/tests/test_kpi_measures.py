# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from .common import KpiCase, dt

MARCH = date(2026, 3, 1)


@tagged("post_install", "-at_install")
class TestKpiMeasures(KpiCase):
    """Each implemented measure on a crafted March 2026, values computed by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a, b = cls.agent_a_user, cls.agent_b_user
        cls.c1 = cls._callback(
            a, dt(2026, 3, 2, 9), "done", reached=True, rating="satisfied", score=5
        )
        cls.c2 = cls._callback(
            a,
            dt(2026, 3, 5, 9),
            "done",
            done=dt(2026, 3, 6, 9),
            reached=True,
            rating="neutral",
            score=3,
        )
        cls.c3 = cls._callback(a, dt(2026, 3, 10, 9), "done")  # not reached
        cls.c4 = cls._callback(a, dt(2026, 3, 20, 9))  # still planned
        cls._callback(a, dt(2026, 3, 25, 9), "cancelled")  # not due any more
        # Due in February, done (and rated) on 1 March.
        cls._callback(
            a,
            dt(2026, 2, 28, 9),
            "done",
            done=dt(2026, 3, 1, 8),
            reached=True,
            rating="satisfied",
            score=4,
        )
        cls._callback(
            b, dt(2026, 3, 3, 9), "done", reached=True, rating="satisfied", score=5
        )
        cls._callback(b, dt(2026, 3, 15, 9))
        cls._callback(b, dt(2026, 4, 1, 0))  # April
        # Nobody's callback: counts for the company only.
        cls._callback(
            None,
            dt(2026, 3, 8, 9),
            "done",
            reached=True,
            rating="dissatisfied",
            score=1,
        )
        stages = cls.env["helpdesk.ticket.stage"]
        cls.closed_stage = stages.create({"name": "Solved", "closed": True})
        cls.open_stage = stages.create({"name": "Working", "closed": False})
        cls.t1 = cls._ticket(  # exactly 72 hours: within
            a, dt(2026, 3, 1, 8), dt(2026, 3, 4, 8), cls.closed_stage
        )
        cls._ticket(  # one second late
            a, dt(2026, 3, 2, 8), dt(2026, 3, 5, 8, 0, 1), cls.closed_stage
        )
        cls._ticket(a, dt(2026, 3, 10, 8), None, cls.open_stage)
        cls._ticket(a, dt(2026, 2, 27, 8), dt(2026, 2, 28, 8), cls.closed_stage)
        cls._ticket(  # created in March, closed in April within 72 h
            b, dt(2026, 3, 31, 23), dt(2026, 4, 1, 1), cls.closed_stage
        )

    def _compute(self, measure):
        indicator = self._indicator(measure)
        self.Value._compute_month(MARCH, indicator)
        return indicator

    def _assert_value(self, indicator, expected, **level):
        value = self._values(indicator, **level)
        self.assertEqual(len(value), 1, level)
        self.assertEqual(
            (value.numerator, value.denominator), expected[:2], f"{level} pair"
        )
        self.assertAlmostEqual(value.value, expected[2], places=2, msg=str(level))
        return value

    def test_measure_rows_per_user(self):
        rows = self.env["service.kpi.measure"]._measure_compute(
            "callback_rate", date(2026, 3, 1), date(2026, 3, 31), self.company
        )
        self.assertEqual(
            rows,
            {
                self.agent_a_user.id: (3.0, 4.0),
                self.agent_b_user.id: (1.0, 2.0),
                False: (1.0, 1.0),
            },
        )

    def test_callback_rate(self):
        indicator = self._compute("callback_rate")
        self._assert_value(indicator, (3, 4, 75.0), employee_id=self.agent_a)
        self._assert_value(indicator, (1, 2, 50.0), employee_id=self.agent_b)
        self._assert_value(indicator, (4, 6, 66.67), level="team")
        self._assert_value(indicator, (4, 6, 66.67), department_id=self.department)
        self._assert_value(indicator, (5, 7, 71.43), level="company")

    def test_valid_callback_rate(self):
        indicator = self._compute("callback_valid_rate")
        self._assert_value(indicator, (2, 3, 66.67), employee_id=self.agent_a)
        self._assert_value(indicator, (1, 1, 100.0), employee_id=self.agent_b)
        self._assert_value(indicator, (4, 5, 80.0), level="company")

    def test_satisfaction_rate(self):
        indicator = self._compute("satisfaction_rate")
        self._assert_value(indicator, (2, 3, 66.67), employee_id=self.agent_a)
        self._assert_value(indicator, (1, 1, 100.0), employee_id=self.agent_b)
        self._assert_value(indicator, (3, 5, 60.0), level="company")

    def test_average_satisfaction_score(self):
        indicator = self._compute("satisfaction_score")
        self._assert_value(indicator, (12, 3, 4.0), employee_id=self.agent_a)
        self._assert_value(indicator, (18, 5, 3.6), level="company")

    def test_ticket_resolution_within_72_hours(self):
        indicator = self._compute("ticket_resolution_72h")
        self._assert_value(indicator, (1, 3, 33.33), employee_id=self.agent_a)
        self._assert_value(indicator, (1, 1, 100.0), employee_id=self.agent_b)
        self._assert_value(indicator, (2, 4, 50.0), level="company")

    def test_status_against_target_and_threshold(self):
        indicator = self._indicator("callback_rate", target=70.0, threshold=60.0)
        self.Value._compute_month(MARCH, indicator)
        statuses = {
            value.employee_id: value.status
            for value in self._values(indicator, level="employee")
        }
        self.assertEqual(statuses[self.agent_a], "met")  # 75 >= 70
        self.assertEqual(statuses[self.agent_b], "failed")  # 50 < 60
        team = self._values(indicator, level="team")
        self.assertEqual(team.status, "warning")  # 60 <= 66.67 < 70

    def test_drill_down_opens_the_records_behind_the_number(self):
        indicator = self._compute("callback_rate")
        value = self._values(indicator, employee_id=self.agent_a)
        action = value.action_open_records()
        self.assertEqual(action["res_model"], "service.callback")
        records = self.env["service.callback"].search(action["domain"])
        self.assertEqual(len(records), value.denominator)
        self.assertEqual(records.user_id, self.agent_a_user)
        company = self._values(indicator, level="company")
        action = company.action_open_records()
        self.assertEqual(
            self.env["service.callback"].search_count(action["domain"]),
            company.denominator,
        )
        tickets = self._compute("ticket_resolution_72h")
        value = self._values(tickets, employee_id=self.agent_a)
        action = value.action_open_records()
        self.assertEqual(self.env["helpdesk.ticket"].search_count(action["domain"]), 3)

    def test_one_query_per_indicator(self):
        """The month of an indicator costs the same whatever the volume."""
        indicators = self._indicator("callback_rate") | self._indicator(
            "ticket_resolution_72h"
        )
        self.Value._compute_month(MARCH, indicators)  # warm the caches
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=11):
            self.Value._compute_month(MARCH, indicators)
        for day in range(1, 25):
            self._callback(self.agent_b_user, dt(2026, 3, day, 10), "done")
            self._ticket(self.agent_b_user, dt(2026, 3, day, 10))
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=11):
            self.Value._compute_month(MARCH, indicators)
