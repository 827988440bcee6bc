# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models


class ServiceFeedbackChannel(models.Model):
    """A way customers reach the service department (hotline, e-mail,
    portal, fax...). Each is tested at its interval (定期检查反馈渠道的运行情况,
    保证渠道畅通): the check cron plans a test for the channel's tester, and a
    channel whose last test failed shows as failing until a test passes."""

    _name = "service.feedback.channel"
    _description = "Customer Feedback Channel"
    _inherit = ["mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(
        [
            ("phone", "Hotline Phone"),
            ("email", "E-mail"),
            ("portal", "Customer Portal"),
            ("fax", "Fax"),
            ("online", "Online Chat"),
            ("survey", "Survey"),
            ("other", "Other"),
        ],
        required=True,
        default="phone",
    )
    address = fields.Char(
        string="Number or Address",
        required=True,
        help="The number dialled, the address written to or the page opened "
        "to test the channel.",
    )
    test_procedure = fields.Text(
        translate=True,
        help="How to test the channel: what to send or dial and what must come back.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Tester",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Told on Failure",
        domain="[('share', '=', False)]",
        help="Who gets an activity when a test of the channel fails.",
    )
    interval_days = fields.Integer(
        string="Test Every (Days)",
        required=True,
        default=7,
        help="Days between two tests of the channel.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
    check_ids = fields.One2many(
        "service.feedback.channel.check", "channel_id", string="Tests"
    )
    last_check_id = fields.Many2one(
        "service.feedback.channel.check",
        string="Last Test",
        compute="_compute_last_check",
        store=True,
    )
    last_check_date = fields.Date(
        string="Last Tested On", related="last_check_id.date_done", store=True
    )
    status = fields.Selection(
        [
            ("untested", "Not Tested Yet"),
            ("working", "Working"),
            ("failing", "Failing"),
        ],
        compute="_compute_last_check",
        store=True,
        tracking=True,
        help="The result of the channel's last test.",
    )
    next_check_date = fields.Date(
        string="Next Test",
        compute="_compute_next_check_date",
        store=True,
        readonly=False,
        help="The day the next test is due; the cron plans it on that day.",
    )

    _sql_constraints = [
        (
            "interval_positive",
            "CHECK(interval_days > 0)",
            "A channel is tested at least every day: the interval is positive.",
        ),
    ]

    @api.depends("check_ids.state", "check_ids.date_done")
    def _compute_last_check(self):
        for channel in self:
            tested = channel.check_ids.filtered(lambda c: c.state != "planned")
            last = tested.sorted(lambda c: (c.date_done, c.id))[-1:]
            channel.last_check_id = last
            channel.status = (
                {"passed": "working", "failed": "failing"}[last.state]
                if last
                else "untested"
            )

    @api.depends("last_check_date", "interval_days")
    def _compute_next_check_date(self):
        for channel in self:
            if channel.last_check_date:
                channel.next_check_date = channel.last_check_date + timedelta(
                    days=channel.interval_days
                )
            elif not channel.next_check_date:
                channel.next_check_date = channel.company_id._local_day(
                    fields.Datetime.now()
                )

    # ------------------------------------------------------------------
    # The periodic test
    # ------------------------------------------------------------------
    @api.model
    def _cron_plan_checks(self):
        """Plan a test of every channel whose next test is due today (local
        day of its company) and has none planned yet."""
        channels = self.search([])
        open_checks = self.env["service.feedback.channel.check"].search(
            [("channel_id", "in", channels.ids), ("state", "=", "planned")]
        )
        waiting = open_checks.channel_id
        due = channels.filtered(
            lambda c: (
                c not in waiting
                and c.next_check_date <= c.company_id._local_day(fields.Datetime.now())
            )
        )
        return due._plan_check()

    def _plan_check(self):
        checks = self.env["service.feedback.channel.check"].create(
            [
                {
                    "channel_id": channel.id,
                    "user_id": channel.user_id.id,
                    "date_planned": channel.next_check_date
                    or channel.company_id._local_day(fields.Datetime.now()),
                }
                for channel in self
            ]
        )
        for check in checks:
            check.activity_schedule(
                "service_lifecycle.mail_activity_type_channel_check",
                date_deadline=check.date_planned,
                user_id=check.user_id.id,
            )
        return checks

    def action_plan_check(self):
        """Test now: plan a test of the channel for its tester."""
        waiting = self.check_ids.filtered(lambda c: c.state == "planned").channel_id
        (self - waiting)._plan_check()
        return self.action_view_checks()

    def action_view_checks(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_lifecycle.service_feedback_channel_check_action"
        )
        action["domain"] = [("channel_id", "in", self.ids)]
        action["context"] = {"default_channel_id": self[:1].id}
        return action
