# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..rules import kpi_periods

# Stable, machine-readable column names for the payroll import.
COLUMNS = [
    "employee",
    "employee_code",
    "department",
    "period",
    "entry_type",
    "reason",
    "tier",
    "score",
    "amount",
    "bonus_cut_percent",
    "reference",
]


class ServiceKpiPayrollExport(models.TransientModel):
    """A period's bonuses and penalties for payroll: one row per approved or
    locked appraisal (its tier, the quality bonus or the bonus cut) and one row
    per approved penalty or reward (deductions negative)."""

    _name = "service.kpi.payroll.export"
    _description = "Export Bonuses and Penalties for Payroll"

    date_from = fields.Date(
        required=True,
        default=lambda self: kpi_periods.previous_month(
            fields.Date.context_today(self)
        ),
    )
    date_to = fields.Date(
        required=True,
        default=lambda self: kpi_periods.month_bounds(
            kpi_periods.previous_month(fields.Date.context_today(self))
        )[1],
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    file_format = fields.Selection(
        [("xlsx", "Excel (XLSX)"), ("csv", "CSV")], required=True, default="xlsx"
    )
    data = fields.Binary(string="File", readonly=True, attachment=False)
    filename = fields.Char(readonly=True)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise UserError(
                    self.env._("The export period must end after it starts.")
                )

    def _appraisal_rows(self):
        company = self.company_id
        appraisals = self.env["service.kpi.appraisal"].search(
            [
                ("company_id", "=", company.id),
                ("state", "in", ("approved", "locked")),
                ("date_from", ">=", self.date_from),
                ("date_from", "<=", self.date_to),
            ],
            order="date_from, employee_id",
        )
        tiers = dict(appraisals._fields["tier"]._description_selection(self.env))
        rows = []
        for appraisal in appraisals:
            employee = appraisal.employee_id.sudo()
            cut = {
                "criticism": company.kpi_bonus_cut_percent,
                "no_bonus": 100.0,
            }.get(appraisal.tier, 0.0)
            rows.append(
                {
                    "employee": employee.name,
                    "employee_code": employee.barcode or "",
                    "department": employee.department_id.name or "",
                    "period": appraisal.period,
                    "entry_type": "appraisal",
                    "reason": tiers.get(appraisal.tier, ""),
                    "tier": appraisal.tier or "",
                    "score": round(appraisal.final_score, 2),
                    "amount": company.kpi_quality_bonus
                    if appraisal.tier == "bonus"
                    else 0.0,
                    "bonus_cut_percent": cut,
                    "reference": appraisal.name,
                }
            )
        return rows

    def _penalty_rows(self):
        entries = self.env["service.kpi.penalty"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "approved"),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ],
            order="date, employee_id, id",
        )
        kinds = dict(entries._fields["kind"]._description_selection(self.env))
        return [
            {
                "employee": entry.employee_id.sudo().name,
                "employee_code": entry.employee_id.sudo().barcode or "",
                "department": entry.department_id.name or "",
                "period": kpi_periods.period_label("month", entry.date),
                "entry_type": "reward" if entry.is_reward else "penalty",
                "reason": kinds.get(entry.kind, ""),
                "tier": "",
                "score": "",
                "amount": entry.signed_amount,
                "bonus_cut_percent": "",
                "reference": entry.name,
            }
            for entry in entries
        ]

    def _get_rows(self):
        self.ensure_one()
        return self._appraisal_rows() + self._penalty_rows()

    def _render_csv(self, rows):
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8-sig")

    def _render_xlsx(self, rows):
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet("payroll")
        bold = workbook.add_format({"bold": True})
        for col, name in enumerate(COLUMNS):
            sheet.write(0, col, name, bold)
        for row_index, row in enumerate(rows, start=1):
            for col, name in enumerate(COLUMNS):
                sheet.write(row_index, col, row[name])
        workbook.close()
        return buffer.getvalue()

    def action_export(self):
        self.ensure_one()
        if not self.env.user.has_group("service_kpi.group_kpi_manager"):
            raise UserError(self.env._("Only KPI managers can export for payroll."))
        rows = self._get_rows()
        if self.file_format == "csv":
            content = self._render_csv(rows)
        else:
            content = self._render_xlsx(rows)
        self.write(
            {
                "data": base64.b64encode(content),
                "filename": (
                    f"payroll_{self.date_from}_{self.date_to}.{self.file_format}"
                ),
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/data/{self.filename}"
            "?download=true",
            "target": "self",
        }
