# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    callback_ids = fields.One2many("service.callback", "partner_id", string="Callbacks")
    callback_count = fields.Integer(
        compute="_compute_callback_count",
        groups="service_callback.group_callback_agent",
    )
    callback_suggestion_count = fields.Integer(
        string="Suggestions",
        compute="_compute_callback_suggestion_count",
        groups="service_callback.group_callback_assignee",
    )
    callback_fewer_calls = fields.Boolean(
        string="Fewer Calls",
        help="The customer asked to be called less often: recurring callbacks "
        "come at a lower frequency (see the fewer-calls factor of each rule).",
    )
    callback_confidential_notes = fields.Text(
        string="Confidential Callback Notes",
        groups="service_callback.group_callback_supervisor",
        help="Notes on the customer that only callback supervisors can read.",
    )

    @api.depends_context("uid")
    def _compute_callback_count(self):
        counts = dict(
            self.env["service.callback"]._read_group(
                [("partner_id", "child_of", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.callback_count = sum(
                count
                for callback_partner, count in counts.items()
                if callback_partner.commercial_partner_id == partner
                or callback_partner == partner
            )

    @api.depends_context("uid")
    def _compute_callback_suggestion_count(self):
        Callback = self.env["service.callback"]
        for partner in self:
            partner.callback_suggestion_count = Callback.search_count(
                partner._callback_suggestion_domain()
            )

    def _callback_suggestion_domain(self):
        """The suggestions the customer (and its contacts) made on callbacks:
        the input of the customer development plan."""
        self.ensure_one()
        return [
            ("partner_id", "child_of", self.commercial_partner_id.id),
            ("customer_suggestions", "!=", False),
        ]

    def action_view_callback_suggestions(self):
        """The customer's suggestions recorded on callbacks, valuable first."""
        self.ensure_one()
        partner = self.commercial_partner_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Suggestions of %s", partner.display_name),
            "res_model": "service.callback",
            "view_mode": "list,form",
            "views": [
                (
                    self.env.ref(
                        "service_callback.service_callback_view_list_suggestions"
                    ).id,
                    "list",
                ),
                (False, "form"),
            ],
            "domain": self._callback_suggestion_domain(),
            "context": {"default_partner_id": partner.id},
        }

    def action_view_callbacks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_callback.service_callback_action"
        )
        action.update(
            {
                "domain": [("partner_id", "child_of", self.id)],
                "context": {"default_partner_id": self.id},
            }
        )
        return action
