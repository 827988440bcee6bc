# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger


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
