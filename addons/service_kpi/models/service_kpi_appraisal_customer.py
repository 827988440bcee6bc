# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer evaluation of an appraisal, and where it comes from: the
satisfaction of the customers the employee served (the ratings of the
callbacks that follow up the task orders, complaints and repairs the employee
handled, ``service.callback.served_user_id``) and the scores of the customer
surveys sent with those callbacks. The callback agent is not credited. The
appraisal itself (service_kpi_appraisal.py) only adds the counts up; another
source of customer evaluation extends this file's ``_get_customer_ratings``."""

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
                by_period[
                    (appraisal.date_from, appraisal.date_to, appraisal.company_id)
                ] |= appraisal
        for (date_from, date_to, company), appraisals in by_period.items():
            dt_from, dt_to = kpi_periods.datetime_range(
                date_from, date_to, company.partner_id.tz
            )
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
        """{user id: (satisfied, rated)}: the rated callbacks done in
        ``[dt_from, dt_to)`` that follow up what the users served
        (``served_user_id``), in one grouped query."""
        if not users:
            return {}
        Callback = self.env["service.callback"].sudo()
        query = Callback._search(
            [
                *Callback._callback_rated_domain(),
                *Callback._callback_served_domain(),
                ("done_datetime", ">=", dt_from),
                ("done_datetime", "<", dt_to),
            ]
        )
        served = Callback._served_user_sql(SQL.identifier(query.table))
        query.add_where(SQL("%s = ANY(%s)", served, users.ids))
        query.groupby = SQL("1")
        satisfied = Callback._where_calc(
            Callback._callback_satisfied_domain(), active_test=False
        ).where_clause
        rows = self.env.execute_query(
            query.select(
                served,
                SQL("COUNT(*) FILTER (WHERE %s)", satisfied),
                SQL("COUNT(*)"),
            )
        )
        return {user_id: (satisfied, rated) for user_id, satisfied, rated in rows}

    @api.model
    def _get_survey_ratings(self, users, dt_from, dt_to):
        """{user id: (satisfied, answered)}: the scored customer surveys sent
        with the callbacks that follow up what the users served
        (``served_user_id``) and completed in ``[dt_from, dt_to)``, in one
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
        self.env["service.callback"].flush_model(
            ["res_model", "res_id", "state", "rating"]
        )
        served = self.env["service.callback"]._served_user_sql(SQL("cb"))
        rows = self.env.execute_query(
            SQL(
                """
                SELECT %s AS served, ui.scoring_percentage, COUNT(*)
                  FROM survey_user_input ui
                  JOIN service_callback cb ON cb.id = ui.callback_id
                  JOIN survey_survey sv ON sv.id = ui.survey_id
                 WHERE ui.state = 'done'
                   AND ui.end_datetime >= %s
                   AND ui.end_datetime < %s
                   AND %s = ANY(%s)
                   AND sv.scoring_type != 'no_scoring'
                   AND NOT (cb.state = 'done' AND cb.rating IS NOT NULL)
              GROUP BY 1, ui.scoring_percentage
                """,
                served,
                dt_from,
                dt_to,
                served,
                users.ids,
            )
        )
        counts = defaultdict(lambda: [0, 0])
        for user_id, percentage, count in rows:
            counts[user_id][1] += count
            if rating_from_score(score_from_percentage(percentage)) == "satisfied":
                counts[user_id][0] += count
        return {user_id: tuple(pair) for user_id, pair in counts.items()}
