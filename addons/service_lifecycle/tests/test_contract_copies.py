# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import SalesLifecycleCommon


@tagged("post_install", "-at_install")
class TestContractCopyAccess(SalesLifecycleCommon):
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

    def test_finance_reader_reads_its_copy_only(self):
        Copy = self.env["sale.contract.copy"].with_user(self.finance)
        self.assertEqual(Copy.search([]), self.finance_copy)
        values = self.finance_copy.with_user(self.finance).read(
            [
                "order_ref",
                "amount_total",
                "delivery_date",
                "payment_term_id",
                "signed_scan",
            ]
        )[0]
        self.assertEqual(values["order_ref"], self.order.name)
        self.assertEqual(values["amount_total"], 50000.0)
        self.assertEqual(values["payment_term_id"][0], self.payment_term.id)
        self.assertTrue(values["signed_scan"])
        with self.assertRaises(AccessError):
            self.logistics_copy.with_user(self.finance).read(["order_ref"])

    def test_logistics_reader_reads_its_copy_only(self):
        Copy = self.env["sale.contract.copy"].with_user(self.logistics)
        self.assertEqual(Copy.search([]), self.logistics_copy)
        with self.assertRaises(AccessError):
            self.finance_copy.with_user(self.logistics).read(["amount_total"])

    def test_readers_cannot_read_orders_leads_or_tickets(self):
        for reader in (self.finance, self.logistics):
            with self.assertRaises(AccessError, msg=reader.login):
                self.order.with_user(reader).read(["name"])
            for model in (
                "sale.order",
                "sale.order.line",
                "crm.lead",
                "crm.consultation",
            ):
                with self.assertRaises(AccessError, msg=f"{reader.login} {model}"):
                    self.env[model].with_user(reader).search([])
            # the order behind the copy stays out of reach through the copy too
            with self.assertRaises(AccessError):
                self.finance_copy.with_user(reader).order_id.read(["amount_total"])

    def test_readers_cannot_write_create_or_delete_copies(self):
        copy = self.finance_copy.with_user(self.finance)
        with self.assertRaises(AccessError):
            copy.write({"amount_total": 1.0})
        with self.assertRaises(AccessError):
            copy.write({"state": "acknowledged"})
        with self.assertRaises(AccessError):
            copy.unlink()
        with self.assertRaises(AccessError):
            self.env["sale.contract.copy"].with_user(self.finance).create(
                {"order_id": self.order.id, "department_id": self.finance_department.id}
            )
        self.assertEqual(self.finance_copy.amount_total, 50000.0)

    def test_reader_acknowledges_receipt(self):
        self.finance_copy.with_user(self.finance).action_acknowledge()
        self.assertEqual(self.finance_copy.state, "acknowledged")
        self.assertEqual(self.finance_copy.acknowledged_by_id, self.finance)
        self.assertTrue(self.finance_copy.acknowledged_date)
        # sales sees who acknowledged, on the order
        order = self.order.with_user(self.salesman)
        self.assertEqual(order.contract_copy_acknowledged_count, 1)
        acknowledged = order.contract_copy_ids.filtered(
            lambda c: c.state == "acknowledged"
        )
        self.assertEqual(acknowledged.acknowledged_by_id, self.finance)
        self.assertEqual(self.logistics_copy.state, "sent")

    def test_reader_cannot_acknowledge_another_departments_copy(self):
        with self.assertRaises(AccessError):
            self.logistics_copy.with_user(self.finance).action_acknowledge()
        # a salesperson reads every copy of their order but acknowledges none
        with self.assertRaises(AccessError):
            self.finance_copy.with_user(self.salesman).action_acknowledge()
        self.assertEqual(self.logistics_copy.state, "sent")
        self.assertEqual(self.finance_copy.state, "sent")

    def test_salesperson_reads_copies_of_own_orders_only(self):
        other_salesman = self.salesman.copy({"login": "sl_other_salesman"})
        self.assertFalse(
            self.env["sale.contract.copy"].with_user(other_salesman).search([])
        )
        self.assertEqual(
            self.env["sale.contract.copy"].with_user(self.salesman).search([]),
            self.order.contract_copy_ids,
        )

    def test_readers_menu(self):
        root = self.env.ref("service_lifecycle.sale_contract_copy_menu_root")
        for reader in (self.finance, self.logistics):
            visible = self.env["ir.ui.menu"].with_user(reader)._visible_menu_ids()
            self.assertIn(root.id, visible)
            for xmlid in ("sale.sale_menu_root", "crm.crm_menu_root"):
                self.assertNotIn(self.env.ref(xmlid).id, visible, xmlid)
        visible = self.env["ir.ui.menu"].with_user(self.salesman)._visible_menu_ids()
        self.assertNotIn(root.id, visible)

    def test_reader_opens_the_copy_form(self):
        with Form(self.finance_copy.with_user(self.finance)) as form:
            self.assertEqual(form.order_ref, self.order.name)
            self.assertEqual(form.department_id, self.finance_department)
            # the order itself is not on the reader's form
            self.assertNotIn("order_id", form._view["fields"])
        with Form(self.order.with_user(self.salesman)) as form:
            self.assertEqual(form.contract_state, "distributed")
            self.assertEqual(len(form.contract_copy_ids), 4)
