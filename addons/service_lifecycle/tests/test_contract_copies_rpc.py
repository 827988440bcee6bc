# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The same access rules, as a finance reader's browser or script sees them:
through the web client's JSON-RPC route and the external /jsonrpc API."""

from odoo.tests import HttpCase, JsonRpcException, tagged

from .common import SalesLifecycleCommon, execute_kw_params


@tagged("post_install", "-at_install")
class TestContractCopyRpc(SalesLifecycleCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._signed_order()
        copies = cls.order.contract_copy_ids
        cls.finance_copy = copies.filtered(
            lambda c: c.department_id == cls.finance_department
        )
        cls.logistics_copy = copies.filtered(
            lambda c: c.department_id == cls.logistics_department
        )

    def _call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def _execute_kw(self, user, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/jsonrpc", execute_kw_params(self.env, user, model, method, args, kwargs)
        )

    def test_web_client_rpc_as_finance_reader(self):
        self.authenticate(self.finance.login, self.finance.login)
        records = self._call_kw(
            "sale.contract.copy",
            "search_read",
            [[]],
            {"fields": ["order_ref", "amount_total", "state"]},
        )
        self.assertEqual([r["id"] for r in records], self.finance_copy.ids)
        self.assertEqual(records[0]["order_ref"], self.order.name)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call_kw(
                "sale.contract.copy", "read", [self.logistics_copy.ids, ["order_ref"]]
            )
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call_kw("sale.order", "search_read", [[]], {"fields": ["name"]})
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call_kw("sale.order", "read", [self.order.ids, ["amount_total"]])
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call_kw(
                "sale.contract.copy",
                "write",
                [self.finance_copy.ids, {"amount_total": 1.0}],
            )
        self._call_kw(
            "sale.contract.copy", "action_acknowledge", [self.finance_copy.ids]
        )
        self.assertEqual(self.finance_copy.state, "acknowledged")
        self.assertEqual(self.finance_copy.acknowledged_by_id, self.finance)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call_kw(
                "sale.contract.copy", "action_acknowledge", [self.logistics_copy.ids]
            )
        self.assertEqual(self.logistics_copy.state, "sent")

    def test_external_api_as_logistics_reader(self):
        ids = self._execute_kw(self.logistics, "sale.contract.copy", "search", [[]])
        self.assertEqual(ids, self.logistics_copy.ids)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._execute_kw(
                self.logistics, "sale.contract.copy", "read", [self.finance_copy.ids]
            )
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._execute_kw(self.logistics, "sale.order", "search", [[]])
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._execute_kw(
                self.logistics,
                "sale.contract.copy",
                "write",
                [self.logistics_copy.ids, {"delivery_date": "2030-01-01"}],
            )
        self.assertEqual(str(self.logistics_copy.delivery_date), "2026-03-20")
