# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# what Legal reviewed: these may not change while the contract is under review
# or approved
CONTRACT_LINE_FIELDS = {
    "product_id",
    "product_uom_qty",
    "product_uom",
    "price_unit",
    "discount",
    "tax_id",
}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.filtered(
            lambda line: not line.display_type
        ).order_id._ensure_contract_unlocked()
        return lines

    def write(self, vals):
        if CONTRACT_LINE_FIELDS & set(vals):
            self.check_access("write")
            self.order_id._ensure_contract_unlocked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_contract_locked(self):
        self.filtered(
            lambda line: not line.display_type
        ).order_id._ensure_contract_unlocked()
