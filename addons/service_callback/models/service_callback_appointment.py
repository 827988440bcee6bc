# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ServiceCallback(models.Model):
    """The callback's appointment (预约回访时间和地点), who was interviewed and
    who came along (joint callbacks with a leader), the agreed wording of its
    purpose, and the customer's valuable suggestions (an on-site visit
    follows, by the rules anchored on them)."""

    _inherit = "service.callback"

    appointment_datetime = fields.Datetime(
        string="Appointment",
        tracking=True,
        help="The time agreed with the customer for the callback or visit.",
    )
    appointment_booked_on = fields.Datetime(
        string="Appointment Booked On",
        compute="_compute_appointment_booked_on",
        store=True,
        copy=False,
        help="When the appointment was made: the weekly sales routine counts the "
        "visits booked in each week.",
    )
    appointment_place = fields.Char(
        string="Place", help="Where the visit takes place (site, office, shop)."
    )
    contact_ids = fields.Many2many(
        "res.partner",
        "service_callback_contact_rel",
        "callback_id",
        "partner_id",
        string="Interviewed",
        help="The customer's people who were spoken to.",
    )
    companion_user_ids = fields.Many2many(
        "res.users",
        "service_callback_companion_rel",
        "callback_id",
        "user_id",
        string="Accompanied By",
        domain="[('share', '=', False)]",
        help="Colleagues and leaders who made the callback with the agent "
        "(a joint callback).",
    )
    suggestion_valuable = fields.Boolean(
        string="Valuable Suggestion",
        tracking=True,
        help="The customer's suggestion is valuable: the customer gets an "
        "on-site visit (callback rules anchored on valuable suggestions), and "
        "the suggestion feeds the customer development plan.",
    )
    script_body = fields.Html(
        string="Script",
        compute="_compute_script_body",
        sanitize=False,
        help="The agreed wording for callbacks of this purpose (Configuration > "
        "Callback Scripts), in the reader's language.",
    )

    @api.depends("appointment_datetime")
    def _compute_appointment_booked_on(self):
        now = fields.Datetime.now()
        for callback in self:
            callback.appointment_booked_on = (
                now if callback.appointment_datetime else False
            )

    @api.depends("callback_type", "method", "company_id")
    @api.depends_context("lang")
    def _compute_script_body(self):
        Script = self.env["service.callback.script"]
        for callback in self:
            callback.script_body = Script._script_for(callback).body or False

    @api.constrains("suggestion_valuable", "customer_suggestions")
    def _check_valuable_suggestion(self):
        for callback in self:
            if callback.suggestion_valuable and not callback.customer_suggestions:
                raise ValidationError(
                    self.env._(
                        "Write down the customer's suggestion on callback %s "
                        "before marking it valuable.",
                        callback.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        callbacks = super().create(vals_list)
        callbacks._plan_suggestion_visits()
        return callbacks

    def write(self, vals):
        result = super().write(vals)
        if {"suggestion_valuable", "state"} & set(vals):
            self._plan_suggestion_visits()
        return result

    def _plan_suggestion_visits(self):
        """A done callback with a valuable suggestion: plan its on-site visit."""
        done = self.filtered(lambda c: c.state == "done" and c.suggestion_valuable)
        if done:
            self.env["service.callback.rule"]._plan_for_event("suggestion", done)
