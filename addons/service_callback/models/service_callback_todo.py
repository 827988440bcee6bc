# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Callbacks reach their people: whoever a callback is assigned to (by a rule
or by hand) may open their own callbacks without joining the callback
department (the group *Assigned Callbacks*, given on assignment), and gets a
to-do on the callback's due day: removed when the callback is done or
cancelled, moved with it when it is reassigned or rescheduled."""

import pytz

from odoo import api, fields, models
from odoo.addons.service_lifecycle.rules.figures import local_period_utc
from odoo.tools import SQL

TODO_TYPE = "service_callback.mail_activity_type_callback"


class ServiceCallback(models.Model):
    _inherit = "service.callback"

    @api.model_create_multi
    def create(self, vals_list):
        callbacks = super().create(vals_list)
        self._grant_assignee_access(callbacks.user_id.ids)
        callbacks._schedule_todos()
        return callbacks

    def write(self, vals):
        res = super().write(vals)
        if vals.get("user_id"):
            self._grant_assignee_access([vals["user_id"]])
        if {"state", "user_id", "due_datetime"} & set(vals):
            self._sync_todos()
        return res

    @api.model
    def _grant_assignee_access(self, user_ids):
        """Give the users (ids) the callbacks assigned to them: active
        internal users join *Assigned Callbacks* (the group implies only
        *Internal User*, which they have). One statement, as the planner
        assigns in bulk."""
        user_ids = [uid for uid in set(user_ids) if uid]
        if not user_ids:
            return
        group = self.env.ref("service_callback.group_callback_assignee")
        self.env["res.users"].flush_model(["active", "share"])
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO res_groups_users_rel (gid, uid)
                SELECT %s, u.id FROM res_users u
                 WHERE u.id = ANY(%s) AND u.active AND NOT u.share
                ON CONFLICT DO NOTHING
                """,
                group.id,
                user_ids,
            )
        )
        if self.env.cr.rowcount:
            self.env["res.users"].invalidate_model(["groups_id"])
            self.env["res.groups"].invalidate_model(["users"])
            # the access rights cached for these users (as res.users does
            # when their groups change)
            self.env.registry.clear_cache()
            self.env.registry.clear_cache("groups")

    def _todo_date(self):
        """The due day in the company's time zone."""
        self.ensure_one()
        tz = pytz.timezone(self.company_id._get_service_tz())
        return pytz.utc.localize(self.due_datetime).astimezone(tz).date()

    def _schedule_todos(self):
        """A to-do on the due day for the agent of each planned callback that
        has none."""
        todo_type = self.env.ref(TODO_TYPE)
        for callback in self.filtered(lambda c: c.state == "planned" and c.user_id):
            if todo_type in callback.sudo().activity_ids.activity_type_id:
                continue
            callback.sudo().activity_schedule(
                TODO_TYPE,
                date_deadline=callback._todo_date(),
                user_id=callback.user_id.id,
            )

    def _sync_todos(self):
        """Planned callbacks get their to-do for the (new) agent and due day;
        done and cancelled ones drop it. A done callback's to-do is removed,
        not marked done: the callback's own tracked move to *Done* is the
        record of the call, and a second "to-do done" message would cost
        every completion a rendered and notified post (make load: a third of
        the completion's time) for words the chatter already shows."""
        self.filtered(lambda c: c.state != "planned").sudo().activity_unlink(
            [TODO_TYPE]
        )
        self.filtered(lambda c: c.state == "planned")._schedule_todos()

    @api.model
    def _cron_schedule_todos(self):
        """Hourly: the to-dos of the callbacks the planner inserted (in SQL):
        each planned callback due by the end of the company's today gets its
        to-do. Idempotent."""
        todo_type = self.env.ref(TODO_TYPE)
        companies = self.env["res.company"].search([])
        for done, company in enumerate(companies, start=1):
            today = fields.Date.context_today(
                self.with_context(tz=company._get_service_tz())
            )
            day_end = local_period_utc(today, today, company._get_service_tz())[1]
            callbacks = self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "planned"),
                    ("user_id", "!=", False),
                    ("due_datetime", "<", day_end),
                    (
                        "activity_ids",
                        "not any",
                        [("activity_type_id", "=", todo_type.id)],
                    ),
                ]
            )
            self._grant_assignee_access(callbacks.user_id.ids)
            callbacks._schedule_todos()
            self.env["ir.cron"]._notify_progress(
                done=done, remaining=len(companies) - done
            )
