# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CallbackCase


@tagged("post_install", "-at_install")
class TestCallbackSurvey(CallbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "Service satisfaction",
                "access_mode": "token",
                "scoring_type": "scoring_without_answers",
            }
        )
        cls.question = cls.env["survey.question"].create(
            {
                "survey_id": cls.survey.id,
                "title": "How satisfied are you with the repair?",
                "question_type": "simple_choice",
                "suggested_answer_ids": [
                    (0, 0, {"value": "Very", "answer_score": 4, "is_correct": True}),
                    (0, 0, {"value": "Somewhat", "answer_score": 3}),
                    (0, 0, {"value": "Not at all", "answer_score": 0}),
                ],
            }
        )
        cls.callback = cls._callback(method="questionnaire", survey_id=cls.survey.id)

    def _answer(self, value):
        answer = self.question.suggested_answer_ids.filtered(lambda a: a.value == value)
        user_input = self.callback.survey_user_input_id.sudo()
        user_input._save_lines(self.question, answer.id)
        user_input._mark_done()
        return user_input

    def test_send_survey_invites_the_customer(self):
        self.callback.with_user(self.agent).action_send_survey()
        user_input = self.callback.survey_user_input_id.sudo()
        self.assertEqual(user_input.partner_id, self.customer)
        self.assertEqual(user_input.callback_id, self.callback)
        self.assertIn(user_input.access_token, self.callback.survey_url)
        message = self.callback.message_ids[:1]
        self.assertIn(self.customer, message.partner_ids)
        self.assertIn(self.callback.survey_url, message.body)

    def test_survey_needs_a_survey_and_an_email(self):
        callback = self._callback(method="questionnaire").with_user(self.agent)
        with self.assertRaisesRegex(UserError, "Choose the survey"):
            callback.action_send_survey()
        callback.survey_id = self.survey
        callback.partner_id = self.env["res.partner"].create({"name": "No Mail"})
        with self.assertRaisesRegex(UserError, "no email address"):
            callback.action_send_survey()

    def test_score_comes_back(self):
        self.callback.with_user(self.agent).action_send_survey()
        self._answer("Very")
        self.assertTrue(self.callback.survey_done)
        self.assertEqual(self.callback.survey_score, 100.0)
        self.assertTrue(self.callback.reached)
        self.assertEqual(self.callback.score, 5)
        self.assertEqual(self.callback.rating, "satisfied")

    def test_low_score_comes_back_dissatisfied(self):
        self.callback.with_user(self.agent).action_send_survey()
        self._answer("Not at all")
        self.assertEqual(self.callback.survey_score, 0.0)
        self.assertEqual(self.callback.score, 1)
        self.assertEqual(self.callback.rating, "dissatisfied")
        # the agent records the callback: a dissatisfied answer opens a complaint
        self.callback.with_user(self.agent).action_done()
        self.assertTrue(self.callback.complaint_ticket_id)
