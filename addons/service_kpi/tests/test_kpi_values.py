# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import freeze_time, tagged

from .common import KpiCase, dt


@tagged("post_install", "-at_install")
class TestKpiPeriodValues(KpiCase):
    """Quarters and years add up the months' numerators and denominators."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.agent_a_user
        cls._callback(a, dt(2026, 1, 10, 9), "done")  # January: 1/1
        for day in (3, 4, 5):  # February: 0/3
            cls._callback(a, dt(2026, 2, day, 9))
        for day in (2, 3, 4):  # March: 3/4
            cls._callback(a, dt(2026, 3, day, 9), "done")
        cls._callback(a, dt(2026, 3, 20, 9))
        cls._callback(a, dt(2026, 4, 2, 9), "done")  # next quarter
        cls.indicator = cls._indicator("callback_rate")

    def test_quarter_from_months(self):
        self.Value._compute_values("quarter", date(2026, 2, 10), self.indicator)
        months = self._values(self.indicator, employee_id=self.agent_a)
        self.assertEqual(
            sorted(months.mapped("value")), [0.0, 75.0, 100.0], "three months"
        )
        quarter = self._values(self.indicator, "quarter", employee_id=self.agent_a)
        self.assertEqual((quarter.numerator, quarter.denominator), (4.0, 8.0))
        self.assertEqual(quarter.value, 50.0)  # not the 58.33 mean of the months
        self.assertEqual(quarter.period, "2026-Q1")
        self.assertEqual(
            (quarter.date_from, quarter.date_to), (date(2026, 1, 1), date(2026, 3, 31))
        )
        team = self._values(self.indicator, "quarter", level="team")
        self.assertEqual((team.manager_id, team.value), (self.supervisor, 50.0))
        # The drill-down of the quarter covers the three months.
        action = quarter.action_open_records()
        self.assertEqual(self.env["service.callback"].search_count(action["domain"]), 8)

    def test_year_and_recompute_replaces(self):
        self.Value._compute_values("year", date(2026, 6, 1), self.indicator)
        year = self._values(self.indicator, "year", level="company")
        self.assertEqual((year.numerator, year.denominator), (5.0, 9.0))
        self.assertEqual(year.period, "2026")
        # A month recomputed after a late callback replaces its snapshot.
        self._callback(self.agent_a_user, dt(2026, 2, 6, 9), "done")
        self.Value._compute_month(date(2026, 2, 1), self.indicator)
        february = self._values(
            self.indicator, employee_id=self.agent_a, date_from=date(2026, 2, 1)
        )
        self.assertEqual((february.numerator, february.denominator), (1.0, 4.0))
        self.Value._compute_rollup("year", date(2026, 6, 1), self.indicator)
        year = self._values(self.indicator, "year", level="company")
        self.assertEqual((year.numerator, year.denominator), (6.0, 10.0))

    def test_month_without_data_has_no_value(self):
        self.Value._compute_month(date(2026, 7, 1), self.indicator)
        self.assertFalse(self._values(self.indicator, date_from=date(2026, 7, 1)))

    @freeze_time("2026-04-03 10:00:00")
    def test_cron_computes_last_and_current_month(self):
        self.Value._cron_compute_monthly()
        march = self._values(
            self.indicator, level="company", date_from=date(2026, 3, 1)
        )
        april = self._values(
            self.indicator, level="company", date_from=date(2026, 4, 1)
        )
        self.assertEqual((march.numerator, march.denominator), (3.0, 4.0))
        self.assertEqual((april.numerator, april.denominator), (1.0, 1.0))
        self.assertTrue(self._values(self.indicator, "quarter", level="company"))

    def test_period_run_wizard(self):
        wizard = (
            self.env["service.kpi.period.run"]
            .with_user(self.kpi_manager)
            .create({"period_type": "quarter", "date": date(2026, 1, 5)})
        )
        self.assertEqual(
            (wizard.date_from, wizard.date_to), (date(2026, 1, 1), date(2026, 3, 31))
        )
        action = wizard.action_run()
        self.assertEqual(action["res_model"], "service.kpi.value")
        quarter = self._values(self.indicator, "quarter", level="company")
        self.assertEqual(quarter.value, 50.0)

    def test_trend_has_actual_and_target(self):
        self.Value._compute_month(date(2026, 3, 1), self.indicator)
        trend = self.env["service.kpi.trend"].search(
            [("indicator_id", "=", self.indicator.id), ("level", "=", "company")]
        )
        self.assertEqual(
            sorted((t.series, t.amount) for t in trend),
            [("actual", 75.0), ("target", 90.0)],
        )
