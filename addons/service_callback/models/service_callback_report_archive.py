# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class ServiceCallbackReport(models.Model):
    """Signed-off reports are archived by the clerks (the callback staff who
    keep the files): filed away out of the working lists, and still counted
    by every statistic (a flag of the file, not Odoo's ``active``, which
    would hide them from the figures)."""

    _inherit = "service.callback.report"

    is_archived = fields.Boolean(
        string="Archived", readonly=True, copy=False, index=True, tracking=True
    )
    archived_on = fields.Datetime(readonly=True, copy=False)
    archived_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    def write(self, vals):
        if vals.get("is_archived"):
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
        """Clerk: archive the signed-off reports among these (the others
        cannot be archived yet)."""
        if not self.filtered(lambda r: r.state == "reviewed"):
            raise UserError(
                self.env._("Only signed-off callback reports can be archived.")
            )
        self.filtered(lambda r: r.state == "reviewed" and not r.is_archived).write(
            {
                "is_archived": True,
                "archived_on": fields.Datetime.now(),
                "archived_by_id": self.env.user.id,
            }
        )
        return True
