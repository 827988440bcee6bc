# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import Counter, defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.service_lifecycle.rules import figures
from odoo.exceptions import UserError, ValidationError


class ServiceCallbackPlan(models.TransientModel):
    """The callback plan 回访计划 of a period: the callbacks planned in it,
    by person, purpose and method, printable (the plan the agents prepare
    their callbacks from), in the reader's language. It reads the callbacks
    the user may see: an agent's own, a supervisor's team's."""

    _name = "service.callback.plan"
    _description = "Callback Plan"

    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_dates()[0]
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: self._default_dates()[1]
    )
    user_ids = fields.Many2many(
        "res.users",
        string="People",
        domain="[('share', '=', False)]",
        help="Leave empty for everyone whose callbacks you see.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    callback_count = fields.Integer(compute="_compute_callback_count")

    @api.model
    def _default_dates(self):
        """The coming week (Monday to Sunday) in the company's days."""
        today = self.env.company._local_day(fields.Datetime.now())
        start = today - timedelta(days=today.weekday())
        return start, start + timedelta(days=6)

    @api.depends("date_from", "date_to", "user_ids", "company_id")
    def _compute_callback_count(self):
        for plan in self:
            plan.callback_count = (
                len(plan._planned_callbacks()) if plan.date_from and plan.date_to else 0
            )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for plan in self:
            if plan.date_to < plan.date_from:
                raise ValidationError(
                    self.env._("The callback plan ends before it starts.")
                )

    def _planned_domain(self):
        self.ensure_one()
        start, end = figures.local_period_utc(
            self.date_from, self.date_to, self.company_id._get_service_tz()
        )
        domain = [
            ("state", "=", "planned"),
            ("company_id", "=", self.company_id.id),
            ("due_datetime", ">=", start),
            ("due_datetime", "<", end),
        ]
        if self.user_ids:
            domain.append(("user_id", "in", self.user_ids.ids))
        return domain

    def _planned_callbacks(self):
        return self.env["service.callback"].search(
            self._planned_domain(), order="user_id, due_datetime, id"
        )

    def _plan_sections(self):
        """[{person, callbacks, purposes: [(purpose label, method label,
        count)]}] of the plan, one section per person, in the reader's
        language (selection labels translated at read time)."""
        self.ensure_one()
        Callback = self.env["service.callback"]
        types = dict(Callback._fields["callback_type"]._description_selection(self.env))
        methods = dict(Callback._fields["method"]._description_selection(self.env))
        by_user = defaultdict(lambda: Callback)
        for callback in self._planned_callbacks():
            by_user[callback.user_id] |= callback
        sections = []
        for user, callbacks in sorted(
            by_user.items(), key=lambda item: item[0].name or ""
        ):
            counts = Counter((c.callback_type, c.method) for c in callbacks)
            sections.append(
                {
                    "person": user.name or self.env._("Unassigned"),
                    "callbacks": callbacks,
                    "purposes": [
                        (types.get(kind, kind), methods.get(method, method), count)
                        for (kind, method), count in sorted(counts.items())
                    ],
                }
            )
        return sections

    def _plan_totals(self):
        """[(purpose label, method label, count)] of the whole plan."""
        self.ensure_one()
        totals = Counter()
        for section in self._plan_sections():
            for purpose, method, count in section["purposes"]:
                totals[(purpose, method)] += count
        return [(p, m, n) for (p, m), n in sorted(totals.items())]

    def action_print(self):
        self.ensure_one()
        if not self._planned_callbacks():
            raise UserError(
                self.env._("No callback is planned in this period for these people.")
            )
        return self.env.ref(
            "service_callback.service_callback_action_report_plan"
        ).report_action(self)

    def action_view_callbacks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_callback.service_callback_action"
        )
        action.update(
            {
                "name": self.env._("Callback Plan"),
                "domain": self._planned_domain(),
                "context": {
                    "group_by": ["user_id", "callback_type"],
                },
                "view_mode": "list,form,calendar",
                "views": [(False, "list"), (False, "form"), (False, "calendar")],
            }
        )
        return action
