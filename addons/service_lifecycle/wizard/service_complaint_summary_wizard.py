# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..rules.figures import ratio


class ServiceComplaintSummaryWizard(models.TransientModel):
    _name = "service.complaint.summary.wizard"
    _description = "Monthly Complaint Summary"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: (
            fields.Date.context_today(self).replace(day=1)
            + relativedelta(months=1, days=-1)
        ),
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.onchange("date_from")
    def _onchange_date_from(self):
        if self.date_from:
            self.date_to = self.date_from + relativedelta(months=1, days=-1)

    def _get_domain(self):
        self.ensure_one()
        start = fields.Datetime.to_datetime(self.date_from)
        stop = fields.Datetime.to_datetime(self.date_to + relativedelta(days=1))
        return [
            ("company_id", "=", self.company_id.id),
            ("date", ">=", start),
            ("date", "<", stop),
        ]

    def _get_summary(self):
        """The figures of the summary: complaints counted by cause, product and
        responsible department, and the share solved within the solution
        deadline; one grouped query per dimension."""
        self.ensure_one()
        Report = self.env["service.complaint.report"]
        domain = self._get_domain()
        [(total, in_time, replied)] = Report._read_group(
            domain, [], ["nbr:sum", "solved_in_time:sum", "replied_in_time:sum"]
        )
        solved = Report.search_count([*domain, ("is_solved", "=", True)])
        candidates = Report.search_count([*domain, ("major_candidate", "=", True)])
        undefined = self.env._("Undefined")
        causes = dict(Report._fields["cause"]._description_selection(self.env))

        def rows(groupby, label):
            groups = Report._read_group(domain, [groupby], ["nbr:sum"])
            result = [(label(key), count) for key, count in groups]
            return sorted(result, key=lambda row: (-row[1], row[0]))

        return {
            "total": total or 0,
            "solved": solved,
            "solved_in_time": in_time or 0,
            "replied_in_time": replied or 0,
            "solved_in_time_rate": ratio(in_time or 0, total or 0, scale=1),
            "major_candidates": candidates,
            "by_cause": rows("cause", lambda key: causes.get(key, undefined)),
            "by_product": rows(
                "product_id", lambda key: key.display_name if key else undefined
            ),
            "by_department": rows(
                "department_id", lambda key: key.display_name if key else undefined
            ),
        }

    def action_print(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(self.env._("The summary must end after it starts."))
        return self.env.ref(
            "service_lifecycle.action_report_complaint_summary"
        ).report_action(self)
