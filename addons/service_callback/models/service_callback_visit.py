# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.osv import expression


class ServiceCallback(models.Model):
    """On-site callbacks in the field: today's visits of the agent, photos
    taken on site (the signature and the close are the callback's own)."""

    _name = "service.callback"
    _inherit = ["service.callback", "service.visit.mixin"]
    _visit_date_field = "due_datetime"

    photo_ids = fields.Many2many(
        "ir.attachment",
        "service_callback_photo_rel",
        "callback_id",
        "attachment_id",
        string="Photos",
        copy=False,
        help="Photos taken on the visit: the machine, the customer's site.",
    )

    @api.model
    def _visit_domain(self):
        return [("method", "=", "onsite")]

    @api.model
    def _visit_period_domain(self, start, end):
        """The appointment agreed with the customer, else the due time."""
        return expression.OR(
            [
                [
                    ("appointment_datetime", ">=", start),
                    ("appointment_datetime", "<", end),
                ],
                [
                    ("appointment_datetime", "=", False),
                    ("due_datetime", ">=", start),
                    ("due_datetime", "<", end),
                ],
            ]
        )

    def write(self, vals):
        result = super().write(vals)
        if "photo_ids" in vals:
            # photos uploaded on the form belong to the callback (its
            # chatter lists them)
            for callback in self:
                callback.photo_ids.filtered(lambda a: not a.res_id).sudo().write(
                    {"res_model": callback._name, "res_id": callback.id}
                )
        return result
