# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The KPI dashboard: one card per indicator with the company's latest
monthly value against its target, its status colour, the trend since the
month before and the last months as small bars (a month without data is a
gap, not a 0)."""

from markupsafe import Markup, escape

from odoo import api, fields, models

from ..rules import kpi_periods

DASHBOARD_MONTHS = 6


class ServiceKpiIndicator(models.Model):
    _inherit = "service.kpi.indicator"

    dashboard_display = fields.Char(string="Latest", compute="_compute_dashboard")
    dashboard_period = fields.Char(string="Month", compute="_compute_dashboard")
    dashboard_status = fields.Selection(
        [
            ("met", "Target Met"),
            ("warning", "Warning"),
            ("failed", "Failed"),
            ("no_data", "No Data"),
        ],
        string="Status",
        compute="_compute_dashboard",
    )
    dashboard_trend = fields.Selection(
        [("up", "Up"), ("down", "Down"), ("flat", "Flat"), ("none", "No Trend")],
        string="Trend",
        compute="_compute_dashboard",
        help="The latest month against the month before.",
    )
    dashboard_trend_good = fields.Boolean(compute="_compute_dashboard")
    dashboard_months = fields.Html(
        string="By Month", compute="_compute_dashboard", sanitize=False
    )

    def _dashboard_format(self, value):
        self.ensure_one()
        if value is None:
            return "—"
        if self.unit == "percent":
            return f"{value:.1f} %"
        unit = dict(self._fields["unit"]._description_selection(self.env))[self.unit]
        return f"{value:.1f} {unit}"

    @api.depends_context("company")
    def _compute_dashboard(self):
        """The company-level monthly values of the last months, in one query
        for all the indicators."""
        today = fields.Date.context_today(self)
        months = [
            kpi_periods.add_months(today.replace(day=1), -offset)
            for offset in reversed(range(DASHBOARD_MONTHS))
        ]
        values = (
            self.env["service.kpi.value"]
            .sudo()
            .search_fetch(
                [
                    ("indicator_id", "in", self.ids),
                    ("period_type", "=", "month"),
                    ("level", "=", "company"),
                    ("date_from", ">=", months[0]),
                ],
                ["indicator_id", "date_from", "value", "has_data", "status"],
            )
        )
        by_key = {(v.indicator_id.id, v.date_from): v for v in values}
        for indicator in self:
            series = []
            for month in months:
                value = by_key.get((indicator.id, month))
                series.append(
                    (month, value.value if value and value.has_data else None, value)
                )
            measured = [(m, v, rec) for m, v, rec in series if v is not None]
            latest = measured[-1] if measured else None
            previous = measured[-2] if len(measured) > 1 else None
            indicator.dashboard_display = indicator._dashboard_format(
                latest[1] if latest else None
            )
            indicator.dashboard_period = (
                kpi_periods.period_label("month", latest[0]) if latest else False
            )
            indicator.dashboard_status = latest[2].status if latest else "no_data"
            if latest and previous:
                delta = latest[1] - previous[1]
                indicator.dashboard_trend = (
                    "flat" if abs(delta) < 0.05 else ("up" if delta > 0 else "down")
                )
            else:
                indicator.dashboard_trend = "none"
            indicator.dashboard_trend_good = (
                indicator.dashboard_trend == "up" and indicator.better_when == "higher"
            ) or (
                indicator.dashboard_trend == "down" and indicator.better_when == "lower"
            )
            indicator.dashboard_months = indicator._dashboard_bars(series)

    def _dashboard_bars(self, series):
        """Small bars of the months' values with the target as a line; a month
        without data is an empty slot."""
        self.ensure_one()
        top = max([v for _m, v, _r in series if v is not None] + [self.target, 1e-9])
        colours = {"met": "success", "warning": "warning", "failed": "danger"}
        target_pos = min(100.0, self.target / top * 100.0) if self.target else None
        cells = []
        for month, value, record in series:
            label = escape(f"{month.month:02d}")
            if value is None:
                bar = Markup(
                    '<div class="o_kpi_bar_gap border border-secondary '
                    'border-opacity-50" style="height: 100%%; '
                    'border-style: dashed !important;" title="%s"></div>'
                ) % (escape(self.env._("No data")),)
            else:
                height = max(3.0, value / top * 100.0)
                bar = Markup(
                    '<div class="bg-%s" style="height: %.0f%%;" title="%s"></div>'
                ) % (
                    colours.get(record.status, "secondary"),
                    height,
                    escape(self._dashboard_format(value)),
                )
            cells.append(
                Markup(
                    '<div class="d-flex flex-column flex-fill mx-1 text-center">'
                    '<div class="d-flex flex-column justify-content-end" '
                    'style="height: 48px;">%s</div>'
                    '<small class="text-muted">%s</small></div>'
                )
                % (bar, label)
            )
        target_line = (
            Markup(
                '<div class="position-absolute w-100 border-top border-dark" '
                'style="bottom: calc(%.0f%% * 48 / 100 + 18px); opacity: .5;"></div>'
            )
            % target_pos
            if target_pos is not None
            else Markup("")
        )
        return Markup(
            '<div class="position-relative d-flex align-items-end">%s%s</div>'
        ) % (Markup("").join(cells), target_line)
