# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared fixtures of the pre-sale and in-sale tests: users with the lowest
rights of each role, a customer, products, and builders that take an order
through requirements, legal review and signing."""

import base64
from datetime import datetime

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

SIGNED_SCAN = base64.b64encode(b"%PDF-1.4 signed contract scan")


class SalesLifecycleCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {"contract_review_required": True, "cost_analysis_threshold": 100000.0}
        )
        cls.salesman = new_test_user(
            cls.env,
            "sl_salesman",
            groups="sales_team.group_sale_salesman,stock.group_stock_user",
            name="Sally Sales",
        )
        cls.sales_manager = new_test_user(
            cls.env, "sl_sales_manager", groups="sales_team.group_sale_manager"
        )
        cls.reviewer = new_test_user(
            cls.env,
            "sl_legal",
            groups="service_lifecycle.group_legal_reviewer",
            name="Lena Legal",
        )
        cls.finance = new_test_user(
            cls.env,
            "sl_finance_reader",
            groups="service_lifecycle.group_finance_reader",
        )
        cls.logistics = new_test_user(
            cls.env,
            "sl_logistics_reader",
            groups="service_lifecycle.group_logistics_reader",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Hebei Golden Wheat Farm Cooperative",
                "email": "farm@example.com",
                "is_company": True,
            }
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Combine Harvester KT-300",
                "type": "consu",
                "is_storable": True,
                "list_price": 50000.0,
                # amounts in the tests are tax-free, whatever the chart of accounts
                "taxes_id": [Command.clear()],
            }
        )
        cls.payment_term = cls.env.ref("account.account_payment_term_30days")
        cls.departments = cls.env["sale.contract.department"].search(
            [("company_id", "=", cls.company.id)]
        )
        cls.finance_department = cls.env.ref(
            "service_lifecycle.sale_contract_department_finance"
        )
        cls.logistics_department = cls.env.ref(
            "service_lifecycle.sale_contract_department_logistics"
        )

    @classmethod
    def _create_order(cls, quantity=1, price=50000.0, requirements=True):
        order = (
            cls.env["sale.order"]
            .with_user(cls.salesman)
            .create(
                {
                    "partner_id": cls.customer.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": cls.product.id,
                                "product_uom_qty": quantity,
                                "price_unit": price,
                            }
                        )
                    ],
                }
            )
        )
        if requirements:
            order.write(
                {
                    "commitment_date": datetime(2026, 3, 20, 8, 0),
                    "quality_standard": "GB/T 8097 harvester quality standard",
                    "acceptance_method": "Trial harvest of 10 ha on the field",
                    "payment_term_id": cls.payment_term.id,
                }
            )
        return order

    @classmethod
    def _approved_order(cls, **kwargs):
        order = cls._create_order(**kwargs)
        order.action_confirm_requirements()
        order.action_contract_submit()
        order.with_user(cls.reviewer).action_contract_approve()
        return order

    @classmethod
    def _fill_signatures(cls, order, scan=True):
        order.write(
            {
                "contract_customer_signatory": "Wang Jianguo",
                "contract_customer_sign_date": "2026-03-02",
                "contract_company_signatory_id": cls.salesman.id,
                "contract_company_sign_date": "2026-03-03",
                "contract_signed_scan": SIGNED_SCAN if scan else False,
                "contract_signed_scan_filename": "signed.pdf" if scan else False,
            }
        )

    @classmethod
    def _signed_order(cls, **kwargs):
        order = cls._approved_order(**kwargs)
        cls._fill_signatures(order)
        order.action_contract_sign()
        return order
