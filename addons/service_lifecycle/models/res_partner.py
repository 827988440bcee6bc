# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

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

    customer_needs = fields.Text(
        string="Needs and Preferences",
        help="What the customer needs and prefers, from consultations and visits.",
    )
    # Customer files are confidential: only sales managers read these.
    purchasing_power = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")],
        groups="sales_team.group_sale_manager",
    )
    credit_status = fields.Selection(
        [
            ("good", "Good"),
            ("normal", "Normal"),
            ("watch", "Under Watch"),
            ("blocked", "Blocked"),
        ],
        groups="sales_team.group_sale_manager",
    )
    confidential_note = fields.Text(
        string="Confidential Notes", groups="sales_team.group_sale_manager"
    )
    consultation_ids = fields.One2many(
        "crm.consultation", "partner_id", string="Consultations"
    )
    consultation_count = fields.Integer(compute="_compute_consultation_count")

    def _compute_consultation_count(self):
        # a company counts the consultations of its contacts too
        partners = self.with_context(active_test=False).search_fetch(
            [("id", "child_of", self.ids)], ["parent_id"]
        )
        groups = self.env["crm.consultation"]._read_group(
            [("partner_id", "in", partners.ids)], ["partner_id"], ["__count"]
        )
        self.consultation_count = 0
        own_ids = set(self._ids)
        for partner, count in groups:
            while partner:
                if partner.id in own_ids:
                    self.browse(partner.id).consultation_count += count
                partner = partner.parent_id

    @api.readonly
    def action_view_consultations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_lifecycle.crm_consultation_action"
        )
        action["domain"] = [("partner_id", "child_of", self.ids)]
        action["context"] = {"default_partner_id": self.id}
        return action
