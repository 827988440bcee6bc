# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The confidential part of a customer file: its custodian and the sales
director read it; anyone else asks for access, which the sales director
approves for a time or for good. Tried as the lowest-privileged user through
the ORM and through JSON-RPC."""

from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, JsonRpcException, freeze_time, new_test_user, tagged

from .common import execute_kw_params

SECRET = "Owes 200,000 since the 2024 harvest"


@tagged("post_install", "-at_install")
class TestCustomerFile(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env.company.partner_id.tz = "Asia/Shanghai"
        cls.director = new_test_user(
            cls.env, "cf_director", groups="service_lifecycle.group_sales_director"
        )
        cls.custodian = new_test_user(
            cls.env, "cf_custodian", groups="sales_team.group_sale_salesman"
        )
        # the lowest-privileged: an internal user of the hotline
        cls.agent = new_test_user(
            cls.env, "cf_agent", groups="service_lifecycle.group_phone_agent"
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Huang Big Account", "is_company": True}
        )
        cls.customer.with_user(cls.director).file_custodian_id = cls.custodian
        cls.file = cls.env["service.customer.file"]._get_or_create_for(cls.customer)
        cls.file.with_user(cls.custodian).write({"credit_description": SECRET})

    def _request(self, user=None, **values):
        return (
            self.env["service.customer.file.access"]
            .with_user(user or self.agent)
            .create(
                {"partner_id": self.customer.id, "reason": "Contract talks", **values}
            )
        )

    def test_custodian_and_director_read_others_do_not(self):
        self.assertEqual(self.file.with_user(self.custodian).credit_description, SECRET)
        self.assertEqual(self.file.with_user(self.director).credit_description, SECRET)
        with self.assertRaises(AccessError):
            self.file.with_user(self.agent).read(["credit_description"])
        self.assertFalse(
            self.env["service.customer.file"].with_user(self.agent).search([])
        )
        # the button asks for access instead of opening the file
        action = self.customer.with_user(self.agent).action_open_customer_file()
        self.assertEqual(action["res_model"], "service.customer.file.access")
        action = self.customer.with_user(self.custodian).action_open_customer_file()
        self.assertEqual(action["res_id"], self.file.id)

    def test_only_the_director_appoints_the_custodian(self):
        with self.assertRaisesRegex(UserError, "sales director"):
            self.customer.with_user(self.custodian).file_custodian_id = self.agent
        with self.assertRaises(AccessError):
            self.file.with_user(self.agent).write({"credit_description": "x"})

    @freeze_time("2025-06-10 03:00:00")
    def test_time_limited_access(self):
        access = self._request(date_until=date(2025, 6, 12))
        with self.assertRaises(AccessError):
            self.file.with_user(self.agent).read(["credit_description"])
        # the requester cannot approve their own request
        with self.assertRaises(AccessError):
            access.with_user(self.agent).action_approve()
        self.assertEqual(access.state, "requested")
        access.with_user(self.director).action_approve()
        self.assertEqual(access.approver_id, self.director)
        self.file.invalidate_recordset()
        self.assertEqual(self.file.with_user(self.agent).credit_description, SECRET)
        # nor stretch it once approved
        with self.assertRaisesRegex(UserError, "sales director"):
            access.with_user(self.agent).date_until = date(2026, 1, 1)
        # until the end of 12 June in Shanghai (15:59:59 UTC)
        self.assertEqual(str(access.expires_at), "2025-06-12 16:00:00")
        with freeze_time("2025-06-12 15:59:00"):
            self.file.invalidate_recordset()
            self.assertTrue(
                self.file.with_user(self.agent).read(["credit_description"])
            )
        with freeze_time("2025-06-12 16:00:01"):
            self.file.invalidate_recordset()
            with self.assertRaises(AccessError):
                self.file.with_user(self.agent).read(["credit_description"])

    def test_permanent_access_until_revoked(self):
        access = self._request()
        access.with_user(self.director).action_approve()
        self.assertEqual(self.file.with_user(self.agent).credit_description, SECRET)
        access.with_user(self.director).action_revoke()
        self.file.invalidate_recordset()
        with self.assertRaises(AccessError):
            self.file.with_user(self.agent).read(["credit_description"])

    def test_a_request_cannot_be_created_approved_or_for_someone_else(self):
        with self.assertRaises(AccessError):
            self._request(state="approved")
        access = self._request(user_id=self.custodian.id)
        self.assertEqual(access.user_id, self.agent)
        refused = self._request()
        refused.with_user(self.director).action_refuse()
        with self.assertRaises(AccessError):
            self.file.with_user(self.agent).read(["credit_description"])
        # requests are private to the requester and the director
        other = new_test_user(
            self.env, "cf_other", groups="service_lifecycle.group_phone_agent"
        )
        self.assertFalse(
            self.env["service.customer.file.access"].with_user(other).search([])
        )

    def test_json_rpc_as_the_agent(self):
        def call(method, args, kwargs=None, model="service.customer.file"):
            return self.make_jsonrpc_request(
                "/jsonrpc",
                execute_kw_params(self.env, self.agent, model, method, args, kwargs),
            )

        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            call("read", [self.file.ids, ["credit_description"]])
        self.assertEqual(
            call("search_read", [[]], {"fields": ["credit_description"]}), []
        )
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            call("write", [self.file.ids, {"credit_description": "x"}])
        access_id = call(
            "create",
            [{"partner_id": self.customer.id, "reason": "Renewal"}],
            model="service.customer.file.access",
        )
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            call(
                "write",
                [[access_id], {"state": "approved"}],
                model="service.customer.file.access",
            )
        self.env["service.customer.file.access"].browse(access_id).with_user(
            self.director
        ).action_approve()
        records = call("read", [self.file.ids, ["credit_description"]])
        self.assertEqual(records[0]["credit_description"], SECRET)
