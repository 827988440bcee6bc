# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSecurityGroups(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env, "sl_agent", groups="service_lifecycle.group_phone_agent"
        )
        cls.technician = new_test_user(
            cls.env, "sl_tech", groups="service_lifecycle.group_hotline_technician"
        )
        cls.manager = new_test_user(
            cls.env, "sl_manager", groups="service_lifecycle.group_service_manager"
        )
        cls.finance = new_test_user(
            cls.env, "sl_finance", groups="service_lifecycle.group_finance_reader"
        )
        cls.logistics = new_test_user(
            cls.env, "sl_logistics", groups="service_lifecycle.group_logistics_reader"
        )
        cls.root_menu = cls.env.ref("service_lifecycle.service_lifecycle_menu_root")
        cls.config_menu = cls.env.ref("service_lifecycle.service_lifecycle_menu_config")

    def _visible(self, user, menu):
        return menu.id in self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_roles_are_chained(self):
        self.assertTrue(
            self.technician.has_group("service_lifecycle.group_phone_agent")
        )
        for group in (
            "service_lifecycle.group_hotline_technician",
            "service_lifecycle.group_technical_center",
            "service_lifecycle.group_complaint_handler",
            "helpdesk_mgmt.group_helpdesk_manager",
        ):
            self.assertTrue(self.manager.has_group(group), group)
        self.assertFalse(
            self.agent.has_group("service_lifecycle.group_hotline_technician")
        )

    def test_after_sales_menu_per_role(self):
        self.assertTrue(self._visible(self.agent, self.root_menu))
        self.assertFalse(self._visible(self.agent, self.config_menu))
        self.assertTrue(self._visible(self.manager, self.config_menu))
        for reader in (self.finance, self.logistics):
            self.assertFalse(self._visible(reader, self.root_menu))

    def test_phone_agent_works_on_task_orders(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .create({"name": "Tractor does not start", "description": "No ignition"})
        )
        self.assertEqual(ticket.create_uid, self.agent)

    def test_readers_see_nothing_of_sales_or_service(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .create({"name": "Harvester leaks oil", "description": "Oil under engine"})
        )
        for reader in (self.finance, self.logistics):
            for model in ("sale.order", "crm.lead", "repair.order"):
                with self.assertRaises(AccessError, msg=f"{reader.login} {model}"):
                    self.env[model].with_user(reader).check_access("read")
            # helpdesk lets every internal user reach the tickets they follow,
            # so the rule that matters is that they see no one else's.
            Ticket = self.env["helpdesk.ticket"].with_user(reader)
            self.assertFalse(Ticket.search([("id", "=", ticket.id)]))
            with self.assertRaises(AccessError):
                ticket.with_user(reader).read(["name"])
