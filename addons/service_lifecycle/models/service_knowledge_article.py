# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ServiceKnowledgeArticle(models.Model):
    _name = "service.knowledge.article"
    _description = "Technical Knowledge Article"
    _inherit = ["mail.thread"]
    _order = "write_date desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    product_id = fields.Many2one(
        "product.product", string="Product", index="btree_not_null", tracking=True
    )
    product_categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        related="product_id.categ_id",
        store=True,
    )
    symptoms = fields.Text(
        required=True, help="Fault symptoms as customers describe them."
    )
    solution = fields.Html(required=True)
    escalation_id = fields.Many2one(
        "service.escalation", string="Escalation Order", readonly=True, copy=False
    )
    author_id = fields.Many2one(
        "res.users", string="Author", default=lambda self: self.env.user
    )
