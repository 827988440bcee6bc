# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import fields
from odoo.tests import tagged

from .common import CallbackCase

RATES = ["callback_rate", "valid_rate", "satisfaction_rate", "complaint_callback_rate"]
COUNTS = [
    "due_count:sum",
    "done_count:sum",
    "valid_count:sum",
    "rated_count:sum",
    "satisfied_count:sum",
    "complaint_due_count:sum",
    "complaint_done_count:sum",
]


@tagged("post_install", "-at_install")
class TestMonthlyReport(CallbackCase):
    """A crafted month, figures computed by hand:

    January, agent A (Callback Desk): 4 due (+1 cancelled, not counted),
    4 done, 3 valid (one not reached), rated 3 of which 2 satisfied, 1
    complaint callback done → callback rate 100 (3 routine done of 3),
    satisfaction 66.67, complaint callback rate 100.
    January, agent B (Branch Desk): 3 due, 1 done and valid (neutral), 1
    complaint callback not done → callback rate 50 (1 routine done of 2: the
    complaint callback has its own rate), satisfaction 0, complaint callback
    rate 0.
    January together: 7 due, 5 done, 4 valid, 2 satisfied of 4 rated, 1 of 2
    complaint callbacks, 4 of 5 routine callbacks done → 80.0, 57.14, 50.0,
    50.0.
    February, agent A: 1 due, done, valid, satisfied → 100 everywhere.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a, b = cls.agent.id, cls.other_agent.id

        def done(user, due, reached=True, rating=None, **vals):
            return cls._callback(
                user_id=user,
                due_datetime=due,
                state="done",
                done_datetime=due,
                reached=reached,
                rating=rating,
                **vals,
            )

        done(a, "2025-01-06 03:00:00", rating="satisfied", callback_type="routine")
        done(a, "2025-01-07 03:00:00", rating="dissatisfied", callback_type="routine")
        done(a, "2025-01-08 03:00:00", reached=False, callback_type="routine")
        done(a, "2025-01-31 09:00:00", rating="satisfied", callback_type="complaint")
        cls._callback(user_id=a, due_datetime="2025-01-09 03:00:00", state="cancelled")
        cls._callback(
            user_id=b, due_datetime="2025-01-10 03:00:00", callback_type="complaint"
        )
        done(b, "2025-01-11 03:00:00", rating="neutral", callback_type="routine")
        cls._callback(
            user_id=b, due_datetime="2025-01-12 03:00:00", callback_type="routine"
        )
        done(a, "2025-02-03 03:00:00", rating="satisfied", callback_type="installation")
        cls.Monthly = cls.env["service.callback.monthly.report"]
        cls.domain = [("user_id", "in", [a, b])]

    def _group(self, groupby, domain=()):
        return self.Monthly.read_group(
            self.domain + list(domain), COUNTS + RATES, groupby, lazy=False
        )

    def _pdf_html(self, rows):
        return (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "service_callback.service_callback_monthly_report_action_report",
                rows.ids,
            )[0]
            .decode()
        )

    def assertFigures(self, group, expected):
        actual = {
            key: group[key]
            for key in ("due_count", "done_count", "valid_count", *RATES)
        }
        self.assertEqual(actual, expected)

    def test_by_agent(self):
        groups = {
            g["user_id"][0]: g
            for g in self._group(["user_id"], [("month", "=", "2025-01-01")])
        }
        self.assertFigures(
            groups[self.agent.id],
            {
                "due_count": 4,
                "done_count": 4,
                "valid_count": 3,
                "callback_rate": 100.0,
                "valid_rate": 75.0,
                "satisfaction_rate": 66.67,
                "complaint_callback_rate": 100.0,
            },
        )
        self.assertFigures(
            groups[self.other_agent.id],
            {
                "due_count": 3,
                "done_count": 1,
                "valid_count": 1,
                "callback_rate": 50.0,
                "valid_rate": 33.33,
                "satisfaction_rate": 0.0,
                "complaint_callback_rate": 0.0,
            },
        )

    def test_by_department(self):
        groups = {
            g["department_id"][0]: g
            for g in self._group(["department_id"], [("month", "=", "2025-01-01")])
        }
        self.assertEqual(groups[self.department.id]["callback_rate"], 100.0)
        self.assertEqual(groups[self.other_department.id]["callback_rate"], 50.0)

    def test_month_totals_from_counts_not_averages(self):
        (january,) = self._group([], [("month", "=", "2025-01-01")])
        self.assertFigures(
            january,
            {
                "due_count": 7,
                "done_count": 5,
                "valid_count": 4,
                "callback_rate": 80.0,
                "valid_rate": 57.14,
                "satisfaction_rate": 50.0,
                "complaint_callback_rate": 50.0,
            },
        )

    def test_by_month(self):
        groups = {g["month:month"]: g for g in self._group(["month:month"])}
        self.assertEqual(len(groups), 2)
        february = next(g for g in groups.values() if g["due_count"] == 1)
        self.assertEqual(february["callback_rate"], 100.0)
        # no complaint callback due in February: no rate (not 100 %, not 0 %)
        self.assertIs(february["complaint_callback_rate"], False)

    def test_rates_without_data_stay_empty(self):
        """A row, group or total without a denominator has no rate (empty,
        not 0 % and not 100 %): here the routine callbacks of January, none
        of which is a complaint callback."""
        routine = [("month", "=", "2025-01-01"), ("callback_type", "=", "routine")]
        rows = self.Monthly.search([*self.domain, *routine])
        agent_b = rows.filtered(lambda r: r.user_id == self.other_agent)
        self.assertEqual((agent_b.due_count, agent_b.rated_count), (2, 1))
        self.assertEqual(agent_b.satisfaction_rate, 0.0)  # rated, not satisfied
        self.assertEqual(agent_b.complaint_due_count, 0)
        (group,) = self._group([], routine)
        self.assertIs(group["complaint_callback_rate"], False)
        self.assertEqual(group["satisfaction_rate"], 33.33)
        totals = rows._totals()
        self.assertIs(totals["complaint_callback_rate"], False)
        self.assertEqual(totals["satisfaction_rate"], 33.33)
        html = self._pdf_html(rows)
        # the complaint callback rate of each row and of the total is empty
        self.assertEqual(
            len(re.findall(r'<td class="text-end ?">\s*</td>', html)), len(rows) + 1
        )
        self.assertIn("33.33", html)

    def test_complaint_callback_done_means_reached(self):
        """A complaint callback counts as done when it reached the customer,
        as the close gate and the complaint callback indicator count it."""
        self._callback(
            user_id=self.agent.id,
            due_datetime="2025-03-03 03:00:00",
            callback_type="complaint",
            state="done",
            done_datetime="2025-03-03 03:00:00",
            reached=False,
        )
        (march,) = self._group([], [("month", "=", "2025-03-01")])
        self.assertEqual(march["done_count"], 1)
        self.assertEqual(march["valid_count"], 0)
        # no routine callback due in March: the callback rate has no data
        self.assertIs(march["callback_rate"], False)
        self.assertEqual(march["complaint_callback_rate"], 0.0)

    def test_counts_and_rates_are_the_callbacks_own_definitions(self):
        """Each count is the number of the agent's callbacks matching the
        callback's own domain of it, and each rate one count out of another:
        the valid rate is valid callbacks out of callbacks due."""
        Callback = self.env["service.callback"]
        january = [
            ("user_id", "=", self.agent.id),
            ("due_datetime", ">=", "2025-01-01"),
            ("due_datetime", "<", "2025-02-01"),
        ]
        (row,) = self._group(
            [], [("month", "=", "2025-01-01"), ("user_id", "=", self.agent.id)]
        )
        for name, domain in Callback._figure_domains().items():
            if name in row:
                self.assertEqual(
                    row[name], Callback.search_count(january + domain), name
                )
        valid, due = Callback._rate_domains("valid_rate")
        self.assertEqual(
            row["valid_rate"],
            round(
                100.0
                * Callback.search_count(january + valid)
                / Callback.search_count(january + due),
                2,
            ),
        )

    def test_agent_sees_own_rows_only(self):
        rows = self.Monthly.with_user(self.agent).search([])
        self.assertEqual(rows.user_id, self.agent)
        rows = self.Monthly.with_user(self.supervisor).search(self.domain)
        self.assertEqual(rows.user_id, self.agent | self.other_agent)

    def test_pdf_statistics(self):
        rows = self.Monthly.search([*self.domain, ("month", "=", "2025-01-01")])
        totals = rows._totals()
        self.assertEqual(totals["callback_rate"], 80.0)
        html = self._pdf_html(rows)
        self.assertIn("80.0", html)
        self.assertIn("50.00", html)  # agent B: 1 routine callback done of 2
        self.assertIn(self.other_department.name, html)


@tagged("post_install", "-at_install")
class TestMonthlyReportProgramme(CallbackCase):
    def test_routine_programme_rate_ignores_presale(self):
        """4 routine programme callbacks done (after installation, 6-monthly,
        on site) and 1 open pre-sale callback: the callback rate is 100 %; the
        valid rate counts every callback due (4 valid of 5)."""
        for callback_type, method in (
            ("installation", "phone"),
            ("routine", "phone"),
            ("routine", "onsite"),
            ("routine", "phone"),
        ):
            self._callback(
                user_id=self.agent.id,
                callback_type=callback_type,
                method=method,
                due_datetime="2025-05-06 03:00:00",
                state="done",
                done_datetime="2025-05-06 03:00:00",
                reached=True,
            )
        self._callback(
            user_id=self.agent.id,
            callback_type="presale",
            due_datetime="2025-05-07 03:00:00",
        )
        (may,) = self.env["service.callback.monthly.report"].read_group(
            [("user_id", "=", self.agent.id), ("month", "=", "2025-05-01")],
            ["callback_rate", "valid_rate", "routine_due_count:sum"],
            [],
            lazy=False,
        )
        self.assertEqual(may["callback_rate"], 100.0)
        self.assertEqual(may["routine_due_count"], 4)
        self.assertEqual(may["valid_rate"], 80.0)

    def test_month_of_the_company_time_zone(self):
        """A callback due on 1 September 07:30 in Shanghai (31 August 23:30
        UTC) is in September's statistics."""
        self.company.partner_id.tz = "Asia/Shanghai"
        self._callback(
            user_id=self.agent.id,
            callback_type="routine",
            due_datetime="2025-08-31 23:30:00",
        )
        rows = self.env["service.callback.monthly.report"].search(
            [("user_id", "=", self.agent.id)]
        )
        self.assertEqual(rows.mapped("month"), [fields.Date.to_date("2025-09-01")])
