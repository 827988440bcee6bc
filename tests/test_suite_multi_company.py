# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Users of company A see nothing of company B in any of the suite's models:
for every model of the three addons that has a company, a record is created
in company B, then a user of company A holding every group of the suite
searches, counts, groups and reads."""

from itertools import count

from odoo import Command, models
from odoo.addons.service_lifecycle.tests.common import ServiceDeskCase
from odoo.exceptions import AccessError, MissingError
from odoo.tests import new_test_user, tagged

SUITE = ("service_lifecycle", "service_callback", "service_kpi")


@tagged("post_install", "-at_install")
class TestSuiteMultiCompany(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company_b = env["res.company"].create({"name": "Company B"})
        cls.env_b = env(
            context=dict(
                env.context,
                allowed_company_ids=cls.company_b.ids,
                mail_create_nolog=True,
            )
        )
        groups = env["res.groups"].search(
            [
                ("id", "in", cls._suite_xmlids("res.groups")),
            ]
        )
        cls.user_a = new_test_user(
            env,
            "mc_user_a",
            groups="base.group_user,sales_team.group_sale_manager,"
            "helpdesk_mgmt.group_helpdesk_manager,hr.group_hr_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.user_a.groups_id = [Command.link(g.id) for g in groups]
        # the models the suite defines, and the task order it builds on
        cls.models = sorted(
            {
                name
                for name in env["ir.model"]
                .browse(cls._suite_xmlids("ir.model"))
                .mapped("model")
                if name in env
                and env[name]._original_module in SUITE
                and not env[name]._abstract
                and not env[name]._transient
                and env[name]._auto
                and "company_id" in env[name]._fields
                and env[name]._fields["company_id"].store
            }
            | {"helpdesk.ticket"}
        )
        cls.cache = {}
        cls.counter = count(1)

    @classmethod
    def _suite_xmlids(cls, model):
        return (
            cls.env["ir.model.data"]
            .search([("module", "in", SUITE), ("model", "=", model)])
            .mapped("res_id")
        )

    # ------------------------------------------------------------------
    # A record in company B, whatever the model
    # ------------------------------------------------------------------
    def _in_b(self, model):
        if model in self.cache:
            return self.cache[model]
        Model = self.env_b[model]
        builder = getattr(self, "_b_" + model.replace(".", "_"), None)
        vals = builder() if builder else self._vals(model)
        record = vals if isinstance(vals, models.BaseModel) else Model.create(vals)
        self.cache[model] = record
        return record

    def _vals(self, model):
        Model = self.env_b[model]
        defaults = Model.default_get(list(Model._fields))
        vals = {}
        for name, field in Model._fields.items():
            if name == "company_id" and not field.related and not field.compute:
                vals[name] = self.company_b.id
                continue
            if not field.required or name in defaults or not field.store:
                continue
            if field.compute and not field.readonly:
                continue
            vals[name] = self._value(field)
        return vals

    def _value(self, field):
        if field.type == "many2one":
            comodel = self.env_b[field.comodel_name]
            if "company_id" in comodel._fields and comodel._fields["company_id"].store:
                if field.comodel_name in ("res.users", "res.partner"):
                    return comodel.search([], limit=1).id
                return self._in_b(field.comodel_name).id
            return comodel.search([], limit=1).id or comodel.create({"name": "B"}).id
        if field.type == "selection":
            return field.get_values(self.env)[0]
        return {
            "char": f"B{next(self.counter)}",
            "text": "B",
            "html": "<p>B</p>",
            "integer": 1,
            "float": 1.0,
            "monetary": 1.0,
            "date": "2025-06-02",
            "datetime": "2025-06-02 02:00:00",
            "boolean": True,
        }.get(field.type, False)

    def _b_helpdesk_ticket(self):
        team = self.env_b["helpdesk.ticket.team"].create(
            {"name": "B Hotline", "company_id": self.company_b.id}
        )
        return {
            "name": "B ticket",
            "description": "<p>B</p>",
            "partner_id": self.farmer.id,
            "team_id": team.id,
            "company_id": self.company_b.id,
            "request_type": "repair",
        }

    def _b_crm_lead(self):
        return {"name": "B lead", "company_id": self.company_b.id}

    def _b_customer(self):
        if "customer" not in self.cache:
            self.cache["customer"] = self.env_b["res.partner"].create(
                {"name": "B customer", "company_id": self.company_b.id}
            )
        return self.cache["customer"]

    def _b_service_customer_file(self):
        return {"partner_id": self._b_customer().id}

    def _b_service_customer_file_access(self):
        return {"partner_id": self._b_customer().id, "reason": "B"}

    def _b_sale_order(self):
        return {
            "partner_id": self.farmer.id,
            "company_id": self.company_b.id,
            "order_line": [Command.create({"product_id": self.tractor.id})],
        }

    def _b_sale_contract_department(self):
        # every company gets its departments when it is created
        department = self.env_b["sale.contract.department"].search(
            [("company_id", "=", self.company_b.id)], limit=1
        )
        return department or self._vals("sale.contract.department")

    def _b_sale_contract_copy(self):
        return {
            "order_id": self._in_b("sale.order").id,
            "department_id": self._in_b("sale.contract.department").id,
        }

    def _b_service_escalation(self):
        return {"ticket_id": self._in_b("helpdesk.ticket").id, "symptoms": "B"}

    def _b_sale_order_milestone(self):
        return dict(
            self._vals("sale.order.milestone"), order_id=self._in_b("sale.order").id
        )

    def _b_sale_order_acceptance(self):
        return dict(
            self._vals("sale.order.acceptance"), order_id=self._in_b("sale.order").id
        )

    def _b_service_callback_rule(self):
        # a team rule needs its members: the salesperson's rule needs nobody
        return dict(self._vals("service.callback.rule"), assign_to="salesperson")

    def _b_service_complaint_group(self):
        leader = new_test_user(
            self.env,
            f"mc_leader_b{next(self.counter)}",
            groups="service_lifecycle.group_complaint_handler",
            company_id=self.company_b.id,
            company_ids=[Command.set(self.company_b.ids)],
        )
        return dict(self._vals("service.complaint.group"), leader_id=leader.id)

    def _b_service_complaint_group_severity(self):
        # a complaint group comes with a rule per severity
        return self._in_b("service.complaint.group").severity_ids[:1]

    # ------------------------------------------------------------------
    def test_models_are_covered(self):
        for model in (
            "service.callback",
            "service.kpi.appraisal",
            "service.escalation",
            "crm.consultation",
            "sale.contract.copy",
            "service.warranty.policy",
        ):
            self.assertIn(model, self.models)

    def test_user_of_a_sees_nothing_of_b(self):
        for model in self.models:
            self.cache = {}
            with self.subTest(model=model), self.env.cr.savepoint():
                record = self._in_b(model)
                self.assertEqual(record.company_id, self.company_b, model)
                Model = self.env[model].with_user(self.user_a)
                if not Model.has_access("read"):
                    continue  # the model is not the user's at all
                domain = [("id", "=", record.id)]
                self.assertFalse(Model.search(domain), model)
                self.assertFalse(Model.search_count(domain), model)
                self.assertFalse(Model.with_context(active_test=False).search(domain))
                self.assertEqual(
                    Model._read_group(domain, aggregates=["__count"]), [(0,)]
                )
                self.assertNotIn(record.id, Model.search([]).ids)
                denied = False
                try:
                    record.with_user(self.user_a).read(["company_id"])
                except (AccessError, MissingError):
                    denied = True
                self.assertTrue(denied, f"{model}: a user of A reads a record of B")
                # even asking for company B in the context shows nothing
                Model_b = Model.with_context(allowed_company_ids=self.company_b.ids)
                with self.assertRaises(AccessError):
                    Model_b.search(domain)
