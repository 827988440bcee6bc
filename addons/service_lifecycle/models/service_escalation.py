# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from ..rules.workflow import Transition, TransitionTable

# escalation orders alerted per run of the late-answer cron
LATE_ALERT_BATCH = 200


class ServiceEscalation(models.Model):
    _name = "service.escalation"
    _description = "Escalation Order"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "service.input.mixin",
        "service.deadline.mixin",
        "service.workflow.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True

    # one deadline: the technical center's answer, on the company's escalation
    # clock (the team's working time by default);
    # a late answer is escalated to the service manager (no at-risk warning)
    _deadline_kinds = {"answer": "answer_date"}
    _deadline_alert_levels = ("escalated",)
    _deadline_alert_activity_types = {
        "escalated": "service_lifecycle.mail_activity_type_escalation_late",
    }
    # few of them: the service manager is also told by e-mail
    _deadline_alert_quiet = False

    name = fields.Char(
        string="Reference", default="/", readonly=True, copy=False, index=True
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Task Order",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="ticket_id.partner_id", string="Customer")
    product_id = fields.Many2one(
        "product.product",
        compute="_compute_from_ticket",
        store=True,
        readonly=False,
        precompute=True,
    )
    lot_id = fields.Many2one(related="ticket_id.lot_id")
    kind = fields.Selection(
        [
            ("hard_problem", "Hard Problem"),
            ("quality", "Quality Problem"),
            ("batch", "Batch Problem"),
            ("main_component", "Main Component Repair"),
        ],
        default="hard_problem",
        required=True,
        tracking=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("answered", "Answered"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    symptoms = fields.Text(
        compute="_compute_from_ticket", store=True, readonly=False, precompute=True
    )
    question = fields.Html(help="What the hotline tried and what it needs to know.")
    user_id = fields.Many2one(
        "res.users",
        string="Technical Center Expert",
        tracking=True,
        domain=lambda self: [
            (
                "groups_id",
                "in",
                self.env.ref("service_lifecycle.group_technical_center").ids,
            )
        ],
    )
    submit_date = fields.Datetime(readonly=True, copy=False)
    answer_deadline = fields.Datetime(readonly=True, copy=False, tracking=True)
    answer_date = fields.Datetime(readonly=True, copy=False)
    answer = fields.Html(help="The technical center's answer.")
    is_late = fields.Boolean(compute="_compute_is_late", search="_search_is_late")
    late_alert_sent = fields.Boolean(
        copy=False,
        readonly=True,
        help="The service manager was told that the answer is late.",
    )
    article_id = fields.Many2one(
        "service.knowledge.article",
        string="Knowledge Article",
        readonly=True,
        copy=False,
    )

    @api.depends("ticket_id")
    def _compute_from_ticket(self):
        for escalation in self:
            escalation.product_id = escalation.ticket_id.product_id
            escalation.symptoms = escalation.ticket_id.fault_symptoms

    @api.depends("submit_date", "answer_deadline", "answer_date", "state")
    def _compute_is_late(self):
        now = fields.Datetime.now()
        for escalation in self:
            escalation.is_late = (
                escalation.state in ("submitted", "answered")
                and escalation._get_deadline_state(
                    escalation.submit_date,
                    escalation.answer_deadline,
                    escalation.answer_date,
                    now,
                )
                == "breached"
            )

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on late escalations."))
        late = [
            ("state", "=", "submitted"),
            ("answer_deadline", "<", fields.Datetime.now()),
        ]
        if (operator == "=") == value:
            return late
        return ["!", "&", *late]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("service.escalation") or "/"
                )
        return super().create(vals_list)

    @api.constrains("ticket_id")
    def _check_ticket_access(self):
        """The escalation takes its company from its task order, so
        ``check_company`` cannot refuse another company's task order: the user
        must be allowed to read the task order they escalate."""
        self.ticket_id.check_access("read")

    def write(self, vals):
        moving = self.browse()
        if "state" in vals:
            moving = self.filtered(lambda e: e.state != vals["state"])
        result = super().write(vals)
        if vals.get("state") == "submitted":
            moving._on_submitted()
        elif vals.get("state") == "answered":
            moving._on_answered()
        return result

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    @api.model
    def _workflow_transitions(self):
        technician = "service_lifecycle.group_hotline_technician"
        expert = "service_lifecycle.group_technical_center"
        return TransitionTable(
            [
                # the hotline technician sends it to the technical center
                Transition("draft", "submitted", (technician,)),
                # the technical center answers it
                Transition("submitted", "answered", (expert,), "_check_answer"),
                # the hotline withdraws it before the answer
                Transition("draft", "cancel", (technician,)),
                Transition("submitted", "cancel", (technician,)),
            ]
        )

    def _check_answer(self):
        for escalation in self:
            if not html2plaintext(escalation.answer or "").strip():
                raise UserError(
                    self.env._(
                        "Write the answer of %(name)s first.", name=escalation.name
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if self.filtered(lambda e: e.state != "draft"):
            raise UserError(
                self.env._("Only draft escalation orders can be deleted; cancel it.")
            )

    def action_submit(self):
        """Send to the technical center; its clock starts now."""
        self.write({"state": "submitted"})
        return True

    def _on_submitted(self):
        """The escalation orders just submitted: their clock starts, the
        expert gets an activity and the task order is told."""
        now = fields.Datetime.now()
        for escalation in self:
            escalation.write(
                {
                    "submit_date": now,
                    "answer_deadline": escalation._get_answer_deadline(now),
                }
            )
            if escalation.user_id:
                escalation.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=fields.Date.context_today(
                        escalation, escalation.answer_deadline
                    ),
                    # in the language of the technician who answers
                    summary=escalation.with_context(lang=escalation.user_id.lang).env._(
                        "Answer escalation order %(name)s", name=escalation.name
                    ),
                    user_id=escalation.user_id.id,
                )
            escalation.ticket_id.message_post(
                body=self.env._(
                    "Escalated to the technical center: %(name)s.", name=escalation.name
                )
            )

    @api.model
    def _cron_check_late(self, batch_size=LATE_ALERT_BATCH):
        """Tell the service manager about escalation orders answered too late;
        once per order, so a second run changes nothing."""
        self._cron_deadline_alerts(batch_size)

    def _get_service_calendar(self):
        """The working calendar of the escalated task order's team."""
        self.ensure_one()
        return self.ticket_id._get_service_calendar()

    def _get_answer_deadline(self, start):
        """``start`` plus the company's answer time, on the company's escalation
        clock (the team's working hours by default)."""
        self.ensure_one()
        company = self.company_id
        span = (
            start,
            datetime.timedelta(hours=company.service_escalation_hours),
            company.service_escalation_clock,
        )
        [deadline] = self._add_working_time(self._get_service_calendar(), [span])
        return deadline

    def _deadline_alert_domain(self, kind, level, now):
        return [
            ("state", "=", "submitted"),
            ("answer_deadline", "<=", now),
            ("late_alert_sent", "=", False),
        ]

    def _get_deadline_alert_user(self, kind, level):
        self.ensure_one()
        return (
            self.company_id.service_escalation_user_id
            or self.ticket_id.team_id.user_id
            or self.user_id
        )

    def _get_deadline_alert_summary(self, kind, level):
        return self.env._(
            "Escalation order %(name)s is not answered in time", name=self.name
        )

    def _mark_deadline_alerted(self, kind, level):
        self.late_alert_sent = True

    def action_answer(self):
        """The technical center answers; the hotline is told."""
        self.write({"state": "answered"})
        return True

    def _on_answered(self):
        """The escalation orders just answered: the answer time is recorded
        and the hotline is told."""
        self.answer_date = fields.Datetime.now()
        for escalation in self:
            escalation.activity_feedback(["mail.mail_activity_data_todo"])
            escalation.ticket_id.message_post(
                body=self.env._(
                    "The technical center answered %(name)s.", name=escalation.name
                )
            )
            if escalation.ticket_id.user_id:
                escalation.ticket_id.message_subscribe(
                    escalation.ticket_id.user_id.partner_id.ids
                )

    def action_cancel(self):
        self.write({"state": "cancel"})
        return True

    def action_save_knowledge(self):
        """Keep the answer in the technical knowledge base."""
        self.ensure_one()
        if self.state != "answered":
            raise UserError(
                self.env._("Only an answered escalation order can become an article.")
            )
        if not self.article_id:
            self.article_id = self.env["service.knowledge.article"].create(
                self._prepare_article_vals()
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "service.knowledge.article",
            "res_id": self.article_id.id,
            "view_mode": "form",
        }

    def _prepare_article_vals(self):
        self.ensure_one()
        return {
            "name": self.ticket_id.name,
            "product_id": self.product_id.id,
            "symptoms": self.symptoms or html2plaintext(self.question or ""),
            "solution": self.answer,
            "escalation_id": self.id,
            "company_id": self.company_id.id,
        }
