# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import email_normalize, html2plaintext, parse_contact_from_email


class HelpdeskTicket(models.Model):
    """E-mail intake: a message to a hotline team's alias (helpdesk_mgmt's mail
    gateway) becomes a task order in intake, on the e-mail channel, for the
    customer whose address wrote (the author the gateway matched), with the
    message's attachments. It stays in intake until the desk completes it:
    the hand-off to the coordinator checks the same fields as for a call. A
    reply of the customer (In-Reply-To / References) lands on the same task
    order (``message_update``)."""

    _inherit = "helpdesk.ticket"

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        values = dict(custom_values or {})
        email_channel = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_channel_email", raise_if_not_found=False
        )
        if email_channel:
            values.setdefault("channel_id", email_channel.id)
        name, email = parse_contact_from_email(msg_dict.get("email_from") or "")
        if email:
            values.setdefault("partner_email", email_normalize(email) or email)
            values.setdefault("partner_name", name or email)
        if msg_dict.get("date"):
            # when the message reached the hotline: the deadlines start here
            values.setdefault("received_date", msg_dict["date"])
        body = html2plaintext(msg_dict.get("body") or "").strip()
        if body:
            values.setdefault("fault_symptoms", body)
        # an e-mail is never refused as a duplicate (the gateway would lose
        # it): the desk links it to the open task order shown on it
        ticket = super(
            HelpdeskTicket, self.with_context(service_mail_intake=True)
        ).message_new(msg_dict, custom_values=values)
        # the gateway writes the whole From header into the primary e-mail
        if email and ticket.partner_email != values["partner_email"]:
            ticket.partner_email = values["partner_email"]
        return ticket

    def _check_no_duplicate(self):
        if self.env.context.get("service_mail_intake"):
            return
        return super()._check_no_duplicate()

    def message_update(self, msg_dict, update_vals=None):
        """A reply of the customer: noted on the task order; when the task
        order has no customer yet, the writer's partner becomes it."""
        author = self.env["res.partner"].browse(msg_dict.get("author_id") or [])
        if author:
            self.filtered(
                lambda t: not t.partner_id and not t.closed
            ).partner_id = author
        return super().message_update(msg_dict, update_vals=update_vals)
