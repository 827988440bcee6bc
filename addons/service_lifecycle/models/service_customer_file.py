# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

SALES_DIRECTOR = "service_lifecycle.group_sales_director"


class ServiceCustomerFile(models.Model):
    """The confidential part of a customer file (客户档案): the customer's credit
    description and past dealings. The customer's custodian (客户档案设专人管理)
    and the sales director read and keep it; anyone else only with an access
    the sales director approved (客户档案由销售总监进行审批确认; 未经授权,任何人
    不得查阅), for a limited time or for good. The record rules enforce it:
    the web client, JSON-RPC and reports all meet them."""

    _name = "service.customer.file"
    _description = "Confidential Customer File"
    _inherit = ["mail.thread"]
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="partner_id.company_id", store=True)
    custodian_id = fields.Many2one(related="partner_id.file_custodian_id", store=True)
    credit_description = fields.Text(
        string="Credit Standing",
        tracking=True,
        help="How the customer pays and the credit they are given.",
    )
    dealings = fields.Text(
        string="Past Dealings",
        tracking=True,
        help="The customer's past dealings with the company.",
    )
    notes = fields.Text(string="Confidential Notes")
    access_ids = fields.One2many(
        related="partner_id.file_access_ids", groups=SALES_DIRECTOR
    )

    _sql_constraints = [
        (
            "partner_unique",
            "UNIQUE(partner_id)",
            "A customer has one confidential file.",
        )
    ]

    @api.model
    def _get_or_create_for(self, partner):
        """The confidential file of ``partner``'s commercial entity, created
        (empty) the first time: the file exists before anyone reads it."""
        partner = partner.commercial_partner_id
        file = self.sudo().search([("partner_id", "=", partner.id)], limit=1)
        return file or self.sudo().create({"partner_id": partner.id})
