# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ServiceCallback(models.Model):
    """A callback (回访) to a customer: planned, made, and recorded the same day."""

    _name = "service.callback"
    _description = "Callback"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "due_datetime, id"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, tracking=True, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Callback Agent",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
    )
    method = fields.Selection(
        [
            ("phone", "Phone"),
            ("onsite", "On-site"),
            ("email", "Email"),
            ("letter", "Letter"),
            ("im", "Instant Message"),
            ("questionnaire", "Questionnaire"),
        ],
        required=True,
        default="phone",
        tracking=True,
    )
    purpose = fields.Char(help="What this callback is meant to learn or confirm.")
    due_datetime = fields.Datetime(
        string="Due", required=True, default=fields.Datetime.now, index=True
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
        index=True,
    )
    done_datetime = fields.Datetime(string="Done On", readonly=True, copy=False)
    reached = fields.Boolean(
        string="Customer Reached",
        help="Only a callback that reached the customer counts as valid.",
    )
    rating = fields.Selection(
        [
            ("satisfied", "Satisfied"),
            ("neutral", "Neutral"),
            ("dissatisfied", "Dissatisfied"),
        ],
        tracking=True,
    )
    score = fields.Integer(help="Satisfaction score from 1 (worst) to 5 (best).")
    customer_feedback = fields.Text(
        string="Customer's Words",
        help="The customer's questions and suggestions, verbatim.",
    )
    next_steps = fields.Text()

    _sql_constraints = [
        (
            "score_range",
            "CHECK(score IS NULL OR score = 0 OR (score >= 1 AND score <= 5))",
            "The satisfaction score must be between 1 and 5.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("service.callback")
        return super().create(vals_list)

    def _ensure_recordable(self):
        for callback in self:
            if callback.state != "planned":
                raise UserError(
                    _("Callback %s is not planned any more.", callback.display_name)
                )
            if callback.reached and not callback.rating:
                raise UserError(
                    _(
                        "Callback %s reached the customer: record their rating "
                        "before marking it done.",
                        callback.display_name,
                    )
                )

    def action_done(self):
        self._ensure_recordable()
        self.write({"state": "done", "done_datetime": fields.Datetime.now()})

    def action_cancel(self):
        self.filtered(lambda c: c.state == "planned").state = "cancelled"

    def action_reset(self):
        self.write({"state": "planned", "done_datetime": False})
