# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..rules import warranty

# the domain's windows, from the rules
DEFAULTS = warranty.WarrantyPolicy()


class ServiceWarrantyPolicy(models.Model):
    _name = "service.warranty.policy"
    _description = "Warranty Policy (Three Guarantees)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    return_days = fields.Integer(
        default=DEFAULTS.return_days,
        required=True,
        help="Days after the warranty start in which a faulty product may be returned.",
    )
    exchange_days = fields.Integer(
        default=DEFAULTS.exchange_days,
        required=True,
        help="Days after the warranty start in which a faulty product is exchanged.",
    )
    machine_months = fields.Integer(
        string="Whole Machine (Months)",
        default=DEFAULTS.machine_months,
        required=True,
        help="Free repair period of the whole machine.",
    )
    main_component_months = fields.Integer(
        string="Main Components (Months)",
        default=DEFAULTS.main_component_months,
        required=True,
        help="Free repair period of the products marked as main components.",
    )
    category_ids = fields.One2many(
        "product.category", "service_warranty_policy_id", string="Product Categories"
    )
    note = fields.Text(help="Terms shown to the hotline.")

    _sql_constraints = [
        (
            "windows_positive",
            "CHECK(return_days >= 0 AND exchange_days >= return_days "
            "AND machine_months >= 0 AND main_component_months >= 0)",
            "Windows cannot be negative and the exchange window cannot be shorter "
            "than the return window.",
        ),
    ]

    def _to_rule(self):
        """The policy as the pure-Python warranty rules take it."""
        if not self:
            return warranty.WarrantyPolicy()
        self.ensure_one()
        return warranty.WarrantyPolicy(
            return_days=self.return_days,
            exchange_days=self.exchange_days,
            machine_months=self.machine_months,
            main_component_months=self.main_component_months,
        )
