# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.service_lifecycle.rules import figures
from odoo.exceptions import ValidationError
from odoo.osv import expression


class ServiceCallback(models.Model):
    """On-site callbacks in the field: today's visits of the agent, photos
    taken on site (the signature and the close are the callback's own)."""

    _inherit = "service.callback"

    photo_ids = fields.Many2many(
        "ir.attachment",
        "service_callback_photo_rel",
        "callback_id",
        "attachment_id",
        string="Photos",
        copy=False,
        help="Photos taken on the visit: the machine, the customer's site.",
    )
    visit_today = fields.Boolean(
        string="Visit Today",
        compute="_compute_visit_today",
        search="_search_visit_today",
        help="An on-site callback due today (the company's local day).",
    )

    @api.model
    def _visit_today_domain(self):
        """On-site callbacks due on the company's local day."""
        company = self.env.company
        today = company._local_day(fields.Datetime.now())
        start, end = figures.local_period_utc(today, today, company._get_service_tz())
        return [
            ("method", "=", "onsite"),
            ("due_datetime", ">=", start),
            ("due_datetime", "<", end),
        ]

    def _compute_visit_today(self):
        today = self.filtered_domain(self._visit_today_domain())
        today.visit_today = True
        (self - today).visit_today = False

    def _search_visit_today(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(
                self.env._("Search Visit Today with = or != True/False.")
            )
        domain = self._visit_today_domain()
        if (operator == "=") == value:
            return domain
        return ["!", *expression.AND([domain])]

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
