# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The suite's read-only entry points are marked ``@api.readonly``, so that
with ``db_replica_host`` set Odoo serves them on a read replica (the web
client's ``/web/dataset/call_kw`` and ``call_button`` read the mark through
the model's classes, ``_call_kw_readonly``), and they do not write: called in
a read-only transaction, they succeed. Methods that write are not marked
(they would fail on the replica and be retried on the primary)."""

from contextlib import closing

from suite_case import SuiteCase

from odoo.addons.service_callback.controllers.portal import CallbackPortal

READONLY_METHODS = [
    ("helpdesk.ticket", "action_view_knowledge"),
    ("helpdesk.ticket", "action_view_repairs"),
    ("helpdesk.ticket", "action_view_escalations"),
    ("helpdesk.ticket", "action_view_complaint_source"),
    ("crm.lead", "action_view_consultations"),
    ("crm.lead", "action_view_solutions"),
    ("res.partner", "action_view_consultations"),
    ("res.partner", "action_view_callbacks"),
    ("res.partner", "action_view_callback_suggestions"),
    ("crm.lead", "action_view_callback_suggestions"),
    ("service.callback.week", "action_view_schedule"),
    ("sale.order", "action_view_contract_copies"),
    ("sale.order", "action_view_acceptance_tickets"),
    ("sale.order.acceptance", "action_view_tickets"),
    ("service.complaint.group", "action_view_complaints"),
    ("repair.order", "action_view_ticket"),
    ("service.callback", "action_view_tickets"),
    ("service.callback", "action_view_expenses"),
    ("service.callback.rule", "action_view_callbacks"),
    ("service.kpi.value", "action_open_records"),
    ("service.kpi.indicator", "action_open_values"),
    ("service.kpi.appraisal.line", "action_open_records"),
    ("service.kpi.appraisal", "action_print"),
]
WRITING_METHODS = [
    ("service.callback", "action_done"),
    ("service.callback", "action_open_problem_ticket"),
    ("helpdesk.ticket", "action_submit_intake"),
    ("service.kpi.appraisal", "action_review"),
]


def call_kw_readonly(registry, model, method):
    """What the web client's call_kw route decides (web's DataSet
    ``_call_kw_readonly``): the first class of the model defining the method
    with a ``_readonly`` mark."""
    for cls in registry[model].mro():
        function = getattr(cls, method, None)
        if function is not None and hasattr(function, "_readonly"):
            return function._readonly
    return False


class TestSuiteReadonly(SuiteCase):
    def test_marked_readonly(self):
        for model, method in READONLY_METHODS:
            with self.subTest(model=model, method=method):
                self.assertTrue(call_kw_readonly(self.registry, model, method))
        for model, method in WRITING_METHODS:
            with self.subTest(model=model, method=method):
                self.assertFalse(call_kw_readonly(self.registry, model, method))

    def test_portal_list_readonly(self):
        self.assertIs(
            CallbackPortal.portal_my_callbacks.original_routing.get("readonly"), True
        )
        # the record page may give the record its access token, the
        # signature writes: on the primary
        for method in (
            CallbackPortal.portal_callback_page,
            CallbackPortal.portal_callback_sign,
        ):
            self.assertFalse(method.original_routing.get("readonly"))

    def _assert_reads_only(self, record, method):
        """``record.method()`` in a read-only transaction: any write fails."""
        self.env.flush_all()
        with closing(self.env.cr.savepoint(flush=False)):
            self.env.cr.execute("SET TRANSACTION READ ONLY")
            action = getattr(record, method)()
            self.env.flush_all()
        self.assertIsInstance(action, dict)

    def test_do_not_write(self):
        env = self.env
        partner = env["res.partner"].create({"name": "Readonly Farm"})
        team = env["helpdesk.ticket.team"].create({"name": "Readonly Desk"})
        ticket = env["helpdesk.ticket"].create(
            {
                "name": "Readonly ticket",
                "description": "<p>Engine stalls</p>",
                "partner_id": partner.id,
                "team_id": team.id,
                "request_type": "repair",
                "duplicate_confirmed": True,
            }
        )
        lead = env["crm.lead"].create({"name": "Readonly lead"})
        callback = env["service.callback"].create(
            {"partner_id": partner.id, "purpose": "Readonly"}
        )
        indicator = env["service.kpi.indicator"].search(
            [("measure", "!=", False)], limit=1
        )
        value = env["service.kpi.value"].create(
            {
                "indicator_id": indicator.id,
                "company_id": env.company.id,
                "period_type": "month",
                "date_from": "2025-06-01",
                "date_to": "2025-06-30",
                "level": "company",
            }
        )
        records = {
            "helpdesk.ticket": ticket,
            "crm.lead": lead,
            "res.partner": partner,
            "service.callback": callback,
            "service.callback.rule": env["service.callback.rule"].search([], limit=1),
            "service.kpi.value": value,
            "service.kpi.indicator": indicator,
        }
        called = 0
        for model, method in READONLY_METHODS:
            # (the complaint's source button shows on a complaint with one,
            # the lead's suggestions on a lead with a customer)
            if model not in records or (model, method) in (
                ("helpdesk.ticket", "action_view_complaint_source"),
                ("crm.lead", "action_view_callback_suggestions"),
            ):
                continue
            with self.subTest(model=model, method=method):
                self.assertTrue(records[model], f"a {model} to call {method} on")
                self._assert_reads_only(records[model], method)
                called += 1
        self.assertEqual(called, 13)
        # a method that writes fails in the same read-only transaction: the
        # check above can fail
        with self.assertRaisesRegex(Exception, "read-only transaction"):
            self._assert_reads_only(callback, "action_open_problem_ticket")
