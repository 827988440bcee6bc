# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .service_callback import CALLBACK_METHODS, CALLBACK_TYPES


class ServiceCallbackScript(models.Model):
    """The agreed wording of a callback (准备回访资料: the agreed wording) for
    one purpose (the callback type), optionally for one method: shown on the
    callback form of that purpose, in the reader's language."""

    _name = "service.callback.script"
    _description = "Callback Script"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to use the script in every company."
    )
    callback_type = fields.Selection(
        CALLBACK_TYPES,
        string="Purpose",
        required=True,
        help="The callbacks of this type show the script.",
    )
    method = fields.Selection(
        CALLBACK_METHODS,
        help="Only for callbacks made this way; leave empty for every method.",
    )
    body = fields.Html(string="Script", translate=True, sanitize=True)

    @api.model
    def _script_for(self, callback):
        """The script of ``callback``: the one of its purpose and method, else
        of its purpose for every method (its company's before the shared)."""
        scripts = self.search(
            [
                ("callback_type", "=", callback.callback_type),
                ("method", "in", [callback.method, False]),
                ("company_id", "in", [callback.company_id.id, False]),
            ]
        )
        return scripts.sorted(
            lambda s: (not s.method, not s.company_id, s.sequence, s.id)
        )[:1]
