# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..rules import kpi_penalties


class ServiceKpiPenalty(models.Model):
    """The reward or fine a callback report's commendation or criticism
    proposes (fines approved by the president's office)."""

    _inherit = "service.kpi.penalty"

    callback_report_id = fields.Many2one(
        "service.callback.report",
        string="Callback Report",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    detection = fields.Selection(
        selection_add=[
            ("report_commendation", "Callback Report Commended"),
            ("report_criticism", "Callback Report Criticized"),
        ],
        ondelete={
            "report_commendation": "set null",
            "report_criticism": "set null",
        },
    )

    @api.depends("callback_report_id")
    @api.depends_context("lang")
    def _compute_detection_reason(self):
        result = super()._compute_detection_reason()
        _ = self.env._
        wording = {
            "report_commendation": _(
                "Callback report %(report)s was commended by %(reviewer)s."
            ),
            "report_criticism": _(
                "Callback report %(report)s was criticized by %(reviewer)s."
            ),
        }
        for entry in self.filtered(lambda e: e.detection in wording):
            report = entry.callback_report_id.sudo()
            entry.detection_reason = wording[entry.detection] % {
                "report": report.display_name or "-",
                "reviewer": report.reviewer_id.name or "-",
            }
        return result


class ServiceCallbackReport(models.Model):
    """A signed-off report with a commendation or criticism proposes a reward
    or a fine for the agent (the appraisal counts the marks)."""

    _inherit = "service.callback.report"

    kpi_entry_ids = fields.One2many(
        "service.kpi.penalty",
        "callback_report_id",
        string="Reward or Fine",
        groups="service_kpi.group_kpi_user",
    )

    def _workflow_after_moves(self, moves):
        result = super()._workflow_after_moves(moves)
        for transition, reports in moves.items():
            if transition.target == "reviewed":
                reports.filtered("review_mark")._propose_review_entries()
        return result

    @api.model
    def _propose_missing_review_entries(self):
        """The entries of the reports signed off with a mark before the
        appraisal was installed (or while the agent had no employee)."""
        reports = self.sudo().search(
            [("state", "=", "reviewed"), ("review_mark", "!=", False)]
        )
        return reports._propose_review_entries()

    def _propose_review_entries(self):
        """One reward (commendation) or fine (criticism) per signed-off
        report, for the agent's employee in the report's company, dated the
        local day of the sign-off; once per report."""
        Penalty = self.env["service.kpi.penalty"].sudo()
        done = Penalty.search([("callback_report_id", "in", self.ids)])
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search_fetch(
                [("user_id", "in", self.user_id.ids)], ["user_id", "company_id"]
            )
        )
        by_user = {(e.user_id.id, e.company_id.id): e for e in employees}
        vals_list = []
        for report in self - done.callback_report_id:
            employee = by_user.get((report.user_id.id, report.company_id.id))
            if not employee:
                report.sudo().message_post(
                    body=self.env._(
                        "No reward or fine was proposed for this report's "
                        "review: %s has no employee record in this company.",
                        report.user_id.name,
                    )
                )
                continue
            vals_list.append(
                {
                    "kind": kpi_penalties.REVIEW_MARK_KINDS[report.review_mark],
                    "employee_id": employee.id,
                    "company_id": report.company_id.id,
                    "date": report.company_id._local_day(
                        report.reviewed_on or fields.Datetime.now()
                    ),
                    "source": "auto",
                    "detection": f"report_{report.review_mark}",
                    "callback_report_id": report.id,
                }
            )
        return Penalty.create(vals_list)


class ServiceKpiAppraisal(models.Model):
    """The commendations and criticisms of the callback reports signed off in
    the period move the appraisal score (monthly, quarterly and the annual
    rating alike)."""

    _inherit = "service.kpi.appraisal"

    commendation_count = fields.Integer(
        string="Commendations",
        readonly=True,
        help="Callback reports of the period signed off with a commendation.",
    )
    criticism_count = fields.Integer(
        string="Criticisms",
        readonly=True,
        help="Callback reports of the period signed off with a criticism.",
    )

    def _compute_scores(self):
        result = super()._compute_scores()
        marks = self._get_review_marks()
        for appraisal in self:
            company = appraisal.company_id
            commendations, criticisms = marks.get(appraisal.id, (0, 0))
            appraisal.write(
                {
                    "commendation_count": commendations,
                    "criticism_count": criticisms,
                    "review_adjustment": commendations * company.kpi_commendation_points
                    - criticisms * company.kpi_criticism_points,
                }
            )
        return result

    def _get_review_marks(self):
        """{appraisal id: (commendations, criticisms)} of the employee's
        callback reports signed off for days of the period (archived ones
        too: archiving only files them), in one grouped query."""
        if not self:
            return {}
        groups = (
            self.env["service.callback.report"]
            .sudo()
            ._read_group(
                [
                    ("user_id", "in", self.employee_id.user_id.ids),
                    ("state", "=", "reviewed"),
                    ("review_mark", "!=", False),
                    ("report_date", ">=", min(self.mapped("date_from"))),
                    ("report_date", "<=", max(self.mapped("date_to"))),
                ],
                ["user_id", "company_id", "report_date:day", "review_mark"],
                ["__count"],
            )
        )
        result = {}
        for appraisal in self:
            commendations = criticisms = 0
            for user, company, day, mark, count in groups:
                if (
                    user == appraisal.employee_id.user_id
                    and company == appraisal.company_id
                    and appraisal.date_from <= day <= appraisal.date_to
                ):
                    if mark == "commendation":
                        commendations += count
                    else:
                        criticisms += count
            result[appraisal.id] = (commendations, criticisms)
        return result


class ResCompany(models.Model):
    _inherit = "res.company"

    kpi_commendation_points = fields.Float(
        string="Points per Commendation",
        default=2.0,
        help="Added to the appraisal score for each callback report commended "
        "in the period (not in the sources: adjustable).",
    )
    kpi_criticism_points = fields.Float(
        string="Points per Criticism",
        default=5.0,
        help="Taken from the appraisal score for each callback report "
        "criticized in the period (not in the sources: adjustable).",
    )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    kpi_commendation_points = fields.Float(
        related="company_id.kpi_commendation_points", readonly=False
    )
    kpi_criticism_points = fields.Float(
        related="company_id.kpi_criticism_points", readonly=False
    )
