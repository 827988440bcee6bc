# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleContractReturnWizard(models.TransientModel):
    _name = "sale.contract.return.wizard"
    _description = "Return a Contract with Remarks"

    order_ids = fields.Many2many("sale.order", string="Orders", required=True)
    remarks = fields.Text(
        required=True,
        help="What sales must change before the contract can be approved.",
    )

    def action_return(self):
        self.ensure_one()
        self.order_ids._contract_return(self.remarks)
        return {"type": "ir.actions.act_window_close"}
