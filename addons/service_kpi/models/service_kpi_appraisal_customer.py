# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer evaluation of an appraisal, and where it comes from: the
ratings of the employee's callbacks and the scores of the customer surveys
sent with them. The appraisal itself (service_kpi_appraisal.py) only adds the
counts up; another source of customer evaluation extends this file's
``_get_customer_ratings``."""

from collections import defaultdict

from odoo import api, models
from odoo.addons.service_callback.rules.callback_statistics import (
    rating_from_score,
    score_from_percentage,
)
from odoo.tools import SQL

from ..rules import kpi_periods


class ServiceKpiAppraisal(models.Model):
    _inherit = "service.kpi.appraisal"

    def _get_customer_ratings(self):
        """{appraisal id: (satisfied, rated)} from the callback ratings and the
        customer surveys of the employee's user in the period: two grouped
        queries per distinct period.

        Extension point: other sources of customer evaluation add their answers
        here (call super and add to both counts)."""
        result = {}
        by_period = defaultdict(lambda: self.browse())
        for appraisal in self:
            if appraisal.user_id:
                by_period[(appraisal.date_from, appraisal.date_to)] |= appraisal
        for (date_from, date_to), appraisals in by_period.items():
            dt_from, dt_to = kpi_periods.datetime_range(date_from, date_to)
            counts = defaultdict(lambda: [0, 0])
            for source in (
                self._get_callback_ratings(appraisals.user_id, dt_from, dt_to),
                self._get_survey_ratings(appraisals.user_id, dt_from, dt_to),
            ):
                for user_id, (satisfied, rated) in source.items():
                    counts[user_id][0] += satisfied
                    counts[user_id][1] += rated
            for appraisal in appraisals:
                result[appraisal.id] = tuple(counts[appraisal.user_id.id])
        return result

    @api.model
    def _get_callback_ratings(self, users, dt_from, dt_to):
        """{user id: (satisfied, rated)}: the rated callbacks the users did in
        ``[dt_from, dt_to)``, in one grouped query."""
        groups = (
            self.env["service.callback"]
            .sudo()
            ._read_group(
                [
                    ("user_id", "in", users.ids),
                    ("state", "=", "done"),
                    ("done_datetime", ">=", dt_from),
                    ("done_datetime", "<", dt_to),
                    ("rating", "!=", False),
                ],
                ["user_id", "rating"],
                ["__count"],
            )
        )
        counts = defaultdict(lambda: [0, 0])
        for user, rating, count in groups:
            counts[user.id][1] += count
            if rating == "satisfied":
                counts[user.id][0] += count
        return {user_id: tuple(pair) for user_id, pair in counts.items()}

    @api.model
    def _get_survey_ratings(self, users, dt_from, dt_to):
        """{user id: (satisfied, answered)}: the scored customer surveys sent
        with the users' callbacks and completed in ``[dt_from, dt_to)``, in one
        grouped query. A survey counts as satisfied when its score maps to a
        satisfied rating the way service_callback maps it onto its callback
        (``score_from_percentage``, then ``rating_from_score``). Surveys of done
        callbacks that carry a rating are left out: that rating already counts.
        """
        if not users:
            return {}
        self.env["survey.user_input"].flush_model(
            ["callback_id", "state", "end_datetime", "scoring_percentage", "survey_id"]
        )
        self.env["survey.survey"].flush_model(["scoring_type"])
        self.env["service.callback"].flush_model(["user_id", "state", "rating"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT cb.user_id, ui.scoring_percentage, COUNT(*)
                  FROM survey_user_input ui
                  JOIN service_callback cb ON cb.id = ui.callback_id
                  JOIN survey_survey sv ON sv.id = ui.survey_id
                 WHERE ui.state = 'done'
                   AND ui.end_datetime >= %s
                   AND ui.end_datetime < %s
                   AND cb.user_id = ANY(%s)
                   AND sv.scoring_type != 'no_scoring'
                   AND NOT (cb.state = 'done' AND cb.rating IS NOT NULL)
              GROUP BY cb.user_id, ui.scoring_percentage
                """,
                dt_from,
                dt_to,
                users.ids,
            )
        )
        counts = defaultdict(lambda: [0, 0])
        for user_id, percentage, count in rows:
            counts[user_id][1] += count
            if rating_from_score(score_from_percentage(percentage)) == "satisfied":
                counts[user_id][0] += count
        return {user_id: tuple(pair) for user_id, pair in counts.items()}
