# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

import pytz

from odoo import models
from odoo.exceptions import UserError


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _get_work_intervals(self, first_start, last_start, hours):
        """Working intervals of the calendar (attendances minus its leaves and
        the company's public holidays), as time-zone aware ``(start, stop)``
        pairs, from ``first_start`` far enough past ``last_start`` to hold
        ``hours`` of work; ``first_start`` and ``last_start`` are naive UTC.

        Without a calendar (an empty recordset) or without attendances, time
        runs round the clock: one interval from ``first_start`` to an hour past
        ``last_start`` plus ``hours``."""
        start = pytz.utc.localize(first_start)
        last = pytz.utc.localize(last_start)
        if not self or not self.attendance_ids:
            return [(start, last + datetime.timedelta(hours=hours + 1))]
        self.ensure_one()
        wanted = datetime.timedelta(hours=hours)
        per_day = self.hours_per_day or 8.0
        # calendar days holding ``hours`` on five working days a week, plus two
        # weeks of holidays; three times longer on each new attempt
        days = int(hours / per_day * 7 / 5) + 14
        for _attempt in range(4):
            end = last + datetime.timedelta(days=days)
            found = self._work_intervals_batch(start, end)[False]
            intervals = [(begin, stop) for begin, stop, _records in found]
            after_last = sum(
                (stop - max(begin, last) for begin, stop in intervals if stop > last),
                datetime.timedelta(0),
            )
            if after_last >= wanted:
                return intervals
            days *= 3
        raise UserError(
            self.env._(
                "The working calendar %(calendar)s has too little working time to "
                "compute the deadlines; add working hours or remove leaves.",
                calendar=self.display_name,
            )
        )
