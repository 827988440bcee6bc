# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the callback figures count: one definition of each, used by the
monthly statistics (service_callback_monthly_report.py), the complaint close
gate (helpdesk_ticket.py) and service_kpi's measures."""

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

# The callbacks of the routine programme: after installation, every 6 months,
# and the on-site visits of key and big accounts (routine callbacks made on
# site). Pre-sale, event and greeting callbacks are not part of it.
ROUTINE_TYPES = ("installation", "routine")

# rate: (numerator count, denominator count) of ``_figure_domains``
CALLBACK_RATES = {
    # the programme's callback rate (target 80 %): routine callbacks done
    # out of those due
    "callback_rate": ("routine_done_count", "routine_due_count"),
    # valid callbacks (done and reaching the customer) out of all callbacks
    # due: 5,308 valid of 5,605 in a month in the sources
    "valid_rate": ("valid_count", "due_count"),
    # per agent in the monthly statistics; per employee served in service_kpi
    "satisfaction_rate": ("satisfied_count", "rated_count"),
    # separate, target 100 %: every complaint gets its callback
    "complaint_callback_rate": ("complaint_done_count", "complaint_due_count"),
}


# The records whose customers an employee serves, and whose follow-up
# callbacks' ratings are that employee's customer satisfaction.
SERVED_MODELS = ("helpdesk.ticket", "repair.order")


class ServiceCallback(models.Model):
    _inherit = "service.callback"

    served_user_id = fields.Many2one(
        "res.users",
        string="Served By",
        compute="_compute_served_user_id",
        search="_search_served_user_id",
        help="Who served the customer this callback follows up: the technician "
        "of the task order (after its hand-off), the owner of the complaint "
        "(after a hand-over), the person responsible for the repair. The "
        "customer's rating on the callback is that person's satisfaction, not "
        "the callback agent's.",
    )

    def _compute_served_user_id(self):
        self.flush_recordset(["res_model", "res_id"])
        rows = dict(
            self.env.execute_query(
                SQL(
                    "SELECT cb.id, %s FROM service_callback cb WHERE cb.id = ANY(%s)",
                    self._served_user_sql(SQL.identifier("cb")),
                    self.ids,
                )
            )
        )
        for callback in self:
            callback.served_user_id = rows.get(callback.id)

    def _search_served_user_id(self, operator, value):
        if operator not in ("in", "=") or not value:
            raise NotImplementedError(self.env._("Unsupported search on Served By."))
        users = [value] if isinstance(value, int) else list(value)
        query = SQL(
            "(SELECT cb.id FROM service_callback cb WHERE %s = ANY(%s))",
            self._served_user_sql(SQL.identifier("cb")),
            users,
        )
        return [("id", "in", query)]

    @api.model
    def _served_user_sql(self, alias):
        """SQL: the user who served the customer the callback ``alias`` (a
        table alias) follows up (see ``served_user_id``); NULL for a callback
        that follows no task order or repair."""
        self.env["helpdesk.ticket"].flush_model(
            ["request_type", "user_id", "complaint_owner_id"]
        )
        self.env["repair.order"].flush_model(["user_id"])
        return SQL(
            """COALESCE(
                (SELECT CASE WHEN t.request_type = 'complaint'
                             THEN t.complaint_owner_id ELSE t.user_id END
                   FROM helpdesk_ticket t
                  WHERE %(cb)s.res_model = 'helpdesk.ticket'
                    AND t.id = %(cb)s.res_id),
                (SELECT r.user_id FROM repair_order r
                  WHERE %(cb)s.res_model = 'repair.order'
                    AND r.id = %(cb)s.res_id))""",
            cb=alias,
        )

    @api.model
    def _callback_served_domain(self):
        """Callbacks that follow up a task order, complaint or repair: their
        ratings measure the service of whoever served the customer."""
        return [("res_model", "in", SERVED_MODELS), ("res_id", "!=", False)]

    @api.model
    def _callback_due_domain(self):
        """Callbacks due: every callback but the cancelled ones."""
        return [("state", "!=", "cancelled")]

    @api.model
    def _callback_routine_domain(self):
        """Callbacks of the routine programme (``ROUTINE_TYPES``)."""
        return [("callback_type", "in", ROUTINE_TYPES)]

    @api.model
    def _callback_completed_domain(self):
        """Callbacks recorded as done, whether or not they reached the
        customer: what the callback rate counts."""
        return [("state", "=", "done")]

    @api.model
    def _callback_done_domain(self):
        """A callback that counts as made (a valid callback): done, and it
        reached the customer. What the valid callback rate counts, and what
        a complaint's callback must be before the complaint closes."""
        return [("state", "=", "done"), ("reached", "=", True)]

    @api.model
    def _callback_rated_domain(self):
        """Done callbacks with the customer's rating."""
        return [("state", "=", "done"), ("rating", "!=", False)]

    @api.model
    def _callback_satisfied_domain(self):
        """Rated callbacks whose customer was satisfied."""
        return [*self._callback_rated_domain(), ("rating", "=", "satisfied")]

    @api.model
    def _callback_onsite_visit_domain(self):
        """On-site callbacks that are visits the customer signs: every on-site
        callback but those marked "customer not reached" (with their reason),
        which owe no signature."""
        return [("method", "=", "onsite"), ("not_reached_reason", "=", False)]

    @api.model
    def _callback_signed_visit_domain(self):
        """On-site visits made and signed by the customer: done, reached and
        signed. A callback that did not reach the customer is never one."""
        return [
            *self._callback_onsite_visit_domain(),
            *self._callback_done_domain(),
            ("signed_on", "!=", False),
        ]

    @api.model
    def _complaint_callback_domain(self, tickets=None):
        """Complaint callbacks. With ``tickets``, the complaint callbacks of
        complaints: those that follow a task order up (``res_model`` and
        ``res_id``), one of ``tickets`` (task orders or their ids), or any
        task order when ``tickets`` is ``True``."""
        domain = [("callback_type", "=", "complaint")]
        if tickets is None:
            return domain
        domain.append(("res_model", "=", "helpdesk.ticket"))
        if tickets is not True:
            if isinstance(tickets, models.BaseModel):
                tickets = tickets.ids
            domain.append(("res_id", "in", tickets))
        return domain

    @api.model
    def _figure_domains(self):
        """{count: domain} of the monthly callback statistics."""
        due = self._callback_due_domain()
        rated = self._callback_rated_domain()
        complaint_due = expression.AND([due, self._complaint_callback_domain()])
        routine_due = expression.AND([due, self._callback_routine_domain()])
        return {
            "due_count": due,
            "done_count": expression.AND([due, self._callback_completed_domain()]),
            "valid_count": expression.AND([due, self._callback_done_domain()]),
            "rated_count": rated,
            "satisfied_count": self._callback_satisfied_domain(),
            "overdue_count": expression.AND([due, [("is_overdue", "=", True)]]),
            "signed_visit_count": expression.AND(
                [due, self._callback_signed_visit_domain()]
            ),
            "routine_due_count": routine_due,
            "routine_done_count": expression.AND(
                [routine_due, self._callback_completed_domain()]
            ),
            "complaint_due_count": complaint_due,
            "complaint_done_count": expression.AND(
                [complaint_due, self._callback_done_domain()]
            ),
        }

    @api.model
    def _rate_domains(self, rate):
        """(numerator, denominator) domains of the callback rate ``rate``
        (see ``CALLBACK_RATES``); the numerator's callbacks are among the
        denominator's."""
        figures = self._figure_domains()
        numerator, denominator = CALLBACK_RATES[rate]
        return figures[numerator], figures[denominator]
