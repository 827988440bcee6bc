# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleContractDepartment(models.Model):
    _name = "sale.contract.department"
    _description = "Contract Receiving Department"
    _order = "company_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    reader_group_id = fields.Many2one(
        "res.groups",
        string="Readers",
        required=True,
        ondelete="restrict",
        help="Members of this group read the contract copies sent to this department.",
    )
    note = fields.Text(help="What the department prepares when it receives a copy.")

    _sql_constraints = [
        (
            "reader_group_company_uniq",
            "unique(reader_group_id, company_id)",
            "A group of readers receives one copy per contract: it can be the "
            "readers of only one department per company.",
        ),
    ]
