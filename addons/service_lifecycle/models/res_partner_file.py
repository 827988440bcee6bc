# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .service_customer_file import SALES_DIRECTOR


class ResPartner(models.Model):
    """The customer file's custodian, and the way to its confidential part
    (``service.customer.file``)."""

    _inherit = "res.partner"

    file_custodian_id = fields.Many2one(
        "res.users",
        string="File Custodian",
        tracking=True,
        help="Who keeps the customer file up to date and reads its confidential "
        "part; the sales director appoints them.",
    )
    file_access_ids = fields.One2many(
        "service.customer.file.access",
        "partner_id",
        string="Customer File Accesses",
        groups="base.group_user",
    )

    user_is_sales_director = fields.Boolean(compute="_compute_user_is_sales_director")

    @api.depends_context("uid")
    def _compute_user_is_sales_director(self):
        self.user_is_sales_director = self.env.user.has_group(SALES_DIRECTOR)

    def write(self, vals):
        if (
            "file_custodian_id" in vals
            and not self.env.su
            and not self.env.user.has_group(SALES_DIRECTOR)
            and any(p.file_custodian_id.id != vals["file_custodian_id"] for p in self)
        ):
            raise UserError(self.env._("Only the sales director appoints custodians."))
        return super().write(vals)

    def action_open_customer_file(self):
        """The confidential file when the user may read it (custodian, sales
        director, approved access), else a request for access."""
        self.ensure_one()
        file = self.env["service.customer.file"]._get_or_create_for(self)
        if file.with_env(self.env).has_access("read"):
            return {
                "type": "ir.actions.act_window",
                "res_model": file._name,
                "res_id": file.id,
                "view_mode": "form",
                "target": "current",
            }
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request Access to the Customer File"),
            "res_model": "service.customer.file.access",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": file.partner_id.id},
        }
