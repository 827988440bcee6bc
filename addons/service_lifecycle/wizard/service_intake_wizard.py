# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.service_policy_rule import REQUEST_TYPES


class ServiceIntakeWizard(models.TransientModel):
    _name = "service.intake.wizard"
    _description = "Hotline Intake"

    # a default, not a compute: a computed field without dependencies stays
    # empty on the new record the intake page opens with
    hotline_script = fields.Html(
        default=lambda self: self._default_hotline_script(), readonly=True
    )
    request_script = fields.Html(
        string="What to Say",
        compute="_compute_request_script",
        help="The hotline scripts for this request type (Configuration > Hotline "
        "Scripts), in your language.",
    )
    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    customer_class = fields.Selection(
        related="partner_id.commercial_partner_id.customer_class"
    )
    phone = fields.Char(related="partner_id.phone")
    channel_id = fields.Many2one(
        "helpdesk.ticket.channel",
        required=True,
        default=lambda self: self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_channel_phone", raise_if_not_found=False
        ),
    )
    request_type = fields.Selection(REQUEST_TYPES, required=True, default="repair")
    is_urgent = fields.Boolean(string="Urgent")
    team_id = fields.Many2one("helpdesk.ticket.team", string="Team")
    name = fields.Char(string="Title", required=True)
    product_id = fields.Many2one("product.product", string="Product")
    lot_id = fields.Many2one(
        "stock.lot", string="Serial Number", domain="[('product_id', '=?', product_id)]"
    )
    fault_date = fields.Date(
        default=lambda self: self.env.company._local_day(fields.Datetime.now())
    )
    working_conditions = fields.Text()
    fault_symptoms = fields.Text()
    duplicate_ids = fields.Many2many(
        "helpdesk.ticket",
        string="Open Task Orders",
        compute="_compute_duplicate_ids",
    )
    existing_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Add to",
        help="Open task order the call is added to; the oldest one when empty.",
    )
    not_duplicate = fields.Boolean(
        string="Another Problem",
        help="Tick to record a new task order although open ones exist.",
    )
    article_ids = fields.Many2many(
        "service.knowledge.article",
        string="Knowledge Articles",
        compute="_compute_article_ids",
    )
    ticket_id = fields.Many2one("helpdesk.ticket", readonly=True)

    @api.model
    def _default_hotline_script(self):
        """The greeting and the rules of the call, shown above the intake."""
        number = self.env.user.employee_id.barcode or str(self.env.user.id)
        greeting = self.env._(
            "Hello, %(company)s customer service, agent No. %(number)s at your "
            "service.",
            company=self.env.company.name,
            number=number,
        )
        rules = [
            self.env._("Answer within three rings."),
            self.env._("Never argue with, deflect or brush off the customer."),
            self.env._(
                "Ask for the model, serial number, purchase date, working "
                "conditions and what exactly happens."
            ),
            self.env._("Let the customer hang up first."),
        ]
        return Markup("<p class='fs-5 fw-bold mb-1'>%s</p><ul class='mb-0'>%s</ul>") % (
            greeting,
            Markup("").join(Markup("<li>%s</li>") % escape(r) for r in rules),
        )

    @api.depends("request_type")
    def _compute_request_script(self):
        Script = self.env["service.hotline.script"]
        for wizard in self:
            wizard.request_script = Script._get_scripts(
                wizard.request_type
            )._render_html()

    @api.depends("partner_id", "product_id", "lot_id", "request_type")
    def _compute_duplicate_ids(self):
        Ticket = self.env["helpdesk.ticket"]
        for wizard in self:
            wizard.duplicate_ids = Ticket._find_duplicates(
                self.env.company,
                wizard.partner_id.commercial_partner_id,
                wizard.product_id,
                wizard.lot_id,
                wizard.request_type,
            )

    @api.depends("product_id", "fault_symptoms")
    def _compute_article_ids(self):
        Article = self.env["service.knowledge.article"]
        for wizard in self:
            domain = []
            if wizard.product_id:
                domain = [
                    "|",
                    ("product_id", "=", wizard.product_id.id),
                    ("product_categ_id", "=", wizard.product_id.categ_id.id),
                ]
            words = [w for w in (wizard.fault_symptoms or "").split() if len(w) > 1][:3]
            for word in words:
                domain = (
                    ["|", ("symptoms", "ilike", word), *domain]
                    if domain
                    else [("symptoms", "ilike", word)]
                )
            wizard.article_ids = Article.search(domain, limit=10) if domain else Article

    @api.onchange("lot_id")
    def _onchange_lot_id(self):
        if self.lot_id:
            self.product_id = self.lot_id.product_id

    def _prepare_ticket_vals(self):
        self.ensure_one()
        description = Markup("<p>%s</p>") % (self.fault_symptoms or self.name)
        return {
            "name": self.name,
            "description": description,
            "partner_id": self.partner_id.id,
            "partner_name": self.partner_id.name,
            "partner_email": self.partner_id.email,
            "channel_id": self.channel_id.id,
            "request_type": self.request_type,
            "is_urgent": self.is_urgent,
            "team_id": self.team_id.id,
            "product_id": self.product_id.id,
            "lot_id": self.lot_id.id,
            "fault_date": self.fault_date,
            "working_conditions": self.working_conditions,
            "fault_symptoms": self.fault_symptoms,
            "duplicate_confirmed": self.not_duplicate,
        }

    def action_create_ticket(self):
        """Record the task order (once, however often the button is pressed)."""
        self.ensure_one()
        if not self.ticket_id:
            # a repeated complaint is recorded: the repeat rule counts it
            if (
                self.duplicate_ids
                and not self.not_duplicate
                and self.request_type != "complaint"
            ):
                raise UserError(
                    self.env._(
                        "%(ticket)s is already open for this customer and product: "
                        'add the call to it, or tick "Another Problem".',
                        ticket=self.duplicate_ids[0].display_name,
                    )
                )
            self.ticket_id = self.env["helpdesk.ticket"].create(
                self._prepare_ticket_vals()
            )
        return self.ticket_id._get_form_action()

    def action_add_to_existing(self):
        """The same problem again: note the call on the open task order."""
        self.ensure_one()
        ticket = self.existing_ticket_id or self.duplicate_ids[:1]
        if not ticket:
            raise UserError(
                self.env._("Choose the open task order to add the call to.")
            )
        body = Markup("<p>%s</p><p>%s</p>") % (self.name, self.fault_symptoms or "")
        ticket._add_call_from(self.partner_id, body)
        if self.is_urgent and not ticket.is_urgent:
            ticket.is_urgent = True
        self.ticket_id = ticket
        return ticket._get_form_action()
