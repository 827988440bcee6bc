# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.service_lifecycle.rules import figures
from odoo.addons.service_lifecycle.rules.names import neutral_name

from ..rules import sales_week

SALESPERSON = "sales_team.group_sale_salesman"


class ServiceCallbackWeek(models.Model):
    """One salesperson's week of the sales callback routine: the week's
    schedule (the callbacks due), its statistics (deals, new customers,
    callbacks made; reported every Monday), calls in batches at least every
    2 days, and at least one visit booked a week. The week runs from Saturday
    to Friday (the sources book visits "from Saturday to the next Friday").
    A week without a booked visit, or with a longer gap between calls, is
    flagged, and the salesperson's manager gets a to-do."""

    _name = "service.callback.week"
    _description = "Weekly Sales Callback Routine"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "service.callback.team.mixin",
    ]
    _order = "week_start desc, user_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        index=True,
        domain="[('share', '=', False)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    week_start = fields.Date(
        required=True, index=True, help="The Saturday the week starts on."
    )
    week_end = fields.Date(compute="_compute_week_end", store=True)
    planned_count = fields.Integer(
        string="Scheduled", readonly=True, help="Callbacks due in the week."
    )
    done_count = fields.Integer(string="Made", readonly=True)
    valid_count = fields.Integer(string="Valid", readonly=True)
    new_customer_count = fields.Integer(
        string="New Customers", readonly=True, help="Leads created in the week."
    )
    deal_count = fields.Integer(
        string="Deals", readonly=True, help="Leads won in the week."
    )
    visit_booked_count = fields.Integer(
        string="Visits Booked",
        readonly=True,
        help="Appointments booked in the week on the salesperson's callbacks.",
    )
    longest_gap = fields.Integer(
        string="Longest Gap (Days)",
        readonly=True,
        help="The most days in a row of the week without a call made.",
    )
    no_visit_booked = fields.Boolean(
        string="No Visit Booked",
        readonly=True,
        index=True,
        help="No visit was booked in the week (at least one a week).",
    )
    calls_too_rare = fields.Boolean(
        string="Calls Less Often Than Every 2 Days",
        readonly=True,
        index=True,
    )
    checked_on = fields.Datetime(readonly=True)

    _sql_constraints = [
        (
            "user_week_uniq",
            "UNIQUE(user_id, week_start, company_id)",
            "A salesperson has one routine sheet per week.",
        ),
    ]

    @api.depends("user_id", "week_start")
    def _compute_name(self):
        for week in self:
            # stored: in no one's language (the person and the ISO Monday)
            week.name = neutral_name(week.user_id.name, week.week_start)

    @api.depends("week_start")
    def _compute_week_end(self):
        for week in self:
            week.week_end = (
                week.week_start + timedelta(days=6) if week.week_start else False
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("week_start"):
                vals["week_start"] = sales_week.week_start(
                    fields.Date.to_date(vals["week_start"])
                )
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # figures
    # ------------------------------------------------------------------
    def _refresh(self):
        """Count the week's figures from the callbacks and leads, and flag
        what the routine misses."""
        Callback = self.env["service.callback"].sudo()
        Lead = self.env["crm.lead"].sudo().with_context(active_test=False)
        now = fields.Datetime.now()
        for week in self:
            tz = week.company_id._get_service_tz()
            start, end = figures.local_period_utc(week.week_start, week.week_end, tz)
            mine = [
                ("user_id", "=", week.user_id.id),
                ("company_id", "=", week.company_id.id),
            ]
            done = Callback.search_fetch(
                [
                    *mine,
                    ("state", "=", "done"),
                    ("done_datetime", ">=", start),
                    ("done_datetime", "<", end),
                ],
                ["done_datetime", "is_valid"],
            )
            call_days = {figures.local_day(c.done_datetime, tz) for c in done}
            # a week not over yet is measured up to today
            last_day = min(week.week_end, week.company_id._local_day(now))
            gap = sales_week.longest_gap(week.week_start, last_day, call_days)
            booked = Callback.search_count(
                [
                    *mine,
                    ("appointment_booked_on", ">=", start),
                    ("appointment_booked_on", "<", end),
                ]
            )
            leads = [
                ("user_id", "=", week.user_id.id),
                ("company_id", "in", [week.company_id.id, False]),
            ]
            week.write(
                {
                    "planned_count": Callback.search_count(
                        [
                            *mine,
                            ("state", "!=", "cancelled"),
                            ("due_datetime", ">=", start),
                            ("due_datetime", "<", end),
                        ]
                    ),
                    "done_count": len(done),
                    "valid_count": len(done.filtered("is_valid")),
                    "new_customer_count": Lead.search_count(
                        [
                            *leads,
                            ("create_date", ">=", start),
                            ("create_date", "<", end),
                        ]
                    ),
                    "deal_count": Lead.search_count(
                        [
                            *leads,
                            ("stage_id.is_won", "=", True),
                            ("date_closed", ">=", start),
                            ("date_closed", "<", end),
                        ]
                    ),
                    "visit_booked_count": booked,
                    "longest_gap": gap,
                    "no_visit_booked": not booked,
                    "calls_too_rare": gap > sales_week.MAX_GAP_DAYS,
                    "checked_on": now,
                }
            )

    @api.model
    def _ensure_weeks(self, day, users=None):
        """The routine sheets of the week of ``day`` (the company's local
        day) for ``users`` (by default every salesperson), created when
        missing, and refreshed."""
        company = self.env.company
        start = sales_week.week_start(day)
        if users is None:
            users = (
                self.env.ref(SALESPERSON)
                .sudo()
                .users.filtered(
                    lambda u: not u.share and u.active and company in u.company_ids
                )
            )
        existing = self.sudo().search(
            [
                ("week_start", "=", start),
                ("company_id", "=", company.id),
                ("user_id", "in", users.ids),
            ]
        )
        missing = users - existing.user_id
        weeks = existing | self.sudo().create(
            [
                {"user_id": user.id, "week_start": start, "company_id": company.id}
                for user in missing
            ]
        )
        weeks._refresh()
        return weeks

    @api.model
    def _cron_check_weeks(self):
        """Every day: refresh this week's sheets; on Saturday the week just
        ended is closed: the flagged ones go to the salesperson's manager."""
        for company in self.env["res.company"].search([]):
            self_company = self.with_company(company)
            today = company._local_day(fields.Datetime.now())
            self_company._ensure_weeks(today)
            if today == sales_week.week_start(today):
                ended = self_company._ensure_weeks(today - timedelta(days=1))
                ended._notify_flagged()
        return True

    def _notify_flagged(self):
        """A to-do for the manager of each salesperson whose week missed the
        routine (the employee's manager, else the sales team's leader)."""
        for week in self.filtered(lambda w: w.no_visit_booked or w.calls_too_rare):
            manager = week._manager_user()
            if not manager:
                continue
            week.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=manager.id,
                # in the manager's language, not the cron's
                summary=week.with_context(lang=manager.lang).env._(
                    "Weekly callback routine missed"
                ),
            )

    def _manager_user(self):
        self.ensure_one()
        employee = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("user_id", "=", self.user_id.id),
                    ("company_id", "=", self.company_id.id),
                ],
                limit=1,
            )
        )
        manager = (employee.parent_id or employee.department_id.manager_id).user_id
        if manager and manager != self.user_id:
            return manager
        team = self.user_id.sudo().sale_team_id
        return team.user_id if team.user_id != self.user_id else self.env["res.users"]

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    @api.model
    def action_check_this_week(self):
        """Salesperson: my sheet of this week; a sales manager or callback
        supervisor: every salesperson's."""
        today = self.env.company._local_day(fields.Datetime.now())
        user = self.env.user
        everyone = user.has_group("sales_team.group_sale_manager") or user.has_group(
            "service_callback.group_callback_supervisor"
        )
        weeks = self._ensure_weeks(today, None if everyone else user)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_callback.service_callback_week_action"
        )
        action["domain"] = [("id", "in", weeks.ids)]
        return action

    @api.readonly
    def action_view_schedule(self):
        """The week's schedule: the salesperson's callbacks due in the week."""
        self.ensure_one()
        tz = self.company_id._get_service_tz()
        start, end = figures.local_period_utc(self.week_start, self.week_end, tz)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_callback.service_callback_action"
        )
        action.update(
            {
                "name": self.env._("Weekly Schedule"),
                "domain": [
                    ("user_id", "=", self.user_id.id),
                    ("due_datetime", ">=", start),
                    ("due_datetime", "<", end),
                ],
                "context": {"group_by": ["due_datetime:day"]},
            }
        )
        return action
