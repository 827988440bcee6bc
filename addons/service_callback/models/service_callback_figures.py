# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the callback figures count: one definition of each, used by the
monthly statistics (service_callback_monthly_report.py), the complaint close
gate (helpdesk_ticket.py) and service_kpi's measures."""

from odoo import api, models
from odoo.osv import expression

# rate: (numerator count, denominator count) of ``_figure_domains``
CALLBACK_RATES = {
    "callback_rate": ("done_count", "due_count"),
    "valid_rate": ("valid_count", "due_count"),
    "satisfaction_rate": ("satisfied_count", "rated_count"),
    "complaint_callback_rate": ("complaint_done_count", "complaint_due_count"),
}


class ServiceCallback(models.Model):
    _inherit = "service.callback"

    @api.model
    def _callback_due_domain(self):
        """Callbacks due: every callback but the cancelled ones."""
        return [("state", "!=", "cancelled")]

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
