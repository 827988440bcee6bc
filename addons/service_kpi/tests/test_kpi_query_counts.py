# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from .common import KpiCase, dt

MARCH = date(2026, 3, 1)


@tagged("post_install", "-at_install")
class TestKpiQueryCounts(KpiCase):
    """The monthly run and the appraisal cost a fixed number of queries,
    whatever the volume of records measured."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        measures = cls.env["service.kpi.measure"]._get_measures()
        cls.indicators = cls.Indicator.search([("company_id", "=", cls.company.id)])
        for code in set(measures) - set(cls.indicators.mapped("measure")):
            cls.indicators |= cls._indicator(code)
        cls.closed_stage = cls.env["helpdesk.ticket.stage"].create(
            {"name": "Solved", "closed": True}
        )
        cls._add_records(cls.agent_a_user, 1)

    @classmethod
    def _add_records(cls, user, count):
        for day in range(1, count + 1):
            when = dt(2026, 3, day, 9)
            callback = cls._callback(
                user, when, "done", reached=True, rating="satisfied", score=5
            )
            ticket = cls._ticket(
                user,
                when,
                dt(2026, 3, day, 15),
                cls.closed_stage,
                request_type="complaint",
                handoff_deadline=when,
                handoff_sla_state="met",
                response_deadline=when,
                response_sla_state="met",
                resolution_deadline=when,
                resolution_sla_state="breached",
            )
            callback.write({"res_model": "helpdesk.ticket", "res_id": ticket.id})
            cls.env["crm.consultation"].create(
                {
                    "question": "Price of the KT-300?",
                    "received_date": when,
                    "first_answer_date": dt(2026, 3, day, 11),
                    "answered_by_id": user.id,
                }
            )

    def test_monthly_run_of_every_measure(self):
        self.assertEqual(
            set(self.indicators.mapped("measure")),
            set(self.env["service.kpi.measure"]._get_measures()),
        )
        self.Value._compute_month(MARCH, self.indicators)  # warm the caches
        self.env.invalidate_all()
        # one per model measured (callbacks, callback reports, task orders,
        # consultations, sale orders, deliveries), one more for the callbacks'
        # satisfaction (credited to who served the customer), one more for the
        # complaint handling rate (credited to the complaint's owner), the
        # company's time zone (company, partner and, without the partner's, the
        # working calendar's: res.company._get_service_tz), 9 more
        with self.assertQueryCount(__system__=20):
            self.Value._compute_month(MARCH, self.indicators)
        self._add_records(self.agent_b_user, 20)
        self._add_records(self.supervisor_user, 5)
        self.env.invalidate_all()
        # one per model measured (callbacks, callback reports, task orders,
        # consultations, sale orders, deliveries), one more for the callbacks'
        # satisfaction (credited to who served the customer), one more for the
        # complaint handling rate (credited to the complaint's owner), the
        # company's time zone (company, partner and, without the partner's, the
        # working calendar's: res.company._get_service_tz), 9 more; and one to
        # refill the registry cache the callbacks' new assignees cleared (their
        # access rights, service.callback._grant_assignee_access)
        with self.assertQueryCount(__system__=21):
            self.Value._compute_month(MARCH, self.indicators)
        company = self.Value.search(
            [
                ("indicator_id.measure", "=", "callback_rate"),
                ("indicator_id", "in", self.indicators.ids),
                ("level", "=", "company"),
                ("period_type", "=", "month"),
            ]
        )
        self.assertEqual(company.denominator, 26)
