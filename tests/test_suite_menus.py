# Each department role sees its own top menu and no other department's.
from suite_case import SuiteCase

from odoo.tests import new_test_user

ROOTS = {
    "after_sales": "service_lifecycle.service_lifecycle_menu_root",
    "callbacks": "service_callback.service_callback_menu_root",
    "appraisal": "service_kpi.service_kpi_menu_root",
    "contract_copies": "service_lifecycle.sale_contract_copy_menu_root",
    "contract_review": "service_lifecycle.sale_order_menu_contract_review_root",
}
# role group -> the top menus it must see; every other suite menu stays hidden
EXPECTED = {
    "service_lifecycle.group_phone_agent": {"after_sales"},
    "service_lifecycle.group_information_coordinator": {"after_sales"},
    "service_lifecycle.group_hotline_technician": {"after_sales"},
    "service_lifecycle.group_repair_coordinator": {"after_sales"},
    "service_lifecycle.group_technical_center": {"after_sales"},
    "service_lifecycle.group_complaint_handler": {"after_sales"},
    "service_lifecycle.group_service_manager": {"after_sales"},
    "service_callback.group_callback_assignee": {"callbacks"},
    "service_callback.group_callback_agent": {"callbacks"},
    "service_callback.group_callback_supervisor": {"callbacks"},
    "service_callback.group_callback_manager": {"callbacks"},
    "service_kpi.group_kpi_user": {"appraisal"},
    "service_kpi.group_kpi_manager": {"appraisal"},
    "service_lifecycle.group_finance_reader": {"contract_copies"},
    "service_lifecycle.group_logistics_reader": {"contract_copies"},
    "service_lifecycle.group_legal_reviewer": {"contract_review"},
    "base.group_user": set(),
}


class TestSuiteMenus(SuiteCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roots = {key: cls.env.ref(xmlid).id for key, xmlid in ROOTS.items()}

    def _visible_roots(self, user):
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        return {key for key, menu_id in self.roots.items() if menu_id in visible}

    def test_each_role_sees_its_own_top_menu(self):
        for index, (group, expected) in enumerate(EXPECTED.items()):
            user = new_test_user(self.env, f"menu_user_{index}", groups=group)
            with self.subTest(group=group):
                self.assertEqual(self._visible_roots(user), expected)

    def test_readers_see_no_sales_crm_or_service_menu(self):
        reader = new_test_user(
            self.env, "menu_finance", groups="service_lifecycle.group_finance_reader"
        )
        visible = self.env["ir.ui.menu"].with_user(reader)._visible_menu_ids()
        for xmlid in (
            "sale.sale_menu_root",
            "crm.crm_menu_root",
            "helpdesk_mgmt.helpdesk_ticket_main_menu",
            "repair.menu_repair_order",
        ):
            self.assertNotIn(self.env.ref(xmlid).id, visible, xmlid)
