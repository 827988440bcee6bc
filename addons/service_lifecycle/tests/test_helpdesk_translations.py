# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""OCA's helpdesk_mgmt ships no Chinese: service_lifecycle brings it in
i18n_extra/zh_CN.po, so that its stages, fields, menus and views read in
Chinese like the rest of the desk."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestHelpdeskTranslations(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        # what Odoo does when service_lifecycle is installed or updated, or
        # zh_CN installed: helpdesk_mgmt itself brings no zh_CN file
        cls.env["ir.module.module"]._load_module_terms(
            ["helpdesk_mgmt", "service_lifecycle"], ["zh_CN"]
        )
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def test_stages_read_in_chinese(self):
        for xmlid, name in (
            ("helpdesk_mgmt.helpdesk_ticket_stage_new", "新建"),
            ("helpdesk_mgmt.helpdesk_ticket_stage_in_progress", "处理中"),
            ("helpdesk_mgmt.helpdesk_ticket_stage_awaiting", "待确认"),
            ("helpdesk_mgmt.helpdesk_ticket_stage_done", "已完成"),
        ):
            self.assertEqual(self.env.ref(xmlid).name, name)
        # English stays English
        stage = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        self.assertEqual(stage.with_context(lang="en_US").name, "New")

    def test_ticket_fields_and_menus_read_in_chinese(self):
        fields = self.env["helpdesk.ticket"].fields_get(
            ["tag_ids", "priority", "closed_date"], ["string", "selection"]
        )
        self.assertEqual(fields["tag_ids"]["string"], "标签")
        self.assertEqual(fields["closed_date"]["string"], "关闭日期")
        self.assertEqual(dict(fields["priority"]["selection"])["3"], "非常高")
        self.assertEqual(
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_config_main_menu").name, "配置"
        )
        channel = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        self.assertEqual(channel.name, "电话")
