# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from ..rules import figures


class ServiceVisitMixin(models.AbstractModel):
    """Visits in the field: the records whose visit falls on the company's
    local day (today's visits of a technician or a callback agent). A model
    names its visit's date field and which of its records are visits."""

    _name = "service.visit.mixin"
    _description = "Field Visits"

    # the datetime of the visit (a naive UTC datetime)
    _visit_date_field = None

    visit_today = fields.Boolean(
        string="Visit Today",
        compute="_compute_visit_today",
        search="_search_visit_today",
        help="A visit on today's date (the company's local day).",
    )

    @api.model
    def _visit_domain(self):
        """The records that are visits (on-site ones)."""
        return []

    @api.model
    def _visit_period_domain(self, start, end):
        """Visits in the UTC range [start, end)."""
        field = self._visit_date_field
        return [(field, ">=", start), (field, "<", end)]

    @api.model
    def _visit_today_domain(self):
        """Visits on the company's local day, as a UTC range."""
        company = self.env.company
        today = company._local_day(fields.Datetime.now())
        start, end = figures.local_period_utc(today, today, company._get_service_tz())
        return expression.AND(
            [self._visit_domain(), self._visit_period_domain(start, end)]
        )

    def _compute_visit_today(self):
        today = self.filtered_domain(self._visit_today_domain())
        today.visit_today = True
        (self - today).visit_today = False

    def _search_visit_today(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(
                self.env._("Search Visit Today with = or != True/False.")
            )
        domain = self._visit_today_domain()
        if (operator == "=") == value:
            return domain
        # a subquery, not "!": an empty date would make the negation NULL
        return [("id", "not in", self._search(domain))]
