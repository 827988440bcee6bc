# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    service_warranty_policy_id = fields.Many2one(
        "service.warranty.policy",
        string="Warranty Policy",
        help="Three-guarantee windows of the products of this category and its "
        "subcategories. When empty, the parent category's or the company's applies.",
    )

    def _get_service_warranty_policy(self):
        """The policy of the nearest category up the tree, or an empty record."""
        self.ensure_one()
        category = self
        while category:
            if category.service_warranty_policy_id:
                return category.service_warranty_policy_id
            category = category.parent_id
        return self.env["service.warranty.policy"]
