# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..rules import figures
from ..rules.workflow import Transition, TransitionTable
from .service_customer_file import SALES_DIRECTOR


class ServiceCustomerFileAccess(models.Model):
    """A request to read a customer's confidential file, approved or refused
    by the sales director; an approved access lasts until the end of its last
    day (the company's local day) or for good, and the director may revoke
    it."""

    _name = "service.customer.file.access"
    _description = "Customer File Access"
    _inherit = ["mail.thread", "service.workflow.mixin"]
    _order = "id desc"
    _workflow_field = "state"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        ondelete="cascade",
        index=True,
        domain="[('parent_id', '=', False)]",
        help="The customer whose confidential file is to be read.",
    )
    company_id = fields.Many2one(related="partner_id.company_id", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Requested By",
        required=True,
        default=lambda self: self.env.user,
        index=True,
    )
    reason = fields.Text(required=True, help="Why you need to read the file.")
    date_until = fields.Date(
        string="Until",
        tracking=True,
        help="Last day of the access (the company's local day); empty for a "
        "permanent access.",
    )
    expires_at = fields.Datetime(
        compute="_compute_expires_at",
        store=True,
        help="The end of the last day, in UTC: the record rule compares it with "
        "the current time.",
    )
    state = fields.Selection(
        string="Status",
        selection=[
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("refused", "Refused"),
            ("revoked", "Revoked"),
        ],
        default="requested",
        required=True,
        tracking=True,
        index=True,
    )
    is_valid = fields.Boolean(
        string="Valid Now",
        compute="_compute_is_valid",
        search="_search_is_valid",
        help="Approved and not expired: it lets its user read the file now.",
    )
    approver_id = fields.Many2one("res.users", string="Decided By", readonly=True)
    decision_date = fields.Datetime(string="Decided On", readonly=True)

    @api.depends("date_until", "company_id")
    def _compute_expires_at(self):
        for access in self:
            if not access.date_until:
                access.expires_at = False
                continue
            company = access.company_id or self.env.company
            access.expires_at = figures.local_period_utc(
                access.date_until, access.date_until, company._get_service_tz()
            )[1]

    @api.depends("state", "expires_at")
    def _compute_is_valid(self):
        valid = self.filtered_domain(self._valid_domain())
        for access in self:
            access.is_valid = access in valid

    def _search_is_valid(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Valid Now."))
        domain = self._valid_domain()
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model
    def _valid_domain(self):
        """The one definition of an access that lets its user read the file
        now (the record rule of the file searches ``is_valid``; the search runs
        at query time, so the moment of expiry holds whatever the rule cache)."""
        return [
            ("state", "=", "approved"),
            "|",
            ("expires_at", "=", False),
            ("expires_at", ">", fields.Datetime.now()),
        ]

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    @api.model
    def _workflow_transitions(self):
        return TransitionTable(
            [
                Transition(
                    "requested", "approved", (SALES_DIRECTOR,), "_check_approvable"
                ),
                Transition("requested", "refused", (SALES_DIRECTOR,)),
                Transition("approved", "revoked", (SALES_DIRECTOR,)),
            ]
        )

    @api.model
    def _workflow_initial_steps(self, field=None):
        return {"requested"}

    def _check_approvable(self):
        """An approved access ends today or later."""
        for access in self:
            company = access.company_id or self.env.company
            today = company._local_day(fields.Datetime.now())
            if access.date_until and access.date_until < today:
                raise UserError(
                    self.env._(
                        "The access of %(user)s would end before today: change its "
                        "last day or leave it empty for a permanent access.",
                        user=access.user_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(SALES_DIRECTOR):
            # a request is one's own
            for vals in vals_list:
                vals["user_id"] = self.env.uid
        return super().create(vals_list)

    def write(self, vals):
        """The terms of a decided access are the sales director's."""
        if not self.env.su and not self.env.user.has_group(SALES_DIRECTOR):
            if set(vals) & {"user_id", "partner_id", "date_until"} and self.filtered(
                lambda a: a.state != "requested"
            ):
                raise UserError(
                    self.env._(
                        "Only the sales director changes an access once it is decided."
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _decide(self, state):
        self.write(
            {
                "state": state,
                "approver_id": self.env.uid,
                "decision_date": fields.Datetime.now(),
            }
        )
        for access in self:
            access.message_post(
                body=self.env._(
                    "Access %(state)s by %(user)s.",
                    state=self._workflow_step_label(state),
                    user=self.env.user.name,
                ),
                partner_ids=access.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_approve(self):
        return self._decide("approved")

    def action_refuse(self):
        return self._decide("refused")

    def action_revoke(self):
        return self._decide("revoked")
