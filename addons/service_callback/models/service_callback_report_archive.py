# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class ServiceCallbackReport(models.Model):
    """Signed-off reports are archived by the clerks (the callback staff who
    keep the files): out of the daily lists, kept for the records."""

    _inherit = "service.callback.report"

    active = fields.Boolean(default=True, tracking=True)

    def write(self, vals):
        if vals.get("active") is False:
            unreviewed = self.filtered(lambda r: r.state != "reviewed")
            if unreviewed:
                raise UserError(
                    self.env._(
                        "Only signed-off callback reports can be archived: %s.",
                        ", ".join(unreviewed.mapped("display_name")),
                    )
                )
        return super().write(vals)

    def action_archive_reviewed(self):
        """Clerk: archive the signed-off reports among these."""
        self.filtered(lambda r: r.state == "reviewed").action_archive()
        return True
