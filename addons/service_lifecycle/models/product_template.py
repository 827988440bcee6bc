# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    is_main_component = fields.Boolean(
        string="Main Component",
        help="Main components (engine, gearbox...) have the longer free repair period.",
    )
    is_wearing_part = fields.Boolean(
        string="Wearing Part",
        help="Wearing parts are never repaired or replaced for free.",
    )

    @api.constrains("is_main_component", "is_wearing_part")
    def _check_service_part_kind(self):
        if self.filtered(lambda t: t.is_main_component and t.is_wearing_part):
            raise ValidationError(
                self.env._(
                    "A product is either a main component or a wearing part, not both."
                )
            )

    def _get_service_part_kind(self):
        """The part kind the warranty rules know for this product."""
        self.ensure_one()
        if self.is_wearing_part:
            return "wearing_part"
        if self.is_main_component:
            return "main_component"
        return "machine"
