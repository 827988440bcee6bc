# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules import followup_cadence

LEAD_GRADES = [
    ("a", "A - Key"),
    ("b", "B - Interested"),
    ("c", "C - Possible"),
    ("d", "D - Unlikely"),
]


class CrmLeadGrade(models.Model):
    _name = "crm.lead.grade"
    _description = "Lead Grade Follow-up Cadence"
    _order = "company_id, grade"
    _rec_name = "grade"

    grade = fields.Selection(LEAD_GRADES, required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    scheduled = fields.Boolean(
        string="Regular Follow-up",
        default=True,
        help="Plan follow-up calls for leads of this grade; otherwise they only "
        "get holiday messages.",
    )
    first_days = fields.Integer(
        string="First Follow-up After (Days)",
        help="0: the same day the lead is graded.",
    )
    second_days = fields.Integer(string="Second Follow-up After (Days)", default=3)
    repeat_days = fields.Integer(
        string="Then Every (Days)",
        default=7,
        help="0: no follow-up after the second one.",
    )
    note = fields.Text(help="How to follow up leads of this grade.")

    _sql_constraints = [
        (
            "grade_company_uniq",
            "unique(grade, company_id)",
            "Each grade has one follow-up cadence per company.",
        ),
    ]

    @api.constrains("first_days", "second_days", "repeat_days")
    def _check_days(self):
        for cadence in self:
            if min(cadence.first_days, cadence.second_days, cadence.repeat_days) < 0:
                raise ValidationError(
                    self.env._(
                        "Follow-up intervals are counted in days from 0 upwards."
                    )
                )

    @api.model
    def _get_cadences(self, companies):
        """{(company id, grade): (first, second, repeat) days, or None for no
        regular follow-up}; the domain's defaults where a company has none."""
        cadences = {
            (company.id, grade): days
            for company in companies
            for grade, days in followup_cadence.DEFAULT_CADENCES.items()
        }
        for cadence in self.search_fetch(
            [("company_id", "in", companies.ids)],
            [
                "grade",
                "company_id",
                "scheduled",
                "first_days",
                "second_days",
                "repeat_days",
            ],
        ):
            cadences[cadence.company_id.id, cadence.grade] = (
                (cadence.first_days, cadence.second_days, cadence.repeat_days)
                if cadence.scheduled
                else None
            )
        return cadences
