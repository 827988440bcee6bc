# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.addons.service_callback.rules.callback_statistics import (
    rating_from_score,
    score_from_percentage,
)
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import KpiCase, dt

MARCH = date(2026, 3, 1)


class AppraisalCase(KpiCase):
    """The agents' callbacks follow up task orders the same agents served:
    their ratings are the agents' customer satisfaction."""

    @classmethod
    def _callback(cls, user, due, state="planned", **vals):
        if user and "res_model" not in vals:
            served = cls._served.get(user)
            if not served:
                served = cls._served[user] = cls._ticket(user, dt(2026, 2, 20, 9))
            vals.update(res_model="helpdesk.ticket", res_id=served.id)
        return super()._callback(user, due, state, **vals)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._served = {}
        a = cls.agent_a_user
        for day, rating in ((2, "satisfied"), (3, "satisfied"), (4, "neutral")):
            cls._callback(a, dt(2026, 3, day, 9), "done", reached=True, rating=rating)
        cls._callback(a, dt(2026, 3, 5, 9))
        cls.cb_rate = cls._indicator("callback_rate", target=80.0)
        cls.satisfaction = cls._indicator("satisfaction_rate", target=80.0)
        cls.Value._compute_month(MARCH, cls.cb_rate | cls.satisfaction)
        cls.template = cls.env["service.kpi.template"].create(
            {
                "name": "Hotline agents",
                "department_id": cls.department.id,
                "line_ids": [
                    (0, 0, {"indicator_id": cls.cb_rate.id, "weight": 2.0}),
                    (0, 0, {"indicator_id": cls.satisfaction.id, "weight": 1.0}),
                ],
            }
        )
        Inspection = cls.env["service.kpi.inspection"]
        cls.inspection = Inspection.create(
            {
                "name": "Call with Li Farm",
                "employee_id": cls.agent_a.id,
                "date": date(2026, 3, 12),
                "finding_ids": [
                    (0, 0, {"name": "No greeting", "score_impact": -3.0}),
                    (0, 0, {"name": "Wrong part", "score_impact": -2.0}),
                ],
            }
        )
        cls.inspection.action_done()
        Inspection.create(  # still a draft: does not count
            {
                "name": "Contract 42",
                "kind": "contract_file",
                "employee_id": cls.agent_a.id,
                "date": date(2026, 3, 13),
                "finding_ids": [(0, 0, {"name": "Missing copy", "score_impact": -9})],
            }
        )
        cls.appraisals = cls.env["service.kpi.appraisal"]._generate(
            cls.template, "month", date(2026, 3, 17)
        )
        cls.appraisal_a = cls.appraisals.filtered(
            lambda r: r.employee_id == cls.agent_a
        )
        cls.appraisal_b = cls.appraisals.filtered(
            lambda r: r.employee_id == cls.agent_b
        )


@tagged("post_install", "-at_install")
class TestKpiAppraisal(AppraisalCase):
    def test_generated_for_the_department(self):
        self.assertEqual(
            self.appraisals.employee_id,
            self.head | self.supervisor | self.agent_a | self.agent_b,
        )
        self.assertEqual(self.appraisal_a.date_from, MARCH)
        self.assertEqual(self.appraisal_a.date_to, date(2026, 3, 31))
        self.assertEqual(self.appraisal_a.period, "2026-03")
        again = self.env["service.kpi.appraisal"]._generate(
            self.template, "month", MARCH
        )
        self.assertFalse(again, "one appraisal per employee and period")

    def test_scores_computed_by_hand(self):
        appraisal = self.appraisal_a
        lines = {line.indicator_id: line for line in appraisal.line_ids}
        self.assertEqual(lines[self.cb_rate].value, 75.0)
        self.assertEqual(lines[self.cb_rate].score, 93.75)  # 75 / 80
        self.assertAlmostEqual(lines[self.satisfaction].value, 66.67, places=2)
        # 66.67 (stored with 2 digits) / 80
        self.assertAlmostEqual(lines[self.satisfaction].score, 83.34, places=2)
        # (93.75 * 2 + 83.333 * 1) / 3
        self.assertAlmostEqual(appraisal.indicator_score, 90.28, places=2)
        self.assertEqual(
            (appraisal.customer_satisfied_count, appraisal.customer_rated_count),
            (2, 3),
        )
        self.assertAlmostEqual(appraisal.customer_score, 66.67, places=2)
        self.assertEqual(appraisal.inspection_adjustment, -5.0)
        appraisal.write({"self_score": 80.0, "supervisor_score": 90.0})
        # evaluation 0.3 * 80 + 0.4 * 90 + 0.3 * 66.667 = 80
        # final 0.5 * 90.278 + 0.5 * 80 - 5 = 80.139
        self.assertAlmostEqual(appraisal.final_score, 80.14, places=2)
        self.assertEqual(appraisal.tier, "criticism")  # satisfaction 66.67 < 70
        self.company.kpi_tier_basis = "final"
        appraisal.invalidate_recordset()
        appraisal._compute_final_score()
        self.assertEqual(appraisal.tier, "standard")  # 80.14
        # Agent B has no callback: no indicator data, no customer score.
        self.assertFalse(self.appraisal_b.has_indicator_score)
        self.assertEqual(self.appraisal_b.customer_rated_count, 0)

    def test_compute_one_employee_query_count(self):
        appraisal = self.appraisal_a
        appraisal._compute_scores()
        self.env.invalidate_all()
        # (the period's bounds in the company's time zone read its partner,
        # and its working calendar when the address has no time zone; the
        # callback report review marks: one grouped query and the company's
        # points per mark)
        with self.assertQueryCount(__system__=27):
            appraisal._compute_scores()
            appraisal.flush_recordset()
        # more ratings, surveys and spot checks: the same queries
        survey = self.env["survey.survey"].create(
            {"title": "Service satisfaction", "scoring_type": "scoring_without_answers"}
        )
        for day in range(6, 26):
            callback = self._callback(
                self.agent_a_user, dt(2026, 3, day, 9), "done", rating="satisfied"
            )
            self.env["survey.user_input"].create(
                {"survey_id": survey.id, "callback_id": callback.id}
            )
        self.env["service.kpi.inspection"].create(
            [
                {
                    "name": f"Call {day}",
                    "employee_id": self.agent_a.id,
                    "date": date(2026, 3, day),
                    "finding_ids": [(0, 0, {"name": "Late", "score_impact": -1.0})],
                }
                for day in range(6, 16)
            ]
        ).action_done()
        appraisal._compute_scores()  # new results: tracked once
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=25):
            appraisal._compute_scores()
            appraisal.flush_recordset()
        self.assertEqual(appraisal.customer_rated_count, 23)
        self.assertEqual(appraisal.inspection_adjustment, -15.0)

    def test_weights_must_sum_to_100(self):
        Template = self.env["service.kpi.template"]
        template = Template.create({"name": "Default"})
        self.assertEqual(
            (
                template.self_weight,
                template.supervisor_weight,
                template.customer_weight,
            ),
            (30.0, 40.0, 30.0),
        )
        with self.assertRaisesRegex(ValidationError, r"add up to 99\.0%.*100%"):
            Template.create({"name": "Short", "customer_weight": 29.0})
        template.write({"self_weight": 20.0, "supervisor_weight": 50.0})
        self.assertEqual(template.weight_total, 100.0)
        with self.assertRaisesRegex(ValidationError, "add up to 100.01%"):
            Template.create(
                {"name": "Odd", "self_weight": 30.01, "supervisor_weight": 40.0}
            )
        with self.assertRaises(ValidationError):
            template.write({"self_weight": -10.0, "supervisor_weight": 80.0})

    def test_tier_thresholds_are_settings_exact_at_the_boundary(self):
        appraisal = self.appraisal_a
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.kpi_bonus_threshold, 90.0)
        for score, tier in (
            (90.01, "bonus"),
            (90.0, "standard"),
            (89.99, "standard"),
            (70.0, "standard"),
            (69.99, "criticism"),
            (50.0, "criticism"),
            (49.99, "no_bonus"),
        ):
            appraisal.customer_score = score
            self.assertEqual(appraisal.tier, tier, score)
        settings.kpi_bonus_threshold = 89.0
        settings.execute()
        self.assertEqual(self.company.kpi_bonus_threshold, 89.0)
        appraisal.customer_score = 89.99
        appraisal.invalidate_recordset(["tier"])
        appraisal._compute_final_score()
        self.assertEqual(appraisal.tier, "bonus")
        with self.assertRaises(ValidationError):
            self.company.kpi_no_bonus_threshold = 75.0

    def test_workflow_and_lock(self):
        as_agent = self.appraisal_a.with_user(self.agent_a_user)
        as_supervisor = self.appraisal_a.with_user(self.supervisor_user)
        as_manager = self.appraisal_a.with_user(self.kpi_manager)
        with self.assertRaisesRegex(UserError, "supervisor"):
            as_agent.supervisor_score = 100.0
        with self.assertRaisesRegex(UserError, "self-assessment"):
            as_supervisor.self_score = 100.0
        as_agent.write({"self_score": 85.0, "self_comment": "Busy month."})
        with self.assertRaises(UserError):
            as_agent.final_score = 100.0
        as_agent.action_submit_self()
        self.assertEqual(as_agent.state, "self_assessed")
        with self.assertRaisesRegex(UserError, "self-assessment"):
            as_agent.self_score = 100.0
        with self.assertRaisesRegex(UserError, "supervisor's comment"):
            as_supervisor.action_review()
        as_supervisor.write({"supervisor_score": 88.0, "supervisor_comment": "Good."})
        as_supervisor.action_review()
        self.assertEqual(as_agent.state, "reviewed")
        with self.assertRaisesRegex(UserError, "Only .*KPI Manager may move"):
            as_supervisor.action_approve()
        as_manager.action_approve()
        as_manager.action_lock()
        self.assertEqual(as_agent.state, "locked")
        final = as_manager.final_score
        for vals in (
            {"supervisor_score": 10.0},
            {"self_score": 1.0},
            {"state": "draft"},
        ):
            with self.assertRaisesRegex(UserError, "locked"):
                as_manager.write(vals)
        with self.assertRaisesRegex(UserError, "locked"):
            as_manager.action_compute()
        with self.assertRaisesRegex(UserError, "locked"):
            as_manager.action_reset_draft()
        with self.assertRaises(UserError):
            as_manager.unlink()
        self.assertEqual(as_manager.final_score, final)
        self.appraisal_a.message_post(body="Filed.")

    def test_activities_follow_the_state(self):
        appraisal = self.appraisal_a
        self_type = self.env.ref("service_kpi.mail_activity_type_self_assessment")
        review_type = self.env.ref("service_kpi.mail_activity_type_review")
        self.assertEqual(
            [(a.activity_type_id, a.user_id) for a in appraisal.activity_ids],
            [(self_type, self.agent_a_user)],
        )
        appraisal.with_user(self.agent_a_user).action_submit_self()
        self.assertEqual(
            [(a.activity_type_id, a.user_id) for a in appraisal.activity_ids],
            [(review_type, self.supervisor_user)],
        )
        as_supervisor = appraisal.with_user(self.supervisor_user)
        as_supervisor.supervisor_comment = "Fine."
        as_supervisor.action_review()
        self.assertFalse(appraisal.activity_ids)
        # Everyone appraised gets their own self-assessment to-do.
        head = self.appraisals.filtered(lambda a: a.employee_id == self.head)
        self.assertEqual(head.activity_ids.user_id, self.head_user)

    def test_only_the_employee_submits(self):
        with self.assertRaisesRegex(UserError, "Only Agent Li"):
            self.appraisal_a.with_user(self.supervisor_user).action_submit_self()

    def test_form_as_employee(self):
        with Form(self.appraisal_a.with_user(self.agent_a_user)) as form:
            form.self_score = 70.0
        self.assertEqual(self.appraisal_a.self_score, 70.0)

    def test_pdf_report(self):
        html, kind = self.env["ir.actions.report"]._render_qweb_html(
            "service_kpi.report_appraisal", self.appraisal_a.ids
        )
        self.assertEqual(kind, "html")
        self.assertIn(b"Agent Li", html)
        self.assertIn(b"Final score", html)


@tagged("post_install", "-at_install")
class TestKpiAccess(AppraisalCase):
    def _visible(self, user, model="service.kpi.appraisal"):
        return self.env[model].with_user(user).search([]).employee_id

    def test_employee_sees_own_appraisal_only(self):
        self.assertEqual(self._visible(self.agent_a_user), self.agent_a)
        with self.assertRaises(AccessError):
            self.appraisal_b.with_user(self.agent_a_user).read(["final_score"])
        with self.assertRaises(AccessError):
            self.env["service.kpi.appraisal"].with_user(self.agent_a_user).create(
                {
                    "employee_id": self.agent_a.id,
                    "template_id": self.template.id,
                    "date_from": date(2026, 4, 1),
                }
            )

    def test_supervisor_sees_team(self):
        self.assertEqual(
            self._visible(self.supervisor_user),
            self.supervisor | self.agent_a | self.agent_b,
        )

    def test_department_manager_sees_department(self):
        self.assertEqual(
            self._visible(self.head_user),
            self.head | self.supervisor | self.agent_a | self.agent_b,
        )

    def test_outsider_and_manager(self):
        self.assertFalse(self._visible(self.outsider_user))
        self.assertEqual(self._visible(self.kpi_manager), self.appraisals.employee_id)

    def test_values_and_spot_checks(self):
        values = self.env["service.kpi.value"].with_user(self.agent_b_user).search([])
        self.assertIn("company", values.mapped("level"))
        self.assertNotIn(self.agent_a, values.employee_id)
        self.assertIn(
            self.agent_a,
            self.env["service.kpi.value"]
            .with_user(self.supervisor_user)
            .search([])
            .employee_id,
        )
        self.assertFalse(self._visible(self.agent_b_user, "service.kpi.inspection"))
        self.assertEqual(
            self._visible(self.agent_a_user, "service.kpi.inspection"), self.agent_a
        )
        with self.assertRaises(AccessError):
            self.inspection.with_user(self.supervisor_user).write({"name": "x"})


@tagged("post_install", "-at_install")
class TestKpiAppraisalSurveys(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env["survey.survey"].create(
            {"title": "Service satisfaction", "scoring_type": "scoring_without_answers"}
        )

    def _answer(self, callback, percentage, end, on=None):
        user_input = self.env["survey.user_input"].create(
            {
                "survey_id": (on or self.survey).id,
                "partner_id": self.customer.id,
                "callback_id": callback.id,
            }
        )
        user_input.flush_recordset()
        self.env.cr.execute(
            "UPDATE survey_user_input SET state = 'done', end_datetime = %s, "
            "scoring_percentage = %s WHERE id = %s",
            (end, percentage, user_input.id),
        )

    def test_customer_surveys_count_in_the_customer_score(self):
        unscored = self.env["survey.survey"].create(
            {"title": "Suggestions", "scoring_type": "no_scoring"}
        )
        a = self.agent_a_user
        planned = self._callback(a, dt(2026, 3, 20, 9))
        unrated = self._callback(a, dt(2026, 3, 21, 9), "done", reached=True)
        rated = self.env["service.callback"].search(
            [("user_id", "=", a.id), ("rating", "=", "satisfied")], limit=1
        )
        other = self._callback(self.agent_b_user, dt(2026, 3, 21, 9))
        answer = self._answer
        answer(planned, 85.0, dt(2026, 3, 22, 9))  # satisfied
        answer(unrated, 60.0, dt(2026, 3, 22, 9))  # 3 out of 5: not satisfied
        answer(rated, 10.0, dt(2026, 3, 22, 9))  # its rating already counts
        answer(planned, 90.0, dt(2026, 4, 1, 9))  # April
        answer(unrated, 95.0, dt(2026, 3, 22, 9), on=unscored)  # no score
        answer(other, 95.0, dt(2026, 3, 22, 9))  # someone else's
        self.env.invalidate_all()
        self.appraisal_a._compute_scores()
        # 2 satisfied of 3 rated callbacks, plus 1 of 2 surveys
        self.assertEqual(
            (
                self.appraisal_a.customer_satisfied_count,
                self.appraisal_a.customer_rated_count,
            ),
            (3, 5),
        )
        self.assertEqual(self.appraisal_a.customer_score, 60.0)

    def test_survey_threshold_follows_the_callback_ratings(self):
        """A survey counts as satisfied exactly when service_callback rates a
        callback satisfied from the same score: above 60 % (4 or 5 out of 5)."""
        scores = (20.0, 60.0, 60.01, 80.0)
        rated_satisfied = [
            rating_from_score(score_from_percentage(p)) == "satisfied" for p in scores
        ]
        self.assertEqual(rated_satisfied, [False, False, True, True])
        for day, percentage in enumerate(scores, start=20):
            callback = self._callback(self.agent_a_user, dt(2026, 3, day, 9))
            self._answer(callback, percentage, dt(2026, 3, 25, 9))
        self.env.invalidate_all()
        self.appraisal_a._compute_scores()
        # 2 satisfied of 3 rated callbacks, plus 60.01 % and 80 % of 4 surveys
        self.assertEqual(
            (
                self.appraisal_a.customer_satisfied_count,
                self.appraisal_a.customer_rated_count,
            ),
            (4, 7),
        )
