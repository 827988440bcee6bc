# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicket(models.Model):
    """The on-site visit of a task order, as the technician lives it on a
    phone: today's visits, the customer's signature, photos of the machine,
    and the visit closed (solved: customer service then asks the customer)."""

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "service.visit.mixin"]
    _visit_date_field = "appointment_start"

    visit_signature = fields.Image(
        string="Customer Signature",
        copy=False,
        attachment=True,
        max_width=1024,
        max_height=1024,
    )
    visit_signed_by = fields.Char(string="Signed By", copy=False)
    visit_photo_ids = fields.Many2many(
        "ir.attachment",
        "helpdesk_ticket_visit_photo_rel",
        "ticket_id",
        "attachment_id",
        string="Photos",
        copy=False,
        help="Photos taken on site: the machine, the faulty part, the repair.",
    )
    visit_done_date = fields.Datetime(
        string="Visit Closed On", copy=False, readonly=True
    )

    @api.constrains("visit_done_date", "visit_signature", "visit_signed_by")
    def _check_visit_signed(self):
        for ticket in self.filtered("visit_done_date"):
            if not ticket.visit_signature or not ticket.visit_signed_by:
                raise ValidationError(
                    self.env._(
                        "The customer signs the visit of %(number)s (name and "
                        "signature) before it is closed.",
                        number=ticket.number,
                    )
                )

    # ------------------------------------------------------------------
    # Today's visits (service.visit.mixin)
    # ------------------------------------------------------------------
    @api.model
    def _visit_domain(self):
        return [("service_mode", "=", "on_site")]

    # ------------------------------------------------------------------
    # Closing the visit
    # ------------------------------------------------------------------
    def action_visit_done(self):
        """The technician closes the signed visit: the task order is solved
        and customer service asks the customer's satisfaction."""
        self.ensure_one()
        self.write({"visit_done_date": fields.Datetime.now()})
        self._link_visit_photos()
        return self.action_solved()

    def _link_visit_photos(self):
        """Photos uploaded on the form belong to the task order (its chatter
        lists them)."""
        for ticket in self:
            ticket.visit_photo_ids.filtered(lambda a: not a.res_id).write(
                {"res_model": ticket._name, "res_id": ticket.id}
            )
