# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

CUSTOMER_CLASSES = [
    ("key_account", "Key Account"),
    ("big_account", "Big Account"),
    ("farmer", "Farmer"),
    ("dealer", "Dealer"),
    ("regular", "Regular"),
]
PROVIDER_TYPES = [
    ("repair_center", "Repair Center"),
    ("branch", "Branch"),
    ("agency", "Authorised Agency"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    customer_class = fields.Selection(
        CUSTOMER_CLASSES,
        default="regular",
        required=True,
        tracking=True,
        help="Decides the service level of the customer's task orders together "
        "with the request type and the urgency.",
    )
    service_provider_type = fields.Selection(
        PROVIDER_TYPES,
        string="Service Provider Type",
        help="Set on repair centers, branches and authorised agencies that on-site "
        "task orders can be dispatched to.",
    )
    service_region_ids = fields.Many2many(
        "res.country.state",
        "res_partner_service_region_rel",
        "partner_id",
        "state_id",
        string="Regions Covered",
        help="Provinces where this service provider takes on-site work.",
    )
