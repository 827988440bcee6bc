# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models

from .service_policy_rule import REQUEST_TYPES

# the situations of a call the hotline's rules give words for (公司服务流程与规范,
# 服务规范 2-5 and 告别用户)
SCRIPT_PURPOSES = [
    ("transfer", "Transferring the Call"),
    ("complaint", "Complaint"),
    ("fault", "Fault Report"),
    ("handoff", "Hand-off to the Technician"),
    ("product", "Product Enquiry"),
    ("technical", "Technical Question"),
    ("farewell", "Farewell"),
]


class ServiceHotlineScript(models.Model):
    """What the phone agent says in each situation of a call, after the
    greeting: the words (translatable, in the agent's language) and what to do.
    The intake shows the scripts of the call's request type (and those for
    every type)."""

    _name = "service.hotline.script"
    _description = "Hotline Script"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    purpose = fields.Selection(SCRIPT_PURPOSES, required=True)
    request_type = fields.Selection(
        REQUEST_TYPES, help="The calls it is shown for; empty for every call."
    )
    script = fields.Text(
        string="Words", required=True, translate=True, help="What the agent says."
    )
    instruction = fields.Text(translate=True, help="What the agent does.")
    company_id = fields.Many2one(
        "res.company", help="Leave empty for every company.", index=True
    )

    @api.depends("purpose", "request_type")
    def _compute_display_name(self):
        purposes = dict(self._fields["purpose"]._description_selection(self.env))
        types = dict(self._fields["request_type"]._description_selection(self.env))
        for script in self:
            name = purposes.get(script.purpose, "")
            if script.request_type:
                name = f"{name} ({types[script.request_type]})"
            script.display_name = name

    @api.model
    def _get_scripts(self, request_type, company=None):
        """The active scripts for a call of ``request_type``, in order."""
        company = company or self.env.company
        return self.search(
            [
                ("request_type", "in", [request_type, False]),
                ("company_id", "in", [company.id, False]),
            ]
        )

    def _render_html(self):
        """The scripts as the intake shows them: the situation, the words in
        quotes, what to do."""
        purposes = dict(self._fields["purpose"]._description_selection(self.env))
        items = Markup("").join(
            Markup("<li class='mb-1'><strong>%s</strong>: <q>%s</q>%s</li>")
            % (
                purposes[script.purpose],
                script.script,
                Markup(" <span class='text-muted'>%s</span>") % script.instruction
                if script.instruction
                else "",
            )
            for script in self
        )
        return Markup("<ul class='mb-0'>%s</ul>") % items if self else False
