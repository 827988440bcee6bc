# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import HttpCase, new_test_user, tagged

from .common import CallbackCase, signature_png


@tagged("post_install", "-at_install")
class TestCallbackPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Zhang Orchard", "email": "zhang@example.com"}
        )
        cls.portal_user = new_test_user(
            cls.env, "cb_portal", groups="base.group_portal", partner_id=cls.customer.id
        )
        cls.stranger = new_test_user(cls.env, "cb_stranger", groups="base.group_portal")
        cls.agent = new_test_user(
            cls.env, "cb_portal_agent", groups="service_callback.group_callback_agent"
        )
        Callback = cls.env["service.callback"]
        cls.onsite = Callback.create(
            {"partner_id": cls.customer.id, "user_id": cls.agent.id, "method": "onsite"}
        )
        cls.phone = Callback.create(
            {"partner_id": cls.customer.id, "user_id": cls.agent.id, "method": "phone"}
        )

    def _sign(self, callback, name="Zhang San"):
        response = self.url_open(
            f"/my/callbacks/{callback.id}/sign",
            data=json.dumps(
                {"params": {"name": name, "signature": signature_png().decode()}}
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()["result"]

    def test_customer_sees_and_signs_onsite_record(self):
        self.authenticate("cb_portal", "cb_portal")
        response = self.url_open("/my/callbacks")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.onsite.name, response.text)
        self.assertIn(self.phone.name, response.text)
        page = self.url_open(f"/my/callbacks/{self.onsite.id}")
        self.assertIn("modal_sign_callback", page.text)
        result = self._sign(self.onsite)
        self.assertTrue(result.get("force_refresh"), result)
        self.assertTrue(self.onsite.signature)
        self.assertEqual(self.onsite.signed_by, "Zhang San")
        self.assertTrue(self.onsite.signed_on)
        # signed once: no second signature
        self.assertIn("error", self._sign(self.onsite, "Someone Else"))
        self.assertEqual(self.onsite.signed_by, "Zhang San")

    def test_phone_callback_is_marked_not_signed(self):
        self.authenticate("cb_portal", "cb_portal")
        page = self.url_open(f"/my/callbacks/{self.phone.id}")
        self.assertIn("Phone callback", page.text)
        self.assertNotIn("modal_sign_callback", page.text)
        self.assertIn("error", self._sign(self.phone))
        self.assertFalse(self.phone.signature)

    def test_other_customer_cannot_sign(self):
        self.authenticate("cb_stranger", "cb_stranger")
        self.assertIn("error", self._sign(self.onsite))
        self.assertFalse(self.onsite.signature)
        self.assertFalse(
            self.env["service.callback"].with_user(self.stranger).search([])
        )

    def test_signing_with_access_token(self):
        url = self.onsite.get_portal_url(suffix="/sign")
        response = self.url_open(
            url,
            data=json.dumps(
                {"params": {"name": "Zhang San", "signature": signature_png().decode()}}
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertTrue(response.json()["result"].get("force_refresh"))
        self.assertTrue(self.onsite.signature)


@tagged("post_install", "-at_install")
class TestCallbackPortalCompany(CallbackCase, HttpCase):
    """Portal users of a customer company: the company's callbacks, and the
    satisfaction survey answered on the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.is_company = True
        cls.contact, cls.colleague = cls.env["res.partner"].create(
            [
                {"name": "Li Ming", "parent_id": cls.customer.id, "email": "m@x.com"},
                {"name": "Li Hua", "parent_id": cls.customer.id, "email": "h@x.com"},
            ]
        )
        new_test_user(
            cls.env,
            "cb_colleague",
            groups="base.group_portal",
            partner_id=cls.colleague.id,
        )
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
                    (0, 0, {"value": "Not at all", "answer_score": 0}),
                ],
            }
        )

    def test_colleague_sees_the_company_callbacks(self):
        callback = self._callback(partner_id=self.contact.id, method="onsite")
        other = self._callback(
            partner_id=self.env["res.partner"].create({"name": "X"}).id
        )
        self.authenticate("cb_colleague", "cb_colleague")
        listing = self.url_open("/my/callbacks").text
        self.assertIn(callback.name, listing)
        self.assertNotIn(other.name, listing)
        page = self.url_open(f"/my/callbacks/{callback.id}")
        self.assertIn("modal_sign_callback", page.text)
        self.assertTrue(self.url_open(f"/my/callbacks/{other.id}").url.endswith("/my"))

    def test_portal_user_answers_the_survey(self):
        callback = self._callback(
            partner_id=self.colleague.id,
            method="questionnaire",
            survey_id=self.survey.id,
        )
        callback.with_user(self.agent).action_send_survey()
        answer = callback.survey_user_input_id.sudo()
        self.authenticate("cb_colleague", "cb_colleague")
        page = self.url_open(callback.survey_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Service satisfaction", page.text)
        tokens = (self.survey.access_token, answer.access_token)
        self.make_jsonrpc_request("/survey/begin/{}/{}".format(*tokens), {})
        very = self.question.suggested_answer_ids.filtered(lambda a: a.value == "Very")
        self.make_jsonrpc_request(
            "/survey/submit/{}/{}".format(*tokens),
            {str(self.question.id): very.id, "question_id": self.question.id},
        )
        self.assertEqual(answer.state, "done")
        self.assertTrue(callback.survey_done)
        self.assertEqual(callback.survey_score, 100.0)
