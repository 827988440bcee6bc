# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

CHANNELS = [
    ("phone", "Phone"),
    ("email", "Email"),
    ("chat", "Online Chat"),
    ("visit", "Store Visit"),
    ("fax", "Fax"),
    ("im", "Instant Messaging"),
]


class CrmConsultation(models.Model):
    _name = "crm.consultation"
    _description = "Consultation"
    _inherit = ["mail.thread", "mail.activity.mixin", "service.input.mixin"]
    _order = "received_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    channel = fields.Selection(CHANNELS, required=True, default="phone", tracking=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", index=True, check_company=True, tracking=True
    )
    lead_id = fields.Many2one(
        "crm.lead",
        string="Lead/Opportunity",
        index=True,
        check_company=True,
        ondelete="set null",
    )
    contact_name = fields.Char(help="Who asked, when not a known customer.")
    contact_details = fields.Char(help="Phone number, email, chat or IM account.")
    question = fields.Text(required=True)
    answer = fields.Text(tracking=True)
    received_date = fields.Datetime(
        string="Received On", required=True, default=fields.Datetime.now
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assigned To",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    first_answer_date = fields.Datetime(
        string="First Answered On", readonly=True, copy=False
    )
    answered_by_id = fields.Many2one(
        "res.users", string="Answered By", readonly=True, copy=False
    )
    response_hours = fields.Float(
        string="Response Time (Hours)",
        compute="_compute_response_hours",
        store=True,
        aggregator="avg",
        help="From receipt to the first answer.",
    )
    state = fields.Selection(
        [("open", "Open"), ("answered", "Answered")],
        compute="_compute_state",
        store=True,
    )

    @api.depends("received_date", "first_answer_date")
    def _compute_response_hours(self):
        for consultation in self:
            if consultation.first_answer_date and consultation.received_date:
                delta = consultation.first_answer_date - consultation.received_date
                consultation.response_hours = delta.total_seconds() / 3600.0
            else:
                consultation.response_hours = 0.0

    @api.depends("first_answer_date")
    def _compute_state(self):
        for consultation in self:
            consultation.state = (
                "answered" if consultation.first_answer_date else "open"
            )

    @api.constrains("received_date", "first_answer_date")
    def _check_dates(self):
        for consultation in self:
            if (
                consultation.first_answer_date
                and consultation.first_answer_date < consultation.received_date
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot be answered before it was received: "
                        "correct the date received.",
                        name=consultation.name,
                    )
                )

    @api.onchange("lead_id")
    def _onchange_lead_id(self):
        if self.lead_id.partner_id and not self.partner_id:
            self.partner_id = self.lead_id.partner_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("crm.consultation") or "/"
                )
        consultations = super().create(vals_list)
        consultations.filtered("answer")._stamp_first_answer()
        return consultations

    def write(self, vals):
        result = super().write(vals)
        if vals.get("answer"):
            self._stamp_first_answer()
        return result

    def _stamp_first_answer(self):
        """Response time runs until the first answer: later edits do not move it."""
        self.filtered(lambda c: not c.first_answer_date).write(
            {"first_answer_date": fields.Datetime.now(), "answered_by_id": self.env.uid}
        )

    def action_answer(self):
        unanswered = self.filtered(lambda c: not (c.answer or "").strip())
        if unanswered:
            raise UserError(
                self.env._(
                    "Write the answer given to the customer in %(names)s first.",
                    names=", ".join(unanswered.mapped("name")),
                )
            )
        self._stamp_first_answer()
        return True
