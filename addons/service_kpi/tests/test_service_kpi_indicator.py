# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.convert import convert_file


@tagged("post_install", "-at_install")
class TestServiceKpiIndicator(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kpi_user = new_test_user(
            cls.env, "kpi_user", groups="service_kpi.group_kpi_user"
        )
        cls.kpi_manager = new_test_user(
            cls.env, "kpi_manager", groups="service_kpi.group_kpi_manager"
        )
        cls.vals = {
            "code": "CB_RATE",
            "name": "Callback rate",
            "unit": "percent",
            "better_when": "higher",
            "target": 80.0,
        }

    def test_manager_defines_user_reads(self):
        indicator = (
            self.env["service.kpi.indicator"]
            .with_user(self.kpi_manager)
            .create(self.vals)
        )
        self.assertEqual(
            indicator.with_user(self.kpi_user).read(["target"])[0]["target"], 80.0
        )
        with self.assertRaises(AccessError):
            indicator.with_user(self.kpi_user).write({"target": 50.0})
        with self.assertRaises(AccessError):
            self.env["service.kpi.indicator"].with_user(self.kpi_user).create(
                dict(self.vals, code="OTHER")
            )

    def test_code_unique_per_company(self):
        Indicator = self.env["service.kpi.indicator"]
        Indicator.create(self.vals)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                Indicator.create(self.vals)
        other_company = self.env["res.company"].create({"name": "Branch Company"})
        Indicator.create(dict(self.vals, company_id=other_company.id))


@tagged("post_install", "-at_install")
class TestIndicatorDefinitionsUpgrade(TransactionCase):
    """The indicators the module defines are noupdate (a company adjusts
    their targets); their names and descriptions are the module's and follow
    its upgrades, translations included."""

    def _upgrade(self):
        """What ``-u service_kpi`` does with the indicators: the module's data
        files in update mode, then its translations of the installed
        languages (without overwriting)."""
        for filename, noupdate in (
            ("data/service_kpi_indicator_data.xml", True),
            ("data/service_kpi_indicator_texts.xml", False),
        ):
            convert_file(
                self.env, "service_kpi", filename, {}, mode="update", noupdate=noupdate
            )
        self.env["ir.module.module"]._load_module_terms(["service_kpi"], ["zh_CN"])

    def test_update_refreshes_texts_and_keeps_targets(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["service_kpi"], ["zh_CN"])
        indicator = self.env.ref("service_kpi.service_kpi_indicator_callback_rate")
        current = {
            lang: indicator.with_context(lang=lang).read(["name", "description"])[0]
            for lang in ("en_US", "zh_CN")
        }
        self.assertEqual(current["zh_CN"]["name"], "回访率")
        # a database of an earlier version: older texts in both languages,
        # and the target the company adjusted
        indicator.with_context(lang="en_US").write(
            {"name": "Callback rate (all types)", "description": "Done ÷ due."}
        )
        indicator.with_context(lang="zh_CN").write(
            {"name": "回访率 - 全部类型", "description": "已访 ÷ 应访。"}
        )
        indicator.target = 75.0
        self._upgrade()
        indicator.invalidate_recordset()
        for lang in ("en_US", "zh_CN"):
            self.assertEqual(
                indicator.with_context(lang=lang).read(["name", "description"])[0],
                current[lang],
            )
        self.assertEqual(indicator.target, 75.0)
        # texts as the module words them: a second update changes nothing
        self.env.cr.execute(
            "SELECT name, description FROM service_kpi_indicator WHERE id = %s",
            [indicator.id],
        )
        before = self.env.cr.fetchone()
        self._upgrade()
        self.env.cr.execute(
            "SELECT name, description FROM service_kpi_indicator WHERE id = %s",
            [indicator.id],
        )
        self.assertEqual(self.env.cr.fetchone(), before)
